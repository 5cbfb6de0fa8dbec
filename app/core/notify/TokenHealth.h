#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>

namespace hftm {

// How a stored token is doing, as the tray and the notifications see it: the Hub's last verdict
// combined with the known expiry. Unreachable / RateLimited answers never change it.
enum class TokenHealth {
    Unchecked, // never judged by the Hub and no known expiry problem
    Valid,     // the Hub said valid and it does not expire within the warning window
    Expiring,  // expires within the warning window (the Hub may still say valid)
    Invalid,   // the Hub rejected it (invalid / revoked / expired) or its expiry has passed
};

// Same thresholds as the main window's table: expired when expires <= now, expiring when fewer than
// warningDays * 24 h remain. warningDays <= 0 turns "expiring" off.
TokenHealth tokenHealth(const TokenRecord &record, const QDateTime &now, int warningDays);

// True when the token is rejected because of its expiry (Hub verdict Expired or the date has passed).
bool hasExpired(const TokenRecord &record, const QDateTime &now);

// Whole days left until the expiry, rounded down like the window's "in N days" (30 hours -> 1); 0 if
// less than a day is left or it has passed.
int daysLeft(const QDateTime &expires, const QDateTime &now);

} // namespace hftm
