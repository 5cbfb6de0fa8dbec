#include "ui/tray/TrayMenuTokens.h"

#include "core/notify/TokenHealth.h"
#include "core/notify/TokenStateView.h"
#include "ui/common/RelativeTime.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace hftm::TrayMenuTokens {

namespace {
const QChar WarningMark(0x26A0); // ⚠

QString tr(const char *text, const char *disambiguation = nullptr)
{
    return QCoreApplication::translate("hftm::TrayController", text, disambiguation);
}

bool isProblem(TokenState state)
{
    return state == TokenState::Invalid || state == TokenState::Expired || state == TokenState::Expiring;
}
} // namespace

QStringList pick(const QList<TokenRecord> &records, const QString &activeName, const QStringList &recent,
                 const QDateTime &now, int warningDays)
{
    QStringList names;
    if (records.size() <= ListsAll) {
        for (const TokenRecord &record : records)
            names << record.name;
        return names;
    }
    QSet<QString> taken;
    auto take = [&names, &taken](const QString &name) {
        if (names.size() < ShortList && !taken.contains(name)) {
            taken.insert(name);
            names << name;
        }
    };
    QSet<QString> stored;
    for (const TokenRecord &record : records)
        stored.insert(record.name);
    if (stored.contains(activeName))
        take(activeName);

    // Problems first, the worst and then the soonest to expire leading: what the user has to act on.
    struct Problem {
        int rank;
        QDateTime expires;
        QString name;
    };
    QList<Problem> problems;
    for (const TokenRecord &record : records) {
        const TokenStateView view = tokenStateView(record, now, warningDays);
        if (isProblem(view.judged))
            problems.append({view.sortRank(), record.expires(), record.name});
    }
    std::sort(problems.begin(), problems.end(), [](const Problem &a, const Problem &b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        if (a.expires.isValid() != b.expires.isValid())
            return a.expires.isValid();
        if (a.expires != b.expires)
            return a.expires < b.expires;
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    for (const Problem &problem : std::as_const(problems))
        take(problem.name);

    for (const QString &name : recent) {
        if (stored.contains(name))
            take(name);
    }
    QStringList byName(stored.cbegin(), stored.cend());
    std::sort(byName.begin(), byName.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    for (const QString &name : std::as_const(byName))
        take(name);
    return names;
}

QString text(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    QString label = record.name;
    const QString user = record.user();
    const QString role = tokenRoleText(record.roleKind(), record.role());
    if (!user.isEmpty() && !role.isEmpty())
        label = tr("%1 \u2014 %2, %3", "token name — user, role").arg(record.name, user, role);
    else if (!user.isEmpty())
        label = tr("%1 \u2014 %2", "token name — user").arg(record.name, user);

    QString warning;
    switch (tokenHealth(record, now, warningDays)) {
    case TokenHealth::Invalid:
        warning = hasExpired(record, now) ? tr("expired") : tr("invalid");
        break;
    case TokenHealth::Expiring:
        warning = tr("expires %1").arg(RelativeTime::until(record.expires(), now));
        break;
    case TokenHealth::Valid:
    case TokenHealth::Unchecked:
        break;
    }
    if (!warning.isEmpty())
        label = tr("%1  %2 %3", "label, warning mark, warning").arg(label, WarningMark, warning);
    return label;
}

bool hasWarning(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    const TokenHealth health = tokenHealth(record, now, warningDays);
    return health == TokenHealth::Invalid || health == TokenHealth::Expiring;
}

QString label(const TokenRecord &record, const QDateTime &now, int warningDays)
{
    // Token and user names are shown as typed.
    return text(record, now, warningDays).replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace hftm::TrayMenuTokens
