#include "core/notify/ActivationWarning.h"

#include "core/notify/TokenStateView.h"

#include <QCoreApplication>
#include <QLocale>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::ActivationWarning", text);
}

QString dateText(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}
} // namespace

QString activationWarning(const TokenRecord &record, const QDateTime &now)
{
    // The same judgement as the Status column and the tray (expiring is no reason to hold back: it
    // still works). warningDays 0: only what is already wrong counts.
    const TokenStateView view = tokenStateView(record, now, 0);
    const QString consequence = tr("programs using it will fail.");
    if (view.judged == TokenState::Invalid) {
        const QDateTime when =
            record.check.verdictAt.isValid() ? record.check.verdictAt : record.check.checkedAt;
        if (!when.isValid())
            return tr("\u201C%1\u201D was rejected by the Hub: %2").arg(record.name, consequence);
        return tr("\u201C%1\u201D was rejected by the Hub on %2: %3")
            .arg(record.name, dateText(when), consequence);
    }
    if (view.judged == TokenState::Expired) {
        const QDateTime expires = record.expires();
        if (expires.isValid() && expires <= now)
            return tr("\u201C%1\u201D expired on %2: %3").arg(record.name, dateText(expires), consequence);
        // The Hub said "expired" without a date we know.
        if (record.check.verdictAt.isValid())
            return tr("The Hub said on %2 that \u201C%1\u201D has expired: %3")
                .arg(record.name, dateText(record.check.verdictAt), consequence);
        return tr("\u201C%1\u201D has expired: %2").arg(record.name, consequence);
    }
    return {};
}

QString activationWarningAcceptText()
{
    return tr("Make Active Anyway");
}

} // namespace hftm
