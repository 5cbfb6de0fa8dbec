// No nested event loop in the keychain, against a "bus" that accepts connections and never answers
// (run by tests/without-keyring.sh): a blocking read started from a timer lets none of the caller's queued
// events run inside it, and an asynchronous read returns at once and finishes exactly once, with the
// timeout, for both backends. The probe still says "unavailable" where no Secret Service exists at all.
#include "SecretsTestSupport.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"

#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace hftm;

namespace {
constexpr int TimeoutMs = 800;

} // namespace

class KeychainNoLoopTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void probeWithoutServiceIsUnavailable();
    void blockingReadRunsNoCallerEvents_data();
    void blockingReadRunsNoCallerEvents();
    void asyncReadFinishesOnceWithTimeout_data();
    void asyncReadFinishesOnceWithTimeout();

private:
    std::unique_ptr<SecretStore> make(int which) const;

    QTemporaryDir m_scratch;
    QLocalServer m_silentBus;
};

void KeychainNoLoopTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run this test through tests/without-keyring.sh");
    QVERIFY(m_scratch.isValid());
    QVERIFY(secretstest::isolateHome(m_scratch));
}

std::unique_ptr<SecretStore> KeychainNoLoopTest::make(int which) const
{
    if (which == 0)
        return std::make_unique<SecretServiceStore>(secretstest::storeIn(m_scratch, QStringLiteral("hf")),
                                                    TimeoutMs);
    return std::make_unique<KeychainSecretStore>(QStringLiteral("hf-token-manager-noloop"), TimeoutMs);
}

// Before the silent bus exists: no bus at all, so both probes answer "unavailable", synchronously and not.
void KeychainNoLoopTest::probeWithoutServiceIsUnavailable()
{
    for (int which : {0, 1}) {
        auto store = make(which);
        QCOMPARE(store->probe().code, ErrorCode::KeychainUnavailable);
        SecretJob *job = store->probeLater();
        Error error;
        connect(job, &SecretJob::finished, this, [&error](SecretJob *done) { error = done->error(); });
        QSignalSpy finished(job, &SecretJob::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        QVERIFY2(error.message.contains(QStringLiteral("files-only")), qPrintable(error.message));
    }
    // From here on the "bus" accepts connections and never answers.
    const QString socket = m_scratch.filePath(QStringLiteral("silent-bus"));
    QVERIFY2(m_silentBus.listen(socket), qPrintable(m_silentBus.errorString()));
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket.toUtf8());
}

void KeychainNoLoopTest::blockingReadRunsNoCallerEvents_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("Secret Service (libsecret)") << 0;
    QTest::newRow("QtKeychain") << 1;
}

// The read is started from a timer with another event already queued behind it. A nested event loop
// would run that event inside read(); without one it runs after read() has returned.
void KeychainNoLoopTest::blockingReadRunsNoCallerEvents()
{
    QFETCH(int, which);
    auto store = make(which);
    QStringList order;
    QTimer::singleShot(0, this, [&] {
        QMetaObject::invokeMethod(
            this, [&order] { order << QStringLiteral("queued event"); }, Qt::QueuedConnection);
        QTimer::singleShot(0, this, [&order] { order << QStringLiteral("timer"); });
        const Result<QString> read = store->read(QStringLiteral("work"));
        order << QStringLiteral("read returned %1").arg(read.ok() ? 0 : int(read.error().code));
    });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 20000);
    QCOMPARE(order, (QStringList{QStringLiteral("read returned %1").arg(int(ErrorCode::KeychainUnavailable)),
                                 QStringLiteral("queued event"), QStringLiteral("timer")}));
}

void KeychainNoLoopTest::asyncReadFinishesOnceWithTimeout_data()
{
    blockingReadRunsNoCallerEvents_data();
}

void KeychainNoLoopTest::asyncReadFinishesOnceWithTimeout()
{
    QFETCH(int, which);
    auto store = make(which);
    bool queuedRan = false;
    QMetaObject::invokeMethod(
        this, [&queuedRan] { queuedRan = true; }, Qt::QueuedConnection);
    SecretJob *job = store->readMany({QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(!queuedRan); // returned at once, running nothing of ours
    int finishedCount = 0;
    Error error;
    Result<QString> a = Error{};
    connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
        ++finishedCount;
        error = done->error();
        a = done->result(QStringLiteral("a"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 20000);
    QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
    QVERIFY2(error.message.contains(QStringLiteral("did not answer")), qPrintable(error.message));
    QCOMPARE(a.error().code, ErrorCode::KeychainUnavailable);
    // Still once, well after the deadline.
    bool later = false;
    QTimer::singleShot(TimeoutMs * 2, this, [&later] { later = true; });
    QTRY_VERIFY_WITH_TIMEOUT(later, 20000);
    QCOMPARE(finishedCount, 1);
}

QTEST_GUILESS_MAIN(KeychainNoLoopTest)
#include "tst_keychain_noloop.moc"
