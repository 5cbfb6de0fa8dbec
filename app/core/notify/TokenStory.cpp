#include "core/notify/TokenStory.h"

#include "core/base/TokenExpiry.h"

#include <QCoreApplication>
#include <QLocale>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::TokenStory", text);
}

constexpr qint64 DaySeconds = 24 * 60 * 60;

// Told from what the Hub and the dates say (view.judged); "checking" wraps it.
class Teller {
public:
    Teller(const TokenStateView &view, const TokenRecord &record, const QDateTime &now, const StoryTime &time)
        : m_view(view)
        , m_record(record)
        , m_now(now)
        , m_time(time)
    {
    }

    TokenStory judged() const
    {
        TokenStory story;
        story.state = m_view.judged;
        const QDateTime expires = m_record.expires();
        switch (m_view.judged) {
        case TokenState::Valid:
            story.headline = m_view.verdictAt.isValid()
                                 ? tr("Valid — checked %1").arg(moment(m_view.verdictAt))
                                 : tr("Valid");
            if (expires.isValid())
                story.sentence =
                    tr("The Hub accepts this token; it expires on %1.").arg(m_time.date(expires));
            else if (expiryState(m_record, m_now, 0) == ExpiryState::None)
                story.sentence = tr("The Hub accepts this token; it never expires.");
            else
                story.sentence = tr("The Hub accepts this token.");
            break;
        case TokenState::Expiring: {
            const QString until = m_time.until ? m_time.until(expires) : QString();
            story.headline = until.isEmpty() ? tr("Expires on %1").arg(m_time.date(expires))
                                             : tr("Expires on %1 (%2)").arg(m_time.date(expires), until);
            story.sentence = tr("The Hub accepts it until then: make a new token on the Hub and replace this "
                                "one before it stops working.");
            story.steps = {TokenStep::Replace, TokenStep::OpenTokenPage};
            break;
        }
        case TokenState::Expired:
            if (expires.isValid() && expires <= m_now)
                story.headline = tr("Expired on %1").arg(m_time.date(expires));
            else if (m_view.verdictAt.isValid())
                story.headline = tr("Expired — the Hub said so %1").arg(moment(m_view.verdictAt));
            else
                story.headline = tr("Expired");
            story.sentence = tr("The Hub no longer accepts it: make a new token on the Hub and replace this "
                                "one, or remove it.");
            story.steps = {TokenStep::Replace, TokenStep::Remove, TokenStep::OpenTokenPage};
            break;
        case TokenState::Invalid:
            story.headline = m_view.verdictAt.isValid()
                                 ? tr("Rejected by the Hub %1").arg(moment(m_view.verdictAt))
                                 : tr("Rejected by the Hub");
            story.sentence = tr("The Hub no longer accepts this token (revoked, or the secret is wrong): "
                                "replace it with a new one, or remove it.");
            story.steps = {TokenStep::Replace, TokenStep::Remove, TokenStep::OpenTokenPage};
            break;
        case TokenState::Unchecked:
        case TokenState::Checking:
            story.state = TokenState::Unchecked;
            story.headline = tr("Not checked yet");
            story.sentence = tr("Validate it to see the account behind it and what it may do.");
            break;
        }
        if (m_view.notReached) {
            // The attempt that failed is news, never a verdict: the story above stays, this says why
            // it is not newer.
            const QString why = tokenStatusText(m_view.lastAttempt);
            if (m_view.judged == TokenState::Unchecked)
                story.sentence = tr("The last check, %1, got no answer (%2); validate it again once the Hub "
                                    "can be reached.")
                                     .arg(moment(m_view.attemptAt), why);
            else
                story.sentence += QLatin1Char(' ') +
                                  tr("The last check, %1, got no answer (%2), so this is what the Hub said "
                                     "before.")
                                      .arg(moment(m_view.attemptAt), why);
        }
        story.diagnostic = diagnostic();
        return story;
    }

private:
    // "4 min ago" within a day, when the view can say so; "on 3 Nov 2026" otherwise.
    QString moment(const QDateTime &when) const
    {
        if (m_time.since && when.isValid() && when.secsTo(m_now) < DaySeconds)
            return m_time.since(when);
        return tr("on %1").arg(m_time.date(when));
    }

    QString diagnostic() const
    {
        const TokenCheck &check = m_record.check;
        if (check.status == TokenStatus::Unchecked || check.status == TokenStatus::Valid ||
            check.message.isEmpty())
            return {};
        QStringList lines{
            tr("Last check: %1 at %2")
                .arg(tokenStatusId(check.status), check.checkedAt.toUTC().toString(Qt::ISODate))};
        if (m_view.notReached && check.verdictAt.isValid())
            lines << tr("Last verdict: %1 at %2")
                         .arg(tokenStatusId(check.verdict), check.verdictAt.toUTC().toString(Qt::ISODate));
        lines << check.message;
        return lines.join(QLatin1Char('\n'));
    }

    const TokenStateView &m_view;
    const TokenRecord &m_record;
    const QDateTime &m_now;
    const StoryTime &m_time;
};

} // namespace

StoryTime StoryTime::datesOnly()
{
    StoryTime time;
    time.date = [](const QDateTime &when) {
        return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
    };
    return time;
}

TokenStory tokenStory(const TokenStateView &view, const TokenRecord &record, const QDateTime &now,
                      const StoryTime &time)
{
    TokenStory story = Teller(view, record, now, time).judged();
    if (view.state == TokenState::Checking) {
        // The steps of what is known stay offered: a check in flight decides nothing yet.
        story.sentence = tr("Until the Hub answers, the last known state stands: %1.").arg(story.headline);
        story.headline = tr("Checking with the Hub…");
        story.state = TokenState::Checking;
    }
    return story;
}

} // namespace hftm
