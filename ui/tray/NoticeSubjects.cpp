#include "ui/tray/NoticeSubjects.h"

#include "core/notify/TokenHealth.h"
#include "core/store/TokenStore.h"

namespace hftm {

namespace {
const QString ExpiryPrefix = QStringLiteral("expiry:");
const QString InvalidPrefix = QStringLiteral("invalid:");
// Token names never hold control characters (the store refuses them), so a newline separates subjects.
const QChar Separator(QLatin1Char('\n'));

bool subjectHolds(const TokenStore &store, const QString &subject, const QDateTime &now, int warningDays)
{
    if (subject.startsWith(ExpiryPrefix)) {
        const std::optional<TokenRecord> record = store.token(subject.mid(ExpiryPrefix.size()));
        return record && tokenHealth(*record, now, warningDays) == TokenHealth::Expiring;
    }
    if (subject.startsWith(InvalidPrefix)) {
        const QString name = subject.mid(InvalidPrefix.size());
        const ActiveToken active = store.active();
        if (active.source != ActiveToken::Source::TokenFile || active.name != name)
            return false;
        const std::optional<TokenRecord> record = store.token(name);
        return record && tokenHealth(*record, now, warningDays) == TokenHealth::Invalid;
    }
    return true; // not a subject we know how to judge: leave the notice alone
}
} // namespace

bool noticeStillApplies(const TokenStore &store, const QStringList &subjects, const QDateTime &now,
                        int warningDays)
{
    for (const QString &subject : subjects) {
        if (subjectHolds(store, subject, now, warningDays))
            return true;
    }
    return subjects.isEmpty();
}

QString noticeTag(const QStringList &subjects)
{
    return subjects.join(Separator);
}

QStringList noticeSubjects(const QString &tag)
{
    return tag.split(Separator, Qt::SkipEmptyParts);
}

} // namespace hftm
