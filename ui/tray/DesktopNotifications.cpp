#include "ui/tray/DesktopNotifications.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>

namespace hftm {

namespace {
const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");
constexpr int ServerDefaultTimeout = -1;
constexpr int FallbackTimeoutMs = 10000;
// The specification's urgency hint: a byte, 1 normal, 2 critical (critical ones stay until dismissed).
constexpr uchar UrgencyNormal = 1;
constexpr uchar UrgencyCritical = 2;
} // namespace

DesktopNotifications::DesktopNotifications(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
    , m_fallbackAllowed([] { return true; })
{
}

QDBusConnection &DesktopNotifications::bus()
{
    if (!m_bus) {
        m_bus = QDBusConnection::sessionBus();
        if (m_bus->isConnected()) // the user closing a bubble, or it timing out: it no longer stands
            m_bus->connect(Service, Path, Interface, QStringLiteral("NotificationClosed"), this,
                           SLOT(onClosed(uint, uint)));
    }
    return *m_bus;
}

void DesktopNotifications::show(const QString &tag, const QString &title, const QString &text, bool critical)
{
    const QString key = tag.isEmpty() ? QStringLiteral("#%1").arg(m_serial + 1) : tag;
    if (!bus().isConnected()) {
        showFallback(key, title, text, critical);
        return;
    }
    Standing &entry = m_standing[key];
    entry.serial = ++m_serial;
    entry.pending = true;
    const quint64 serial = entry.serial;
    // Shown by the server before: replaced in place (same bubble, new words), not stacked.
    const quint32 replaces = entry.server ? entry.id : 0;

    QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(critical ? UrgencyCritical : UrgencyNormal));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("hf-token-manager"));
    call << QCoreApplication::translate("hftm::DesktopNotifications", "HF Token Manager") << replaces
         << QStringLiteral("hf-token-manager") << title << text.toHtmlEscaped() << QStringList() << hints
         << ServerDefaultTimeout;
    auto *watcher = new QDBusPendingCallWatcher(bus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key, serial, title, text, critical](QDBusPendingCallWatcher *done) {
                done->deleteLater();
                const QDBusPendingReply<quint32> reply = *done;
                auto it = m_standing.find(key);
                const bool current = it != m_standing.end() && it->serial == serial;
                if (reply.isError()) {
                    // No server (or it refused): the tray's own balloon, if this is still wanted.
                    if (current)
                        showFallback(key, title, text, critical);
                    return;
                }
                const quint32 id = reply.value();
                if (!current) {
                    // Withdrawn, or shown again, while this call was on its way: the answer is stale
                    // unless the newer call already replaced this very bubble.
                    if (it == m_standing.end() || it->id != id)
                        close(id);
                    return;
                }
                it->id = id;
                it->server = true;
                it->pending = false;
                Q_EMIT delivered(key, true);
            });
}

void DesktopNotifications::showFallback(const QString &tag, const QString &title, const QString &text,
                                        bool critical)
{
    if (!m_tray || !m_fallbackAllowed() || !QSystemTrayIcon::supportsMessages()) {
        m_standing.remove(tag);
        return;
    }
    Standing &entry = m_standing[tag];
    entry.id = 0;
    entry.server = false;
    entry.pending = false;
    // showMessage shows one balloon at a time: a newer one replaces whatever was showing.
    if (!m_fallbackTag.isEmpty() && m_fallbackTag != tag)
        m_standing.remove(m_fallbackTag);
    m_fallbackTag = tag;
    m_tray->showMessage(title, text, critical ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                        FallbackTimeoutMs);
    Q_EMIT delivered(tag, false);
}

void DesktopNotifications::withdraw(const QString &tag)
{
    auto it = m_standing.find(tag);
    if (it == m_standing.end())
        return;
    const Standing entry = *it;
    m_standing.erase(it);
    if (entry.server)
        close(entry.id);
    else if (!entry.pending && tag == m_fallbackTag && m_tray) {
        // Qt's own balloon (the XEMBED tray) hides when asked to show nothing; there is no other way.
        // (Qt's D-Bus tray would send that to the notification server, but it only gets here when no
        // server answered.)
        m_fallbackTag.clear();
        m_tray->showMessage(QString(), QString(), QSystemTrayIcon::NoIcon, 0);
    }
    // A Notify still on its way finds its entry gone and closes what it opened.
    Q_EMIT withdrawn(tag);
}

void DesktopNotifications::close(quint32 id)
{
    if (id == 0)
        return;
    QDBusMessage call =
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("CloseNotification"));
    call << id;
    bus().asyncCall(call); // fire and forget: a bubble already gone is not an error worth telling
}

void DesktopNotifications::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    for (auto it = m_standing.begin(); it != m_standing.end(); ++it) {
        if (it->server && it->id == id) {
            m_standing.erase(it);
            return;
        }
    }
}

} // namespace hftm
