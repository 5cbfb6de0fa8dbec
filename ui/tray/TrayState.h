#pragma once

#include "core/notify/TokenStateView.h"
#include "core/store/TokenStore.h"

#include <QDateTime>
#include <QIcon>
#include <QMetaType>
#include <QString>

class QPalette;

namespace hftm {

// What the tray icon tells at a glance, derived from the token in force (never computed by widgets).
enum class TrayState {
    NoToken,   // no token file and no HF_TOKEN, or a token file that matches no stored token: own icon
    Unchecked, // the active token was never judged by the Hub
    Valid,
    Expiring,    // expires within Settings::expiryWarningDays
    Invalid,     // rejected by the Hub or past its expiry
    EnvOverride, // HF_TOKEN / HUGGING_FACE_HUB_TOKEN is set and wins over the token file
};

// Pure: the state for the store's active token at 'now', judged by the core (tokenStateView, the same
// judgement as the window's Status column); warningDays is Settings::expiryWarningDays.
TrayState trayStateFor(const TokenStore &store, const QDateTime &now, int warningDays);
// How the tray draws a token state the core decided: expired and invalid share the "invalid" icon.
TrayState trayStateOf(TokenState state);

// "valid", "expiring", "invalid", "unchecked", "env-override", "no-token": the icon file stem in
// resources/icons/tray.
QString trayStateIconId(TrayState state);
// Translated words for the tooltip ("valid", "expires soon", ...).
QString trayStateText(TrayState state);

// True when icons should be drawn for a dark panel (light glyph). Qt 6.4 can ask nobody about the
// panel's colour: GNOME's top bar, Ubuntu, Cinnamon, XFCE and most X11 trays are dark whatever the
// application palette says, so dark is the default; Plasma's panel follows the colour scheme, so
// there (desktop contains "KDE") the palette decides.
bool prefersDarkPanel(const QPalette &palette, const QString &currentDesktop);

// The state icon from the resources (":/icons/tray/<id>-<light|dark>.svg"). If that resource is not
// linked in, the application icon with a coloured dot is painted instead, so the state still shows.
QIcon trayStateIcon(TrayState state, bool darkPanel);

} // namespace hftm

Q_DECLARE_METATYPE(hftm::TrayState)
