// Issue 12: the tray withdraws a warning that no longer applies. Notices go to the desktop's notification
// server (org.freedesktop.Notifications); here a fake one on the test's private session bus
// (with-keyring.sh runs a dbus-daemon) records Notify and CloseNotification. "“x” expires in 3 days" is
// closed once x is renewed, replaced or removed; "the active token stopped working" once it validates
// again or another token is made active; the same warning again replaces its bubble instead of stacking.
// Driven by the real ExpiryNotifier, as the app wires it.
#include "core/notify/ExpiryNotifier.h"
#include "core/notify/NotificationLog.h"
#include "support/TestWorld.h"
#include "ui/tray/DesktopNotifications.h"
#include "ui/tray/TrayController.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
// What a notification server is asked, recorded; answers as the specification says.
class FakeNotificationServer : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown {
        uint id;
        uint replaces;
        QString summary;
        QString body;
        uchar urgency;
    };
    QList<Shown> shown;
    QList<uint> closed;
    QDBusConnection bus{QString()};

    uint idFor(const QString &summary) const
    {
        for (auto it = shown.crbegin(); it != shown.crend(); ++it) {
            if (it->summary == summary)
                return it->id;
        }
        return 0;
    }

public Q_SLOTS:
    Q_SCRIPTABLE uint Notify(const QString &, uint replaces, const QString &, const QString &summary,
                             const QString &body, const QStringList &, const QVariantMap &hints, int)
    {
        const uint id = replaces ? replaces : ++m_next;
        shown.append({id, replaces, summary, body, hints.value(QStringLiteral("urgency")).value<uchar>()});
        return id;
    }
    Q_SCRIPTABLE void CloseNotification(uint id)
    {
        closed.append(id);
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                         QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("NotificationClosed"));
        signal << id << uint(3); // closed by a call to CloseNotification
        bus.send(signal);
    }
    Q_SCRIPTABLE QStringList GetCapabilities() { return {QStringLiteral("body")}; }

private:
    uint m_next = 0;
};
} // namespace

class TestTrayWithdraw : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "runs under with-keyring.sh: a private bus");
        // The server on a connection of its own, as another process would be.
        m_server.bus =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-server"));
        QVERIFY(m_server.bus.isConnected());
        QVERIFY(m_server.bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_server,
                                            QDBusConnection::ExportScriptableSlots));
        QVERIFY(m_server.bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
    }
    void cleanupTestCase()
    {
        m_server.bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("fake-server"));
    }

    void init()
    {
        m_server.shown.clear();
        m_server.closed.clear();
        m_world = std::make_unique<TestWorld>();
        m_world->setWarningDays(7);
        m_tray = std::make_unique<TrayController>(m_world->store(), m_world->clock());
        m_notifier = std::make_unique<ExpiryNotifier>(
            m_world->store(), NotificationLog::defaultPath(m_world->store()->options().configDir),
            m_world->clock());
        connect(m_notifier.get(), &ExpiryNotifier::notify, m_tray.get(), &TrayController::showNotice);
    }
    void cleanup()
    {
        m_notifier.reset();
        m_tray.reset();
        m_world.reset();
    }

    void anExpiryWarningIsClosedOnceTheTokenIsRenewed()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(3));
        m_notifier->evaluate();
        QTRY_COMPARE(m_server.shown.size(), 1);
        QVERIFY(m_server.shown.first().body.contains(LaptopRead));
        QCOMPARE(m_server.shown.first().urgency, uchar(1));
        QTRY_COMPARE(m_tray->notifications()->standing().size(), 1);
        const uint id = m_server.shown.first().id;

        // Something else changes: the warning still holds and stays.
        m_world->recordVerdict(BobFine, TokenStatus::Valid, QStringLiteral("bob"));
        QCOMPARE(m_tray->notifications()->standing().size(), 1); // judged on the store's change signal

        // Renewed: the Hub now says it expires in 90 days.
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(90));
        QTRY_COMPARE(m_server.closed, QList<uint>{id});
        QVERIFY(m_tray->notifications()->standing().isEmpty());
    }

    void anExpiryWarningIsClosedOnceTheTokenIsRemoved()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(3));
        m_notifier->evaluate();
        QTRY_COMPARE(m_server.shown.size(), 1);
        QVERIFY(m_world->store()->remove(LaptopRead).ok());
        QTRY_COMPARE(m_server.closed, QList<uint>{m_server.shown.first().id});
    }

    void theSameWarningTheNextDayReplacesItsBubble()
    {
        QSignalSpy delivered(m_tray->notifications(), &DesktopNotifications::delivered);
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(3));
        m_notifier->evaluate();
        QTRY_COMPARE(m_server.shown.size(), 1);
        QTRY_COMPARE(delivered.count(), 1); // the server's id is known: the next one replaces it
        m_world->now = m_world->now.addDays(1);
        m_notifier->evaluate(); // "expires in 2 days": the same subject
        QTRY_COMPARE(m_server.shown.size(), 2);
        QCOMPARE(m_server.shown.at(1).replaces, m_server.shown.at(0).id);
        QCOMPARE(m_server.closed, QList<uint>{});
    }

    void stoppedWorkingIsClosedOnceItValidatesAgain()
    {
        m_world->recordVerdict(CiWrite, TokenStatus::Invalid);
        m_notifier->evaluate();
        QTRY_COMPARE(m_server.shown.size(), 1);
        QCOMPARE(m_server.shown.first().urgency, uchar(2)); // critical: stays until dismissed
        const uint id = m_server.shown.first().id;
        m_world->recordVerdict(CiWrite, TokenStatus::Valid);
        QTRY_COMPARE(m_server.closed, QList<uint>{id});
    }

    void stoppedWorkingIsClosedOnceAnotherTokenIsActive()
    {
        m_world->recordVerdict(CiWrite, TokenStatus::Invalid);
        m_notifier->evaluate();
        QTRY_COMPARE(m_server.shown.size(), 1);
        const uint id = m_server.shown.first().id;
        QSignalSpy switched(m_tray.get(), &TrayController::switched);
        m_tray->activate(LaptopRead);
        QTRY_COMPARE(switched.count(), 1);
        QTRY_COMPARE(m_server.closed, QList<uint>{id});
    }

    void aNoticeWithdrawnBeforeTheServerAnsweredIsClosedToo()
    {
        DesktopNotifications notices(nullptr);
        notices.show(QStringLiteral("expiry:x"), QStringLiteral("Token expires soon"), QStringLiteral("x"),
                     false);
        notices.withdraw(QStringLiteral("expiry:x")); // Notify is still on its way
        QTRY_COMPARE(m_server.shown.size(), 1);
        QTRY_COMPARE(m_server.closed, QList<uint>{m_server.shown.first().id});
        QVERIFY(notices.standing().isEmpty());
    }

    void untaggedNoticesStand()
    {
        m_tray->showNotification(QStringLiteral("Still running in the tray"), QStringLiteral("text"));
        QTRY_COMPARE(m_server.shown.size(), 1);
        m_world->recordVerdict(CiWrite, TokenStatus::Valid); // a store change: nothing to withdraw
        QTRY_COMPARE(m_tray->notifications()->standing().size(), 1);
        QCOMPARE(m_server.closed, QList<uint>{});
    }

private:
    FakeNotificationServer m_server;
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<TrayController> m_tray;
    std::unique_ptr<ExpiryNotifier> m_notifier;
};

QTEST_MAIN(TestTrayWithdraw)
#include "tst_tray_withdraw.moc"
