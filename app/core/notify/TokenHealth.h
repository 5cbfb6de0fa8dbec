#pragma once

#include "core/base/TokenExpiry.h"
#include "core/base/TokenRecord.h"

#include <QDateTime>

namespace hftm {

// How a stored token is doing, as the tray and the notifications see it: the Hub's last verdict
// combined with the core's expiry judgement (expiryState). Unreachable / RateLimited answers never
// change it.
enum class TokenHealth {
    Unchecked, // never judged by the Hub and no known expiry problem
    Valid,     // the Hub said valid and it does not expire within the warning window
    Expiring,  // expires within the warning window (the Hub may still say valid)
    Invalid,   // the Hub rejected it (invalid / revoked / expired) or its expiry has passed
};

// The same thresholds as the window's table, because both ask expiryState(): expired when
// expires <= now, expiring when fewer than warningDays * 24 h remain. warningDays <= 0 turns
// "expiring" off.
TokenHealth tokenHealth(const TokenRecord &record, const QDateTime &now, int warningDays);

// True when the token is rejected because of its expiry (Hub verdict Expired or the date has passed).
bool hasExpired(const TokenRecord &record, const QDateTime &now);

} // namespace hftm
