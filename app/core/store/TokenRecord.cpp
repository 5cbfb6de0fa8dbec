#include "store/TokenRecord.h"

#include <QCoreApplication>

namespace hftm {

namespace {
struct StatusName {
    TokenStatus status;
    const char *id;
};
constexpr StatusName StatusNames[] = {
    {TokenStatus::Unchecked, "unchecked"},      {TokenStatus::Valid, "valid"},
    {TokenStatus::Expired, "expired"},          {TokenStatus::Invalid, "invalid"},
    {TokenStatus::RateLimited, "rate-limited"}, {TokenStatus::Unreachable, "unreachable"},
};
} // namespace

QString tokenStatusId(TokenStatus status)
{
    for (const auto &entry : StatusNames) {
        if (entry.status == status)
            return QString::fromLatin1(entry.id);
    }
    return QStringLiteral("unchecked");
}

TokenStatus tokenStatusFromId(const QString &id)
{
    for (const auto &entry : StatusNames) {
        if (id == QLatin1String(entry.id))
            return entry.status;
    }
    return TokenStatus::Unchecked;
}

QString tokenStatusText(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Unchecked:
        return QCoreApplication::translate("hftm::TokenStatus", "not checked");
    case TokenStatus::Valid:
        return QCoreApplication::translate("hftm::TokenStatus", "valid");
    case TokenStatus::Expired:
        return QCoreApplication::translate("hftm::TokenStatus", "expired");
    case TokenStatus::Invalid:
        return QCoreApplication::translate("hftm::TokenStatus", "invalid or revoked");
    case TokenStatus::RateLimited:
        return QCoreApplication::translate("hftm::TokenStatus", "rate-limited by the Hub");
    case TokenStatus::Unreachable:
        return QCoreApplication::translate("hftm::TokenStatus", "Hub unreachable");
    }
    return {};
}

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

QDateTime TokenRecord::expires() const
{
    if (check.whoami && check.whoami->expiresAt.isValid())
        return check.whoami->expiresAt;
    return oauthExpiresAt;
}

} // namespace hftm
