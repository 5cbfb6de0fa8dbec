#include "ui/common/RelativeTime.h"

#include <QCoreApplication>
#include <QLocale>

namespace hftm::RelativeTime {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::RelativeTime", text);
}

// English singular/plural chosen here because no translation catalogue ships yet, and "%n day(s)" would
// show literally; each form is still a separate translatable string.
QString count(qint64 n, const char *one, const char *many)
{
    return n == 1 ? tr(one) : tr(many).arg(n);
}

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
} // namespace

QString since(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid() || !now.isValid())
        return {};
    // A clock a little ahead of ours (or a file written "in the future") still reads as "just now".
    const qint64 seconds = qMax<qint64>(0, when.secsTo(now));
    if (seconds < Minute)
        return tr("just now");
    if (seconds < Hour)
        return tr("%1 min ago").arg(seconds / Minute);
    if (seconds < Day)
        return tr("%1 h ago").arg(seconds / Hour);
    if (seconds < 60 * Day)
        return count(seconds / Day, "1 day ago", "%1 days ago");
    if (seconds < 365 * Day)
        return count(seconds / (30 * Day), "1 month ago", "%1 months ago");
    return count(seconds / (365 * Day), "1 year ago", "%1 years ago");
}

QString until(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid() || !now.isValid())
        return {};
    const qint64 seconds = now.secsTo(when);
    if (seconds <= 0)
        return tr("expired");
    if (seconds < Hour)
        return tr("in %1 min").arg(qMax<qint64>(1, seconds / Minute));
    if (seconds < Day)
        return tr("in %1 h").arg(seconds / Hour);
    if (seconds < 365 * Day)
        return count(seconds / Day, "in 1 day", "in %1 days");
    return count(seconds / (365 * Day), "in 1 year", "in %1 years");
}

QString shortDate(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace hftm::RelativeTime
