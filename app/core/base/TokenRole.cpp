#include "core/base/TokenRole.h"

#include <QCoreApplication>

namespace hftm {

QString tokenRoleText(const QString &role)
{
    if (role == QLatin1String("read"))
        return QCoreApplication::translate("hftm::TokenRole", "read");
    if (role == QLatin1String("write"))
        return QCoreApplication::translate("hftm::TokenRole", "write");
    if (role == QLatin1String("fineGrained"))
        return QCoreApplication::translate("hftm::TokenRole", "fine-grained");
    return role;
}

} // namespace hftm
