#include "core/notify/TokenStateView.h"

#include "core/notify/TokenHealth.h"

#include <QCoreApplication>

namespace hftm {

namespace {
TokenState judgedState(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    // Built on tokenHealth() so the tray's icon, its menu warnings and the notifications can never say
    // otherwise; only its Invalid is split, because "expired" and "invalid" call for different steps.
    switch (tokenHealth(record, now, warningDays)) {
    case TokenHealth::Invalid:
        return hasExpired(record, now) ? TokenState::Expired : TokenState::Invalid;
    case TokenHealth::Expiring:
        return TokenState::Expiring;
    case TokenHealth::Valid:
        return TokenState::Valid;
    case TokenHealth::Unchecked:
        break;
    }
    return TokenState::Unchecked;
}

int stateRank(TokenState state)
{
    switch (state) {
    case TokenState::Invalid:
        return 0;
    case TokenState::Expired:
        return 1;
    case TokenState::Expiring:
        return 2;
    case TokenState::Unchecked:
    case TokenState::Checking:
        return 3;
    case TokenState::Valid:
        break;
    }
    return 4;
}
} // namespace

int TokenStateView::sortRank() const
{
    return stateRank(judged) * 2 + (notReached ? 0 : 1);
}

TokenStateView tokenStateView(const TokenRecord &record, const QDateTime &now, int warningDays, bool checking)
{
    TokenStateView view;
    view.judged = judgedState(record, now, warningDays);
    view.state = checking ? TokenState::Checking : view.judged;
    view.lastAttempt = record.check.status;
    view.notReached =
        record.check.status == TokenStatus::Unreachable || record.check.status == TokenStatus::RateLimited;
    view.attemptAt = record.check.checkedAt;
    view.verdictAt = record.check.verdictAt;
    return view;
}

QString tokenStateId(TokenState state)
{
    switch (state) {
    case TokenState::Valid:
        return QStringLiteral("valid");
    case TokenState::Expiring:
        return QStringLiteral("expiring");
    case TokenState::Expired:
        return QStringLiteral("expired");
    case TokenState::Invalid:
        return QStringLiteral("invalid");
    case TokenState::Checking:
        return QStringLiteral("checking");
    case TokenState::Unchecked:
        break;
    }
    return QStringLiteral("unchecked");
}

QString tokenStateText(TokenState state)
{
    switch (state) {
    case TokenState::Valid:
        return QCoreApplication::translate("hftm::TokenState", "valid");
    case TokenState::Expiring:
        return QCoreApplication::translate("hftm::TokenState", "expires soon");
    case TokenState::Expired:
        return QCoreApplication::translate("hftm::TokenState", "expired");
    case TokenState::Invalid:
        return QCoreApplication::translate("hftm::TokenState", "invalid");
    case TokenState::Checking:
        return QCoreApplication::translate("hftm::TokenState", "checking\u2026");
    case TokenState::Unchecked:
        break;
    }
    return QCoreApplication::translate("hftm::TokenState", "not checked");
}

QStringList tokenStateSearchWords(const TokenStateView &view)
{
    QStringList words{tokenStateId(view.state), tokenStateText(view.state)};
    if (view.state != view.judged)
        words << tokenStateId(view.judged) << tokenStateText(view.judged);
    if (view.notReached)
        words << tokenStatusId(view.lastAttempt) << tokenStatusText(view.lastAttempt);
    return words;
}

} // namespace hftm
