#pragma once

#include "core/runs/CheckRun.h"

#include <QDateTime>
#include <QString>

namespace hftm {

class TokenStore;

// How a finished check run left its tokens, counted by the state each is shown in afterwards
// (tokenStateView), and how many the Hub did not answer this time. A token the Hub did not answer is
// counted by its last real verdict, and again in notChecked: so "9 valid, 1 expired, 2 invalid;
// 11 could not be checked" rather than a "Validated 12 tokens." that checked nothing.
struct CheckRunCounts {
    int total = 0;
    int valid = 0;
    int expiring = 0;
    int expired = 0;
    int invalid = 0;
    int unchecked = 0;  // no verdict from the Hub, ever
    int notChecked = 0; // no verdict this run: Hub unreachable, rate-limited, secret unreadable, stopped

    // Counts the run's names as the store records them now (after the run's write).
    static CheckRunCounts of(const CheckSummary &summary, const TokenStore &store, const QDateTime &now,
                             int warningDays);
    // One sentence for the status bar: "Validated 12 tokens." when every token was answered and is valid,
    // "Validated 12 tokens: 10 valid, 2 invalid." when answered with problems, and
    // "9 valid, 1 expired, 2 invalid; 11 could not be checked." when some went unanswered.
    QString text() const;
};

} // namespace hftm
