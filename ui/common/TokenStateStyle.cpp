#include "ui/common/TokenStateStyle.h"

#include "ui/common/RelativeTime.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace hftm::TokenStateStyle {

namespace {
QString tr(const char *text, const char *disambiguation = nullptr)
{
    return QCoreApplication::translate("hftm::TokenStateStyle", text, disambiguation);
}
} // namespace

QIcon icon(TokenState state, const QStyle *style)
{
    if (!style)
        style = QApplication::style();
    if (!style)
        return {};
    switch (state) {
    case TokenState::Valid:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case TokenState::Expiring:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case TokenState::Expired:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case TokenState::Invalid:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    case TokenState::Checking:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case TokenState::Unchecked:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxQuestion);
}

QColor color(TokenState state, const QPalette &palette)
{
    // Chosen against the base the text sits on: the light variants keep >= 4.5:1 on white, the dark
    // variants on the usual dark bases (#2a2a2a and darker).
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (state) {
    case TokenState::Valid:
        return dark ? QColor(120, 210, 130) : QColor(0, 110, 40);
    case TokenState::Expiring:
        return dark ? QColor(255, 190, 90) : QColor(158, 84, 0);
    case TokenState::Expired:
    case TokenState::Invalid:
        return dark ? QColor(255, 120, 110) : QColor(176, 0, 32);
    case TokenState::Unchecked:
    case TokenState::Checking:
        break;
    }
    return {};
}

QString lastCheckText(const TokenRecord &record, const QDateTime &now)
{
    const TokenCheck &check = record.check;
    if (check.status == TokenStatus::Unchecked || !check.checkedAt.isValid())
        return tokenStatusText(TokenStatus::Unchecked);
    const QString since = RelativeTime::since(check.checkedAt, now);
    if (check.status != TokenStatus::Unreachable && check.status != TokenStatus::RateLimited)
        return tr("%1 · %2", "verdict · when").arg(tokenStatusText(check.status), since);
    // The attempt gave no verdict: the one the Hub gave before stays in front, in the Status column's
    // short words ("invalid", not "invalid or revoked"), so the cell still fits.
    TokenState verdict = TokenState::Unchecked;
    if (check.verdict == TokenStatus::Valid)
        verdict = TokenState::Valid;
    else if (check.verdict == TokenStatus::Expired)
        verdict = TokenState::Expired;
    else if (check.verdict == TokenStatus::Invalid)
        verdict = TokenState::Invalid;
    return tr("%1 · %2 %3", "last verdict · why the last check gave none, when")
        .arg(tokenStateText(verdict), tokenStatusText(check.status), since);
}

QString explanation(const TokenStateView &view, const TokenRecord &record, const QDateTime &now)
{
    QStringList sentences{tr("State: %1.").arg(tokenStateText(view.state))};
    if (view.state == TokenState::Checking)
        sentences << tr("Until the Hub answers: %1.").arg(tokenStateText(view.judged));
    if (view.verdictAt.isValid())
        sentences << tr("The Hub's last answer: %1, %2.")
                         .arg(tokenStatusText(record.check.verdict),
                              RelativeTime::since(view.verdictAt, now));
    if (view.notReached) {
        QString attempt =
            tr("The last check (%1) got no answer: %2.")
                .arg(RelativeTime::since(view.attemptAt, now), tokenStatusText(view.lastAttempt));
        if (!record.check.message.isEmpty())
            attempt += QLatin1Char(' ') + record.check.message;
        sentences << attempt;
    } else if (!record.check.message.isEmpty()) {
        sentences << record.check.message;
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace hftm::TokenStateStyle
