#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>
#include <QString>

namespace hftm {

// Why making this token the active one deserves a question first: the Hub rejected it, or it has
// expired, so every program that reads the token file would fail with it. Empty when it activates
// without a question (valid, expiring soon, never checked). The window and the tray ask with these words.
QString activationWarning(const TokenRecord &record, const QDateTime &now);

// The accepting button of that question.
QString activationWarningAcceptText();

} // namespace hftm
