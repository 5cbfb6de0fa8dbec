// AppController over a real main window (offscreen, tray host stubbed as present or absent): closing
// the window hides it to the tray only on a user close and says so once; without a tray the window
// closes like any app's; Quit really quits; --minimized starts hidden, or shows the window when no
// tray appears; hourly ticks re-evaluate without repeating notifications; "Open manager" shows it.
#include "core/notify/ExpiryNotifier.h"
#include "support/TestWorld.h"
#include "ui/app/AppContext.h"
#include "ui/app/AppController.h"
#include "ui/tray/CloseToTray.h"
#include "ui/tray/TrayController.h"
#include "ui/window/MainWindow.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QSignalSpy>
#include <QTest>
#include <QtTest/qtestspontaneevent.h>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;
using namespace std::chrono_literals;

namespace {
// A close as the window system delivers it when the user clicks the title bar's close button.
bool userCloses(QWidget *window)
{
    QCloseEvent event;
    QSpontaneKeyEvent::setSpontaneous(&event);
    // notify() directly: sendEvent() would clear the spontaneous flag again.
    qApp->notify(window, &event);
    return event.isAccepted();
}
} // namespace

class TestAppController : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        AppContext::Parts parts;
        parts.options = TokenStore::Options::fromEnvironment(m_world->env.environment());
        parts.secrets = std::make_unique<MemorySecretStore>();
        parts.now = m_world->clock();
        m_context = std::make_unique<AppContext>(std::move(parts));
        m_context->messages().setScripted(true);
        m_window = std::make_unique<MainWindow>(*m_context);
        QApplication::setQuitOnLastWindowClosed(true);
    }
    void cleanup()
    {
        m_tray.reset();
        m_window.reset();
        m_context.reset();
        m_world.reset();
    }

    void userCloseHidesToTrayAndSaysSoOnce()
    {
        start(true, false);
        QVERIFY(m_window->isVisible());
        QVERIFY(
            !QApplication::quitOnLastWindowClosed()); // a dialog closing over a hidden window must not quit
        QSignalSpy notified(m_tray->controller(), &TrayController::notified);
        QVERIFY(!userCloses(m_window.get()));
        QVERIFY(!m_window->isVisible());
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Still running in the tray"));
        QVERIFY(m_context->store()->settings().trayHintShown);
        m_tray->showWindow();
        QVERIFY(m_window->isVisible());
        QVERIFY(!userCloses(m_window.get()));
        QCOMPARE(notified.count(), 1); // told once, remembered in the settings
    }

    void closesNotFromTheUserPassThrough()
    {
        start(true, false);
        QVERIFY(m_window->close()); // code closing it (e.g. File > Quit) is a real close
        QVERIFY(!m_window->isVisible());
    }

    void withoutATrayTheWindowClosesNormally()
    {
        start(false, false);
        QVERIFY(m_window->isVisible());
        QVERIFY(QApplication::quitOnLastWindowClosed());
        QVERIFY(userCloses(m_window.get()));
        QVERIFY(!m_context->store()->settings().trayHintShown);
    }

    void quitFromTheTrayOrTheWindowMenuQuits()
    {
        start(true, false);
        QSignalSpy aboutToQuit(qApp, &QCoreApplication::aboutToQuit);
        // Quit from the tray: the app's event loop ends; userCloses must not veto the windows' closes.
        QTimer::singleShot(0, m_tray->controller()->quitAction(), &QAction::trigger);
        QCOMPARE(QCoreApplication::exec(), 0);
        QVERIFY(m_tray->closePolicy()->isQuitting());
        QVERIFY(userCloses(m_window.get()));
        // The window's own File > Quit goes the same way.
        m_tray->closePolicy()->setQuitting(false);
        QTimer::singleShot(0, m_window->actions()->quit, &QAction::trigger);
        QCOMPARE(QCoreApplication::exec(), 0);
        QVERIFY(m_tray->closePolicy()->isQuitting());
    }

    void minimizedStartsInTheTray()
    {
        start(true, true);
        QVERIFY(!m_window->isVisible());
        m_tray->controller()->openManagerAction()->trigger();
        QVERIFY(m_window->isVisible());
    }

    void minimizedWithoutATrayShowsTheWindowAfterTheGrace()
    {
        start(false, true, 20ms);
        QVERIFY(!m_window->isVisible());
        QTRY_VERIFY(m_window->isVisible());
        QVERIFY(m_window->isMinimized());
    }

    void aTrayAppearingLateGetsTheIcon()
    {
        bool available = false;
        AppOptions options;
        options.startMinimized = true;
        options.watchNetwork = false;
        m_tray = std::make_unique<AppController>(*m_context, m_window.get(), options);
        m_tray->controller()->setAvailabilityProbe([&available] { return available; });
        m_tray->controller()->setRetryInterval(5ms);
        QSignalSpy shown(m_tray->controller(), &TrayController::trayShown);
        m_tray->start();
        QVERIFY(!m_tray->controller()->isTrayShown());
        available = true; // the panel finished starting
        QTRY_COMPARE(shown.count(), 1);
        QVERIFY(m_tray->controller()->isTrayShown());
        QVERIFY(!m_window->isVisible()); // the grace timer was stopped in time
    }

    void ticksReevaluateWithoutRepeating()
    {
        TestWorld &w = *m_world;
        TokenCheck check;
        check.status = TokenStatus::Valid;
        check.checkedAt = w.now;
        WhoamiInfo whoami;
        whoami.user = QStringLiteral("alice-example");
        whoami.expiresAt = w.now.addDays(3);
        check.whoami = whoami;
        QVERIFY(!m_context->store()->recordCheck(LaptopRead, check));
        start(true, false, 10s, 5ms);
        QSignalSpy notified(m_tray->controller(), &TrayController::notified);
        // The expiry warning was told as the tray came up; many ticks pass without telling it again.
        const QDate today = w.now.toLocalTime().date();
        QVERIFY(m_tray->notifier()->log().toldOn(QStringLiteral("expiry:laptop-read"), today));
        int ticks = 0;
        QTimer counter;
        connect(&counter, &QTimer::timeout, this, [&ticks] { ++ticks; });
        counter.start(5);
        QTRY_VERIFY(ticks >= 10);
        QCOMPARE(notified.count(), 0);
        // The clock reaches the next day: told again, once.
        w.now = w.now.addDays(1);
        QTRY_COMPARE(notified.count(), 1);
        QVERIFY(notified.at(0).at(1).toString().contains(LaptopRead));
        ticks = 0;
        QTRY_VERIFY(ticks >= 10);
        QCOMPARE(notified.count(), 1);
    }

    void addTokenOpensTheLoginDialogOverTheWindow()
    {
        start(true, true);
        m_tray->controller()->addTokenAction()->trigger();
        QVERIFY(m_window->isVisible());
        QTRY_VERIFY(m_window->findChild<QDialog *>() && m_window->findChild<QDialog *>()->isVisible());
        m_window->findChild<QDialog *>()->reject();
    }

private:
    void start(bool trayAvailable, bool minimized, std::chrono::milliseconds grace = 10s,
               std::chrono::milliseconds tick = 1h)
    {
        AppOptions options;
        options.startMinimized = minimized;
        options.watchNetwork = false;
        options.trayGrace = grace;
        options.tick = tick;
        m_tray = std::make_unique<AppController>(*m_context, m_window.get(), options);
        m_tray->controller()->setAvailabilityProbe([trayAvailable] { return trayAvailable; });
        m_tray->start();
    }

    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<AppController> m_tray;
};

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
