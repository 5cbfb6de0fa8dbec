#pragma once

#include <QString>

namespace hftm {

// How people say a Hub token role: "read", "write", "fine-grained"; unknown roles as the Hub spells them.
QString tokenRoleText(const QString &role);

} // namespace hftm
