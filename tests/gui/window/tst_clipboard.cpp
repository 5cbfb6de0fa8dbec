// Copying a token: password-manager hint, cleared after the timeout only while it is still ours, and on
// quit. The guard alone runs with millisecond timeouts; the window path uses the settings' timeout.
#include "support/gui/WindowFixture.h"
#include "ui/common/ClipboardGuard.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace std::chrono_literals;

class ClipboardTest : public QObject {
    Q_OBJECT
private slots:
    void init() { QGuiApplication::clipboard()->clear(); }
    void copyCarriesThePasswordManagerHint();
    void clearsAfterTheTimeout();
    void leavesWhatTheUserCopiedMeanwhile();
    void clearsOnQuitOnlyIfOurs();
    void windowCopyUsesTheSettingsTimeout();

private:
    static QClipboard *clipboard() { return QGuiApplication::clipboard(); }
};

void ClipboardTest::copyCarriesThePasswordManagerHint()
{
    ClipboardGuard guard(clipboard());
    guard.copySecret(CiWriteSecret, 10s);
    const QMimeData *mime = clipboard()->mimeData();
    QVERIFY(mime);
    QCOMPARE(mime->text(), CiWriteSecret);
    QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QVERIFY(guard.holdsOurValue());
}

void ClipboardTest::clearsAfterTheTimeout()
{
    ClipboardGuard guard(clipboard());
    QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
    guard.copySecret(CiWriteSecret, 50ms);
    QVERIFY(cleared.wait(2000));
    QVERIFY(clipboard()->text().isEmpty());
    QVERIFY(!guard.isArmed());
}

void ClipboardTest::leavesWhatTheUserCopiedMeanwhile()
{
    ClipboardGuard guard(clipboard());
    QSignalSpy released(&guard, &ClipboardGuard::released);
    QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
    guard.copySecret(CiWriteSecret, 50ms);
    clipboard()->setText(QStringLiteral("something the user copied"));
    QVERIFY(released.wait(2000));
    QCOMPARE(cleared.size(), 0);
    QCOMPARE(clipboard()->text(), QStringLiteral("something the user copied"));
}

void ClipboardTest::clearsOnQuitOnlyIfOurs()
{
    {
        ClipboardGuard guard(clipboard());
        guard.copySecret(CiWriteSecret, 1h);
    } // the application context (and its guard) goes away at quit
    QVERIFY(clipboard()->text().isEmpty());
    {
        ClipboardGuard guard(clipboard());
        guard.copySecret(CiWriteSecret, 1h);
        clipboard()->setText(QStringLiteral("mine"));
    }
    QCOMPARE(clipboard()->text(), QStringLiteral("mine"));
}

void ClipboardTest::windowCopyUsesTheSettingsTimeout()
{
    WindowFixture f;
    Settings settings = f.store()->settings();
    settings.clipboardTimeoutSeconds = 5; // the shortest the settings allow
    QVERIFY(!f.store()->saveSettings(settings));
    MainWindow &w = f.window();
    QSignalSpy cleared(f.context().clipboard(), &ClipboardGuard::cleared);

    WindowFixture::trigger(w.actions()->copy);
    QTRY_COMPARE(clipboard()->text(), CiWriteSecret); // the keychain answers on a later turn
    QCOMPARE(clipboard()->mimeData()->data(QStringLiteral("x-kde-passwordManagerHint")),
             QByteArray("secret"));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("5 s")));
    QVERIFY(!w.statusBar()->currentMessage().contains(CiWriteSecret));
    QVERIFY(!cleared.wait(3000)); // not before its time
    QVERIFY(cleared.wait(4000));
    QVERIFY(clipboard()->text().isEmpty());

    // Copied again, then the user copies something else: that survives the timeout.
    QSignalSpy released(f.context().clipboard(), &ClipboardGuard::released);
    WindowFixture::trigger(w.actions()->copy);
    QTRY_COMPARE(clipboard()->text(), CiWriteSecret); // copied once the keychain answered
    clipboard()->setText(QStringLiteral("user text"));
    QVERIFY(released.wait(8000));
    QCOMPARE(clipboard()->text(), QStringLiteral("user text"));
}

QTEST_MAIN(ClipboardTest)
#include "tst_clipboard.moc"
