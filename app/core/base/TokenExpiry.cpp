#include "core/base/TokenExpiry.h"

namespace hftm {

namespace {
constexpr qint64 SecondsPerDay = 24 * 3600;
}

ExpiryState expiryState(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    const QDateTime expires = record.expires();
    if (!expires.isValid())
        return record.check.whoami ? ExpiryState::None : ExpiryState::Unknown;
    if (expires <= now)
        return ExpiryState::Expired;
    if (warningDays > 0 && now.secsTo(expires) < qint64(warningDays) * SecondsPerDay)
        return ExpiryState::Soon;
    return ExpiryState::Ok;
}

int daysLeft(const QDateTime &expires, const QDateTime &now)
{
    return int(qMax<qint64>(0, now.secsTo(expires)) / SecondsPerDay);
}

} // namespace hftm
