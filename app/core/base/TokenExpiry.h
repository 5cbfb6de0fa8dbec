#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>
#include <QMetaType>

namespace hftm {

// How a token's known expiry stands at an instant. Judged here, once, from the record, the warning
// window and "now", so the table, the details pane, the tray, the notifications and the CLI agree.
enum class ExpiryState {
    Unknown, // no expiry known and the Hub never described the token: nothing to say yet
    None,    // the Hub described it and no expiry is known: it never expires
    Ok,      // expires later than the warning window
    Soon,    // expires within the warning window (fewer than warningDays * 24 h left)
    Expired, // the expiry has passed (expires <= now)
};

// warningDays <= 0 turns "soon" off. The expiry is TokenRecord::expires() (the Hub's, else OAuth's).
ExpiryState expiryState(const TokenRecord &record, const QDateTime &now, int warningDays);

// Whole days left until 'expires', rounded down like "in N days" (30 hours -> 1); 0 when less than a
// day is left or it has passed.
int daysLeft(const QDateTime &expires, const QDateTime &now);

} // namespace hftm

Q_DECLARE_METATYPE(hftm::ExpiryState)
