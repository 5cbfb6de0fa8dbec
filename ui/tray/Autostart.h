#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace hftm {

class TokenStore;

// The "open at login" entry: an XDG autostart file, $XDG_CONFIG_HOME/autostart/<desktop id>.desktop,
// that starts the app in the tray (--minimized).
namespace Autostart {

// The reverse-DNS id the packages install the .desktop file under.
QString desktopId();
QString entryPath();
// The program as the entry should run it: the bare name when PATH finds this very executable, the
// AppImage when run from one, else the absolute path.
QString programForEntry();
// The entry's bytes; program is quoted as the Desktop Entry spec requires.
QByteArray entryContent(const QString &program);
bool isEnabled();
// Writes (atomically) or removes the entry.
Error setEnabled(bool enabled, const QString &program = programForEntry());

} // namespace Autostart

// Keeps the autostart entry in step with Settings::openAtLogin: writes or removes it when the setting
// changes, and refreshes an existing entry whose command went stale (the program moved). An entry the
// user deleted through the desktop's own startup settings is not recreated until the setting is
// toggled again, so the desktop's switch keeps working.
class AutostartSync : public QObject {
    Q_OBJECT
public:
    explicit AutostartSync(TokenStore *store, QObject *parent = nullptr);

    Error lastError() const { return m_lastError; }

Q_SIGNALS:
    void failed(const QString &message);

private:
    void onStoreChanged();
    void apply(Error error);

    TokenStore *m_store;
    bool m_enabled;
    Error m_lastError;
};

} // namespace hftm
