// The keychain probe runs in the background after the first frame: while a slow keychain has not
// answered, the window says "Checking the keychain…" and keeps answering (timers fire, typing filters
// the table); then the banner the answer calls for. The probe only reads: nothing is written to it.
#include "support/gui/WindowFixture.h"
#include "ui/window/BannerArea.h"
#include "ui/window/TokenFilterProxy.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;
using namespace std::chrono_literals;

class MainWindowKeychainProbeTest : public QObject {
    Q_OBJECT
private slots:
    void checkingStateThenUnavailableBanner()
    {
        WindowFixture f;
        f.context(); // the store imports with the keychain answering; then it turns slow and away
        f.secrets->setLatency(800ms);
        f.secrets->setUnavailable(true);
        const QHash<QString, QString> entriesBefore = f.secrets->entries();

        MainWindow &w = f.shownWindow();
        QTRY_VERIFY(w.isCheckingKeychain());
        QVERIFY(w.bannerArea()->isShowing(Banner::Id::CheckingKeychain));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoKeychain)); // nothing judged yet
        bool sawText = false;
        for (const Banner &banner : w.bannerArea()->banners())
            sawText |= banner.text == QStringLiteral("Checking the keychain\u2026");
        QVERIFY(sawText);

        // Responsive meanwhile: a 10 ms timer keeps firing and typing filters the table.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 5, 2000);
        QVERIFY(w.isCheckingKeychain()); // the probe has not answered yet, the loop was free all along
        QTest::keyClicks(w.searchField(), QStringLiteral("laptop"));
        QCOMPARE(w.table()->model()->rowCount(), 1);
        QVERIFY(w.isCheckingKeychain());

        QSignalSpy checked(&w, &MainWindow::keychainChecked);
        QVERIFY(checked.wait(5000));
        QVERIFY(!w.isCheckingKeychain());
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::CheckingKeychain));
        QVERIFY(w.bannerArea()->isShowing(Banner::Id::NoKeychain));
        QCOMPARE(f.secrets->entries(), entriesBefore); // the probe wrote nothing, removed nothing
    }

    void reachableKeychainLeavesNoBanner()
    {
        WindowFixture f;
        f.context();
        f.secrets->setLatency(300ms);
        MainWindow &w = f.shownWindow();
        QTRY_VERIFY(w.bannerArea()->isShowing(Banner::Id::CheckingKeychain));
        QSignalSpy checked(&w, &MainWindow::keychainChecked);
        QVERIFY(checked.wait(5000));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::CheckingKeychain));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoKeychain));
    }
};

QTEST_MAIN(MainWindowKeychainProbeTest)
#include "tst_mainwindow_keychainprobe.moc"
