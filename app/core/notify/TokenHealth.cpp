#include "core/notify/TokenHealth.h"

namespace hftm {

namespace {
constexpr qint64 SecondsPerDay = 24 * 3600;
}

bool hasExpired(const TokenRecord &record, const QDateTime &now)
{
    if (record.check.verdict == TokenStatus::Expired)
        return true;
    const QDateTime expires = record.expires();
    return expires.isValid() && expires <= now;
}

TokenHealth tokenHealth(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    if (record.check.verdict == TokenStatus::Invalid || hasExpired(record, now))
        return TokenHealth::Invalid;
    const QDateTime expires = record.expires();
    if (expires.isValid() && warningDays > 0 && now.secsTo(expires) < qint64(warningDays) * SecondsPerDay)
        return TokenHealth::Expiring;
    return record.check.verdict == TokenStatus::Valid ? TokenHealth::Valid : TokenHealth::Unchecked;
}

int daysLeft(const QDateTime &expires, const QDateTime &now)
{
    return int(qMax<qint64>(0, now.secsTo(expires)) / SecondsPerDay);
}

} // namespace hftm
