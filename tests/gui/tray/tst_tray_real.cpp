// The tray for real: under Xvfb with trayer as the system tray host (with-tray.sh), the icon embeds,
// a real click on it opens the menu, and picking tokens in the real QMenu rewrites the token file.
#include "gui/tray/XTray.h"
#include "support/TestWorld.h"
#include "ui/tray/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

class TestTrayReal : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 15000);
    }

    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_world->recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("write"));
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"));
        m_tray = std::make_unique<TrayController>(m_world->store(), m_world->clock());
        m_tray->showWhenAvailable();
        QVERIFY(m_tray->isTrayShown());
        // Embedded: the tray host reparented the icon's window and placed it inside its panel.
        QTRY_VERIFY_WITH_TIMEOUT(trayIconWindow() && trayIconWindow()->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(iconOnScreen(trayIconWindow()).x() > 0, 10000);
        const QRect onScreen = iconOnScreen(trayIconWindow());
        QVERIFY2(onScreen.y() < 24 && onScreen.right() < 1280,
                 qPrintable(QStringLiteral("%1,%2").arg(onScreen.x()).arg(onScreen.y())));
        QCOMPARE(m_tray->trayIcon()->contextMenu(), m_tray->menu());
        QCOMPARE(m_tray->trayIcon()->toolTip(), m_tray->toolTip());
    }

    void cleanup()
    {
        m_tray.reset();
        m_world.reset();
    }

    void aClickOnTheIconOpensTheMenuAndPickingSwitches()
    {
        QMenu *menu = m_tray->menu();
        QVERIFY(!menu->isVisible());
        QSignalSpy activated(m_tray->trayIcon(), &QSystemTrayIcon::activated);
        QVERIFY2(clickOn(trayIconWindow()), "xdotool click failed");
        QTRY_VERIFY_WITH_TIMEOUT(menu->isVisible(), 10000);
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QCOMPARE(activated.count(), 1);
        QAction *laptop = m_tray->tokenAction(LaptopRead);
        QVERIFY(menu->actionGeometry(laptop).isValid());
        QVERIFY(!laptop->isChecked());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(laptop).center());
        QTRY_COMPARE(m_world->tokenFile(), LaptopReadSecret.toUtf8());
        QTRY_VERIFY(!menu->isVisible());
        QVERIFY(laptop->isChecked());
        QCOMPARE(m_tray->trayState(), TrayState::Valid);
    }

    void switchingThroughTheRealMenusActions()
    {
        QMenu *menu = m_tray->trayIcon()->contextMenu();
        QVERIFY(menu);
        const QStringList order{LaptopRead, BobFine, CiWrite};
        const QStringList secrets{LaptopReadSecret, BobSecret, CiWriteSecret};
        for (qsizetype i = 0; i < order.size(); ++i) {
            QAction *item = nullptr;
            for (QAction *action : menu->actions()) {
                if (action->data().toString() == order.at(i))
                    item = action;
            }
            QVERIFY(item);
            QSignalSpy switched(m_tray.get(), &TrayController::switched);
            item->trigger();
            QVERIFY(switched.wait(10000)); // written off the GUI thread
            QCOMPARE(m_world->tokenFile(), secrets.at(i).toUtf8());
            QVERIFY(item->isChecked());
        }
        // bob-finegrained was never checked: the icon said so while it was active; now ci-write again.
        QCOMPARE(m_tray->trayState(), TrayState::Valid);
    }

    void keyboardInTheOpenMenuSwitchesToo()
    {
        QMenu *menu = m_tray->menu();
        menu->popup(iconOnScreen(trayIconWindow()).bottomLeft());
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        // Items in order: [env notice hidden] [empty hidden] Colab, bob, ci-write, laptop, oauth.
        menu->setActiveAction(m_tray->tokenAction(BobFine));
        QTest::keyClick(menu, Qt::Key_Return);
        QTRY_COMPARE(m_world->tokenFile(), BobSecret.toUtf8());
        QTRY_COMPARE(m_tray->trayState(), TrayState::Unchecked); // once the store shows the switch
    }

private:
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<TrayController> m_tray;
};

QTEST_MAIN(TestTrayReal)
#include "tst_tray_real.moc"
