#pragma once

#include "core/notify/TokenStateView.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

namespace hftm {

// What a state calls for; the view that tells the story offers one button (or command) per step.
enum class TokenStep {
    Replace,       // store a new secret under this name
    Remove,        // remove the token from this computer
    OpenTokenPage, // the Hub's token settings page, where a new token is made or this one is revoked
};

// How moments read in a story. The core has only dates; a view with a relative-time vocabulary
// ("4 min ago") passes its own.
struct StoryTime {
    std::function<QString(const QDateTime &)> since; // a past moment: "4 min ago"
    std::function<QString(const QDateTime &)> until; // a future moment: "in 5 days"
    std::function<QString(const QDateTime &)> date;  // a day: "21 Sep 2026"

    // Dates only, in the user's locale ("on 21/09/2026"): what the CLI can say without a clock face.
    static StoryTime datesOnly();
};

// One token's state told once, in words, for the details pane (and anything else that explains a
// token): a headline ("Valid — checked 4 min ago"), one explanatory sentence that never contradicts
// it, the raw words of the last attempt (the Hub's message and request id) kept apart for on-demand
// display, and the next steps. Built on tokenStateView, so it says what the Status column says.
struct TokenStory {
    TokenState state = TokenState::Unchecked; // the state the headline tells: its icon and colour
    QString headline;
    QString sentence;
    // Empty when the last attempt has nothing to add (no attempt yet, or a plain "valid"); otherwise
    // its status, time and the Hub's or the network's raw text. Never the secret (already redacted).
    QString diagnostic;
    QList<TokenStep> steps;
};

TokenStory tokenStory(const TokenStateView &view, const TokenRecord &record, const QDateTime &now,
                      const StoryTime &time = StoryTime::datesOnly());

} // namespace hftm
