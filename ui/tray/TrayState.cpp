#include "ui/tray/TrayState.h"

#include "core/notify/TokenStateView.h"

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace hftm {

TrayState trayStateFor(const TokenStore &store, const QDateTime &now, int warningDays)
{
    const ActiveToken active = store.active();
    switch (active.source) {
    case ActiveToken::Source::None:
        return TrayState::NoToken;
    case ActiveToken::Source::EnvHfToken:
    case ActiveToken::Source::EnvLegacy:
        return TrayState::EnvOverride;
    case ActiveToken::Source::TokenFile:
        break;
    }
    const std::optional<TokenRecord> record = active.name.isEmpty() ? std::nullopt : store.token(active.name);
    if (!record)
        return TrayState::NoToken; // a token file we do not store: none of ours is active (the tooltip says
                                   // so)
    return trayStateOf(tokenStateView(*record, now, warningDays).judged);
}

TrayState trayStateOf(TokenState state)
{
    switch (state) {
    case TokenState::Valid:
        return TrayState::Valid;
    case TokenState::Expiring:
        return TrayState::Expiring;
    case TokenState::Expired:
    case TokenState::Invalid:
        return TrayState::Invalid;
    case TokenState::Unchecked:
    case TokenState::Checking:
        break;
    }
    return TrayState::Unchecked;
}

QString trayStateIconId(TrayState state)
{
    switch (state) {
    case TrayState::Valid:
        return QStringLiteral("valid");
    case TrayState::Expiring:
        return QStringLiteral("expiring");
    case TrayState::Invalid:
        return QStringLiteral("invalid");
    case TrayState::EnvOverride:
        return QStringLiteral("env-override");
    case TrayState::NoToken:
        return QStringLiteral("no-token");
    case TrayState::Unchecked:
        break;
    }
    return QStringLiteral("unchecked");
}

QString trayStateText(TrayState state)
{
    switch (state) {
    case TrayState::NoToken:
        return QCoreApplication::translate("hftm::TrayState", "no active token");
    case TrayState::Unchecked:
        return QCoreApplication::translate("hftm::TrayState", "not checked yet");
    case TrayState::Valid:
        return QCoreApplication::translate("hftm::TrayState", "valid");
    case TrayState::Expiring:
        return QCoreApplication::translate("hftm::TrayState", "expires soon");
    case TrayState::Invalid:
        return QCoreApplication::translate("hftm::TrayState", "invalid or expired");
    case TrayState::EnvOverride:
        return QCoreApplication::translate("hftm::TrayState", "overridden by HF_TOKEN");
    }
    return {};
}

bool prefersDarkPanel(const QPalette &palette, const QString &currentDesktop)
{
    if (currentDesktop.contains(QLatin1String("KDE"), Qt::CaseInsensitive))
        return palette.color(QPalette::Window).lightness() < 128;
    return true;
}

namespace {
QColor fallbackColor(TrayState state)
{
    switch (state) {
    case TrayState::Valid:
        return QColor(0x1a, 0x7f, 0x37);
    case TrayState::Expiring:
        return QColor(0xb3, 0x5c, 0x00);
    case TrayState::Invalid:
        return QColor(0xc6, 0x28, 0x28);
    case TrayState::EnvOverride:
        return QColor(0x17, 0x60, 0xc4);
    case TrayState::NoToken:
    case TrayState::Unchecked:
        break;
    }
    return QColor(0x5f, 0x66, 0x70);
}

QIcon paintedFallback(TrayState state)
{
    QIcon icon;
    const QIcon base = QGuiApplication::windowIcon();
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = base.isNull() ? QPixmap(size, size) : base.pixmap(size, size);
        if (base.isNull())
            pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal dot = size * 0.45;
        // No token: a hollow dot, so it differs from "unchecked" (same grey) in shape too.
        const bool hollow = state == TrayState::NoToken;
        painter.setPen(QPen(hollow ? fallbackColor(state) : QColor(Qt::white), qMax(1.0, size / 10.0)));
        painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(fallbackColor(state)));
        painter.drawEllipse(QRectF(size - dot - 0.5, size - dot - 0.5, dot, dot));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
} // namespace

QIcon trayStateIcon(TrayState state, bool darkPanel)
{
    const QString path =
        QStringLiteral(":/icons/tray/%1-%2.svg")
            .arg(trayStateIconId(state), darkPanel ? QStringLiteral("dark") : QStringLiteral("light"));
    if (QFile::exists(path))
        return QIcon(path);
    return paintedFallback(state);
}

} // namespace hftm
