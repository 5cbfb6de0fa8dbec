#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QSystemTrayIcon;

namespace hftm {

// Desktop notifications that can be taken back. QSystemTrayIcon::showMessage cannot withdraw what it
// showed, so notices go to the desktop's notification server (org.freedesktop.Notifications on the
// session bus: Notify with replaces_id, CloseNotification) when it answers, and to showMessage only
// when it does not (no session bus, no server). Each notice has a tag ("expiry:ci-write"): showing the
// same tag again replaces the earlier bubble in place, withdraw(tag) closes it. Calls are asynchronous:
// nothing waits on the bus.
class DesktopNotifications : public QObject {
    Q_OBJECT
public:
    // tray: the fallback (may be null: then nothing shows without a server). The session bus is
    // connected to on the first notice, not here: the tray is built before the window's first frame.
    explicit DesktopNotifications(QSystemTrayIcon *tray, QObject *parent = nullptr);

    // Shows a notice; an empty tag makes a notice of its own that is never withdrawn.
    void show(const QString &tag, const QString &title, const QString &text, bool critical);
    // Closes the notice shown under 'tag', if it still stands; with showMessage, hides the balloon if it
    // is the one still showing (the most a QSystemTrayIcon can do).
    void withdraw(const QString &tag);
    // The tags of notices shown and neither withdrawn nor closed by the user.
    QStringList standing() const { return m_standing.keys(); }
    // Whether the fallback may show at all (QSystemTrayIcon needs a visible icon in a tray host).
    void setFallbackAllowed(std::function<bool()> allowed) { m_fallbackAllowed = std::move(allowed); }

Q_SIGNALS:
    // Tests and logs: where a notice went (true: the notification server, false: showMessage).
    void delivered(const QString &tag, bool server);
    void withdrawn(const QString &tag);

private Q_SLOTS:
    void onClosed(uint id, uint reason);

private:
    struct Standing {
        quint32 id = 0;       // the server's id once it answered; 0 while Notify is pending or shown by Qt
        quint64 serial = 0;   // which show() it belongs to: a late answer to an older one is closed
        bool server = false;  // shown by the server (else by showMessage)
        bool pending = false; // Notify is on its way
    };
    void showFallback(const QString &tag, const QString &title, const QString &text, bool critical);
    void close(quint32 id);
    QDBusConnection &bus();

    QPointer<QSystemTrayIcon> m_tray;
    std::optional<QDBusConnection> m_bus;
    QHash<QString, Standing> m_standing;
    QString m_fallbackTag; // the tag of the balloon showMessage shows now (it shows one at a time)
    std::function<bool()> m_fallbackAllowed;
    quint64 m_serial = 0;
};

} // namespace hftm
