#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace hftm {

// The state a token is shown in, everywhere: the window's Status column and details pane, the tray and
// `hftoken list`. Decided once here from the Hub's last verdict, the core's expiry judgement
// (tokenHealth, so the tray's warnings agree) and whether a check is going on right now.
enum class TokenState {
    Valid,     // the Hub said valid and it does not expire within the warning window
    Expiring,  // expires within the warning window (Settings::expiryWarningDays)
    Expired,   // the Hub said expired, or its expiry has passed
    Invalid,   // the Hub rejected it (invalid or revoked)
    Unchecked, // the Hub never judged it and no expiry problem is known
    Checking,  // a check is going on right now (only when the caller says so)
};

// One token's state as shown, with what the last attempt adds to it.
struct TokenStateView {
    TokenState state = TokenState::Unchecked;  // what to show
    TokenState judged = TokenState::Unchecked; // the same without "checking": what the answers say
    // The last attempt did not reach the Hub (network trouble or rate limiting): 'judged' comes from an
    // older answer (verdictAt), or from none. Never a verdict of its own.
    bool notReached = false;
    TokenStatus lastAttempt = TokenStatus::Unchecked; // the record's check.status
    QDateTime attemptAt;                              // when that attempt finished
    QDateTime verdictAt;                              // when the Hub last gave a verdict

    // Problems first: invalid, expired, expiring, never checked, valid. A check going on does not move
    // a row (it sorts by what is known); within one state the tokens the Hub did not answer come first.
    int sortRank() const;
};

// warningDays <= 0 turns "expiring" off, as in expiryState(). checking: a run is checking it now.
TokenStateView tokenStateView(const TokenRecord &record, const QDateTime &now, int warningDays,
                              bool checking = false);

// "valid", "expiring", "expired", "invalid", "unchecked", "checking": stable, for the CLI and icons.
QString tokenStateId(TokenState state);
// Translated words for people: "valid", "expires soon", "expired", "invalid", "not checked", "checking…".
QString tokenStateText(TokenState state);
// What a filter matches a token's state by: the stable id and the translated words of the state, and of
// the failed attempt when the Hub was not reached ("unreachable", "Hub unreachable").
QStringList tokenStateSearchWords(const TokenStateView &view);

} // namespace hftm

Q_DECLARE_METATYPE(hftm::TokenState)
