#include "core/notify/ExpiryNotifier.h"

#include "core/store/TokenStore.h"

#include <QLocale>

namespace hftm {

namespace {
const QString ExpiryKey = QStringLiteral("expiry:");
const QString InvalidKey = QStringLiteral("invalid:");
constexpr int MaxNamesListed = 5; // beyond that the notification bubble gets cut anyway

// English singular and plural picked here, like RelativeTime: no translation catalogue ships yet and
// "%n day(s)" would show literally. Each form is still its own translatable string.
QString inDays(int days)
{
    if (days <= 0)
        return ExpiryNotifier::tr("within a day");
    if (days == 1)
        return ExpiryNotifier::tr("in 1 day");
    return ExpiryNotifier::tr("in %1 days").arg(days);
}
} // namespace

ExpiryNotifier::ExpiryNotifier(TokenStore *store, QString logPath, NowFunction now, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_log(std::move(logPath))
    , m_now(std::move(now))
{
    m_log.load();
}

void ExpiryNotifier::evaluate()
{
    const QDateTime now = m_now();
    // "Once a day" means the user's day, not UTC's.
    const QDate today = now.toLocalTime().date();
    const int warningDays = m_store->settings().expiryWarningDays;
    checkActive(now, today, warningDays);
    checkExpiries(now, today, warningDays);
    m_log.prune(today);
    if (m_log.isDirty())
        m_log.save(); // a failed save only means a notice may be repeated after a restart
}

void ExpiryNotifier::checkActive(const QDateTime &now, const QDate &today, int warningDays)
{
    const ActiveToken active = m_store->active();
    // An HF_TOKEN override is not ours to judge: the icon shows it, the user set it on purpose.
    if (active.source != ActiveToken::Source::TokenFile || active.name.isEmpty())
        return;
    const std::optional<TokenRecord> record = m_store->token(active.name);
    if (!record)
        return;
    const QString key = InvalidKey + record->name;
    if (tokenHealth(*record, now, warningDays) != TokenHealth::Invalid) {
        m_log.forget(key); // valid again: the next failure is news
        return;
    }
    if (m_log.toldEver(key))
        return;
    m_log.markTold(key, today);
    const QString text =
        hasExpired(*record, now)
            ? tr("The active token \u201C%1\u201D has expired. Tools that read the token file will fail; "
                 "pick another token from the tray menu.")
                  .arg(record->name)
            : tr("The Hub rejected the active token \u201C%1\u201D (invalid or revoked). Tools that read the "
                 "token file will fail; pick another token from the tray menu.")
                  .arg(record->name);
    Q_EMIT notify(tr("Active token no longer valid"), text, true, {key});
}

void ExpiryNotifier::checkExpiries(const QDateTime &now, const QDate &today, int warningDays)
{
    QStringList due;
    QStringList subjects;
    QDateTime soonest;
    for (const TokenRecord &record : m_store->tokens()) {
        if (tokenHealth(record, now, warningDays) != TokenHealth::Expiring)
            continue;
        const QString key = ExpiryKey + record.name;
        if (m_log.toldOn(key, today))
            continue;
        m_log.markTold(key, today);
        due << record.name;
        subjects << key;
        if (!soonest.isValid() || record.expires() < soonest)
            soonest = record.expires();
    }
    if (due.isEmpty())
        return;
    const QString when = inDays(daysLeft(soonest, now));
    if (due.size() == 1) {
        Q_EMIT notify(
            tr("Token expires soon"),
            tr("\u201C%1\u201D expires %2, on %3. Create a new token on the Hub and add it before then.")
                .arg(due.first(), when,
                     QLocale().toString(soonest.toLocalTime().date(), QLocale::ShortFormat)),
            false, subjects);
        return;
    }
    // Many tokens expiring together (e.g. created in one go) make one bubble, not a storm of them.
    QStringList listed = due.mid(0, MaxNamesListed);
    if (due.size() > MaxNamesListed)
        listed << tr("%1 more").arg(due.size() - MaxNamesListed);
    Q_EMIT notify(tr("%1 tokens expire soon").arg(due.size()),
                  tr("%1. The first expires %2.").arg(listed.join(QStringLiteral(", ")), when), false,
                  subjects);
}

} // namespace hftm
