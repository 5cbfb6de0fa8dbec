// The window's "Validate all" on a slow keychain (300 ms a request) and the fake Hub on 127.0.0.1: the
// event loop keeps turning during the whole run (a 10 ms timer probe keeps firing; its longest gap is
// printed), the run ends once with every token answered ("Validated 25 tokens.", not a second, later
// "Validated 0 tokens." as the old runner did for 9, 17, 25… tokens), and the answers are in the table.
#include "support/FakeHub.h"
#include "support/SlowSecretStore.h"
#include "support/gui/WindowFixture.h"

#include "ui/window/TokenActions.h"
#include "ui/window/TokenTableModel.h"

#include <QElapsedTimer>
#include <QProgressBar>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr int Tokens = 25;
constexpr int ProbeMs = 10;
constexpr int StallMs = 50;

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEwindowRunToken%1xxxxxxxxxxxxx").arg(i, 3, 10, QLatin1Char('0'));
}
} // namespace

class TestWindowCheckRun : public QObject {
    Q_OBJECT

private slots:
    void validateAllKeepsTheWindowAnswering()
    {
        auto slow = std::make_unique<SlowSecretStore>(0);
        SlowSecretStore *keychain = slow.get();
        WindowFixture f(false, std::move(slow));
        FakeHub hub;
        QVERIFY(hub.start());
        hub.setLatencyMs(50);
        QByteArray ini;
        for (int i = 0; i < Tokens; ++i) {
            ini += "[run-" + QByteArray::number(i) + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
            hub.addToken(secretOf(i), QStringLiteral("whoami_read_token.json"));
        }
        f.env.writeFile(QStringLiteral("stored_tokens"), ini);
        f.env.set(QStringLiteral("HF_ENDPOINT"), hub.endpoint());
        TokenStore *store = f.store();
        // Only the keychain holds the secrets, so the run has to wait for it.
        QVERIFY(!store->setStorageMode(StorageMode::KeychainOnly));
        QCOMPARE(int(store->tokens().size()), Tokens);
        MainWindow &w = f.shownWindow();
        keychain->setLatencyMs(300);

        int fired = 0;
        qint64 longestGap = 0;
        QElapsedTimer sinceLast;
        QTimer probe;
        connect(&probe, &QTimer::timeout, this, [&] {
            ++fired;
            longestGap = qMax(longestGap, sinceLast.elapsed());
            sinceLast.start();
        });
        const QString done = QStringLiteral("Validated %1 tokens.").arg(Tokens);
        QElapsedTimer run;
        run.start();
        sinceLast.start();
        probe.start(ProbeMs);
        WindowFixture::trigger(w.actions()->validateAll);
        QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage() == done, 30000);
        const qint64 duration = run.elapsed();
        probe.stop();
        qInfo("validate all, %d tokens: %lld ms, probe fired %d times, longest gap %lld ms", Tokens, duration,
              fired, longestGap);
        // No stall over StallMs means at least one firing in every StallMs of the run.
        QVERIFY2(fired >= int(duration / StallMs) - 1, qPrintable(QString::number(fired)));

        // Nothing comes after the end: every request answered, the message stays, the bar is gone.
        QTRY_VERIFY_WITH_TIMEOUT(
            hub.requestCount(QStringLiteral("/api/whoami-v2")) == Tokens && hub.inFlight() == 0, 10000);
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        QCOMPARE(w.statusBar()->currentMessage(), done);
        QVERIFY(!w.findChild<QProgressBar *>()->isVisible());
        for (const TokenRecord &record : store->tokens())
            QCOMPARE(record.check.status, TokenStatus::Valid);
        QCOMPARE(keychain->bulkReads(), 1);
        QCOMPARE(keychain->reads(), 0); // nothing waited on the keychain
    }
};

QTEST_MAIN(TestWindowCheckRun)
#include "tst_window_checkrun.moc"
