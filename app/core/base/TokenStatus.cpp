#include "core/base/TokenStatus.h"

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

} // namespace hftm
