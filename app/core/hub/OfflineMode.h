#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace hftm {

// huggingface_hub's HF_HUB_OFFLINE: when it holds a true value, nothing may be sent to the Hub.
namespace OfflineMode {

// 1, ON, YES or TRUE in any case (huggingface_hub's truthy values), exactly as Python compares them.
bool isTrue(const QString &value);
bool isOn(); // this process's HF_HUB_OFFLINE; cheap enough to ask on every request
bool isOn(const QProcessEnvironment &environment);
// The sentence every refused request carries, so the CLI and the window say the same thing.
QString message();

} // namespace OfflineMode
} // namespace hftm
