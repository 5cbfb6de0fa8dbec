#pragma once

#include "ui/tray/TrayState.h"

#include <QDateTime>
#include <QString>

namespace hftm {

class TokenStore;

// The tray icon's tooltip: which token is in force and why (or why none of ours is: no token file, or a
// file holding a token not stored here), its user and expiry, and the state the icon shows. Names, user
// and dates only: never the token, not even masked (checklist row 7).
QString trayToolTip(const TokenStore &store, TrayState state, const QDateTime &now);

} // namespace hftm
