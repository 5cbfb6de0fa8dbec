#include "core/base/TokenRole.h"

#include <QCoreApplication>

namespace hftm {

TokenRole parseTokenRole(const QString &hubRole)
{
    if (hubRole == QLatin1String("read"))
        return TokenRole::Read;
    if (hubRole == QLatin1String("write"))
        return TokenRole::Write;
    if (hubRole == QLatin1String("fineGrained"))
        return TokenRole::FineGrained;
    return TokenRole::Unknown;
}

QString tokenRoleText(TokenRole role, const QString &hubRole)
{
    switch (role) {
    case TokenRole::Read:
        return QCoreApplication::translate("hftm::TokenRole", "read");
    case TokenRole::Write:
        return QCoreApplication::translate("hftm::TokenRole", "write");
    case TokenRole::FineGrained:
        return QCoreApplication::translate("hftm::TokenRole", "fine-grained");
    case TokenRole::Unknown:
        break;
    }
    return hubRole;
}

} // namespace hftm
