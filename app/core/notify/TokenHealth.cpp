#include "core/notify/TokenHealth.h"

namespace hftm {

bool hasExpired(const TokenRecord &record, const QDateTime &now)
{
    return record.check.verdict == TokenStatus::Expired ||
           expiryState(record, now, 0) == ExpiryState::Expired;
}

TokenHealth tokenHealth(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    if (record.check.verdict == TokenStatus::Invalid || record.check.verdict == TokenStatus::Expired)
        return TokenHealth::Invalid;
    switch (expiryState(record, now, warningDays)) {
    case ExpiryState::Expired:
        return TokenHealth::Invalid;
    case ExpiryState::Soon:
        return TokenHealth::Expiring;
    case ExpiryState::Unknown:
    case ExpiryState::None:
    case ExpiryState::Ok:
        break;
    }
    return record.check.verdict == TokenStatus::Valid ? TokenHealth::Valid : TokenHealth::Unchecked;
}

} // namespace hftm
