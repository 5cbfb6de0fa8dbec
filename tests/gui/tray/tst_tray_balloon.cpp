// Issue 12, without a notification server (no session bus): the tray's own balloon (QSystemTrayIcon on
// a real XEMBED tray, with-tray.sh) shows the warning, and is hidden once the warning no longer holds —
// the most showMessage allows. Runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere.
#include "core/notify/ExpiryNotifier.h"
#include "core/notify/NotificationLog.h"
#include "gui/tray/XTray.h"
#include "support/TestWorld.h"
#include "ui/tray/DesktopNotifications.h"
#include "ui/tray/TrayController.h"

#include <QDBusConnection>
#include <QSignalSpy>
#include <QSystemTrayIcon>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
// Qt's balloon is a top-level widget of its own (QBalloonTip).
bool balloonShown()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (QLatin1String(widget->metaObject()->className()) == QLatin1String("QBalloonTip") &&
            widget->isVisible())
            return true;
    }
    return false;
}
} // namespace

class TestTrayBalloon : public QObject {
    Q_OBJECT

private slots:
    void aStaleWarningBalloonIsHidden()
    {
        QVERIFY(!QDBusConnection::sessionBus().isConnected());
        TestWorld world;
        world.setWarningDays(7);
        world.recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                            QStringLiteral("read"), world.now.addDays(3));
        TrayController tray(world.store(), world.clock());
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 15000);
        tray.showWhenAvailable();
        QTRY_VERIFY(tray.isTrayShown());
        QTRY_VERIFY(trayIconWindow() && iconOnScreen(trayIconWindow()).x() > 0);
        ExpiryNotifier notifier(
            world.store(), NotificationLog::defaultPath(world.store()->options().configDir), world.clock());
        connect(&notifier, &ExpiryNotifier::notify, &tray, &TrayController::showNotice);
        QSignalSpy delivered(tray.notifications(), &DesktopNotifications::delivered);
        notifier.evaluate();
        QCOMPARE(delivered.count(), 1);
        QCOMPARE(delivered.first().at(1).toBool(), false); // showMessage: no server
        QTRY_VERIFY(balloonShown());

        world.recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                            QStringLiteral("read"), world.now.addDays(90)); // renewed
        QTRY_VERIFY(!balloonShown());
        QVERIFY(tray.notifications()->standing().isEmpty());
    }
};

QTEST_MAIN(TestTrayBalloon)
#include "tst_tray_balloon.moc"
