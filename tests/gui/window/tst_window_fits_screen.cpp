// Issue 12, "the window always fits the screen": at a 1.5 scale factor on a 1600×1000 monitor (1066×666
// in Qt's units) the Settings button and the status bar were off-screen. A first window is sized from the
// screen's free area, a saved one larger than the screen is fitted in, and either way the frame, the
// toolbar's last button and the status bar are on screen. Built for two screens (HFTM_SCREEN_*).
#include "LayoutGestures.h"
#include "ScreenTestMain.h"
#include "TwelveTokens.h"

#include "ui/window/TokenActions.h"
#include "ui/window/WindowLayoutMemory.h"

#include <QDir>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

using namespace hftm;
using namespace hftm::test;

namespace {
QRect globalRect(const QWidget *widget)
{
    return QRect(widget->mapToGlobal(QPoint(0, 0)), widget->size());
}
} // namespace

class TestWindowFitsScreen : public QObject {
    Q_OBJECT

private slots:
    void init() { m_f = twelveTokenFixture(); }
    void cleanup() { m_f.reset(); }

    void aFirstWindowFitsTheScreen()
    {
        MainWindow &w = m_f->shownWindow();
        checkOnScreen(w);
        // Sized from the screen, not a postage stamp: most of its free area.
        const QRect available = w.screen()->availableGeometry();
        QVERIFY2(w.frameGeometry().width() >= available.width() * 8 / 10,
                 qPrintable(rectText(w.frameGeometry())));
        QVERIFY2(w.frameGeometry().height() >= available.height() * 8 / 10,
                 qPrintable(rectText(w.frameGeometry())));
    }

    void aSavedWindowLargerThanTheScreenIsFittedIn()
    {
        const QString path =
            QDir(m_f->store()->options().legacyConfigDir).filePath(QStringLiteral("window.ini"));
        {
            QSettings ini(path, QSettings::IniFormat);
            ini.setValue(QStringLiteral("window/geometry"), QRect(200, 150, 1500, 900));
        }
        MainWindow &w = m_f->shownWindow();
        checkOnScreen(w);
    }

    void fitToScreenClampsAndMovesIn()
    {
        const QRect screen(0, 0, 1066, 666);
        const QMargins frame(2, 24, 2, 2);
        QCOMPARE(WindowLayoutMemory::fitToScreen(QRect(100, 100, 800, 500), screen, frame),
                 QRect(100, 100, 800, 500)); // fits: as asked
        QCOMPARE(WindowLayoutMemory::fitToScreen(QRect(0, 0, 1100, 640), screen, frame),
                 QRect(2, 24, 1062, 640)); // the old fixed size: cut to the screen
        QCOMPARE(WindowLayoutMemory::fitToScreen(QRect(900, 500, 400, 300), screen, frame),
                 QRect(664, 364, 400, 300)); // moved back in from the bottom right
        QCOMPARE(
            WindowLayoutMemory::fitToScreen(QRect(-500, -50, 300, 200), QRect(1600, 0, 1280, 800), frame),
            QRect(1602, 24, 300, 200)); // from a monitor that is gone onto this one
        const QRect first = WindowLayoutMemory::defaultGeometry(screen, frame);
        QVERIFY(inside(screen.marginsRemoved(frame), first));
        QVERIFY(first.width() >= 1000 && first.height() >= 600);
    }

private:
    void checkOnScreen(MainWindow &w)
    {
        const QRect available = w.screen()->availableGeometry();
        QTRY_VERIFY2(inside(available, w.frameGeometry()),
                     qPrintable(rectText(w.frameGeometry()) + QStringLiteral(" in ") + rectText(available)));
        auto *toolbar = w.findChild<QToolBar *>(QStringLiteral("TokenToolBar"));
        QVERIFY(toolbar);
        QWidget *settings = toolbar->widgetForAction(w.actions()->settings);
        QVERIFY(settings);
        QTRY_VERIFY(settings->isVisible()); // not pushed into the toolbar's overflow menu
        QVERIFY2(inside(available, globalRect(settings)), qPrintable(rectText(globalRect(settings))));
        QVERIFY2(inside(available, globalRect(w.statusBar())),
                 qPrintable(rectText(globalRect(w.statusBar()))));
    }

    std::unique_ptr<WindowFixture> m_f;
};

HFTM_SCREEN_TEST_MAIN(TestWindowFitsScreen, HFTM_SCREEN_WIDTH, HFTM_SCREEN_HEIGHT, HFTM_SCREEN_SCALE)
#include "tst_window_fits_screen.moc"
