#include "ui/tray/TrayToolTip.h"

#include "core/base/TokenExpiry.h"
#include "core/store/TokenStore.h"
#include "ui/common/RelativeTime.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::TrayController", text);
}
} // namespace

QString trayToolTip(const TokenStore &store, TrayState state, const QDateTime &now)
{
    QStringList lines{tr("HF Token Manager")};
    const ActiveToken active = store.active();
    const std::optional<TokenRecord> record = active.name.isEmpty() ? std::nullopt : store.token(active.name);
    const QString tokenFile = QDir::toNativeSeparators(store.options().paths.tokenPath);
    switch (active.source) {
    case ActiveToken::Source::None:
        lines << tr("No active token: there is no token file (%1)").arg(tokenFile);
        return lines.join(QLatin1Char('\n'));
    case ActiveToken::Source::EnvHfToken:
    case ActiveToken::Source::EnvLegacy: {
        const QString variable = active.source == ActiveToken::Source::EnvHfToken
                                     ? QStringLiteral("HF_TOKEN")
                                     : QStringLiteral("HUGGING_FACE_HUB_TOKEN");
        lines << (record ? tr("Active: %1 from the environment (\u201C%2\u201D)").arg(variable, record->name)
                         : tr("Active: %1 from the environment").arg(variable));
        break;
    }
    case ActiveToken::Source::TokenFile:
        if (!record) {
            lines << tr("No stored token is active: the token file (%1) holds a token that is not stored "
                        "here")
                         .arg(tokenFile);
            return lines.join(QLatin1Char('\n'));
        }
        lines << tr("Active: %1").arg(record->name);
        break;
    }
    if (record) {
        if (!record->user().isEmpty())
            lines << tr("User: %1").arg(record->user());
        const QDateTime expires = record->expires();
        const QString date = QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat);
        switch (expiryState(*record, now, 0)) {
        case ExpiryState::Unknown:
            break;
        case ExpiryState::None:
            lines << tr("Expires: never");
            break;
        case ExpiryState::Expired:
            lines << tr("Expired: %1").arg(date);
            break;
        case ExpiryState::Ok:
        case ExpiryState::Soon:
            lines << tr("Expires: %1 (%2)").arg(date, RelativeTime::until(expires, now));
            break;
        }
    }
    lines << tr("State: %1").arg(trayStateText(state));
    return lines.join(QLatin1Char('\n'));
}

} // namespace hftm
