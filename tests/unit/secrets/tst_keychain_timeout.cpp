// A keychain that never answers: DBUS_SESSION_BUS_ADDRESS points at a socket of ours that accepts
// connections and then says nothing. Every call must come back after the store's timeout with
// KeychainUnavailable, write nothing elsewhere, and a job that finishes late must not crash anything.
#include "SecretsTestSupport.h"
#include "core/secrets/KeychainSecretStore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {
constexpr int TimeoutMs = 1500;
// Generous upper bound for a loaded 2-core machine; the point is that the call returns at all.
constexpr int SlackMs = 5000;
const QString Canary = QStringLiteral("hf_CanaryTimeout0b1c2d3e4f5a6b7c8d9e");
} // namespace

class KeychainTimeoutTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void readTimesOut();
    void writeTimesOutAndWritesNothing();
    void lateFinishIsHarmless();

private:
    QTemporaryDir m_scratch;
    QLocalServer m_silentBus;
};

void KeychainTimeoutTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run this test through tests/without-keyring.sh");
    QVERIFY(m_scratch.isValid());
    QVERIFY(secretstest::isolateHome(m_scratch));
    const QString socket = m_scratch.filePath(QStringLiteral("silent-bus"));
    QVERIFY2(m_silentBus.listen(socket), qPrintable(m_silentBus.errorString()));
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket.toUtf8());
}

void KeychainTimeoutTest::readTimesOut()
{
    KeychainSecretStore store(QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs);
    QElapsedTimer clock;
    clock.start();
    const Result<QString> read = store.read(QStringLiteral("work"));
    const qint64 elapsed = clock.elapsed();
    qInfo("read came back after %lld ms", elapsed);

    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::KeychainUnavailable);
    QVERIFY2(read.error().message.contains(QStringLiteral("did not answer within 1.5 s")),
             qPrintable(read.error().message));
    QVERIFY(read.error().message.contains(QStringLiteral("Nothing was written anywhere else")));
    QVERIFY(elapsed >= TimeoutMs);
    QVERIFY(elapsed < TimeoutMs + SlackMs);
    // The hang really was the "bus": QtKeychain (libsecret) connected to our silent socket. The store no
    // longer spins this thread's event loop while it waits, so the server sees the connection only now.
    QTRY_VERIFY(m_silentBus.hasPendingConnections());
}

void KeychainTimeoutTest::writeTimesOutAndWritesNothing()
{
    KeychainSecretStore store(QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs);
    QElapsedTimer clock;
    clock.start();
    const Error error = store.write(QStringLiteral("work"), Canary);
    QVERIFY(clock.elapsed() < TimeoutMs + SlackMs);
    QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
    QVERIFY(!error.message.contains(Canary));
    QVERIFY(error.message.contains(QStringLiteral("files-only")));

    // No fallback file anywhere we can see: our socket is the only thing in the scratch folder.
    QDirIterator it(m_scratch.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    QCOMPARE(files, QStringList{m_silentBus.fullServerName()});
}

// The jobs abandoned above are still waiting inside QtKeychain. Hang up on them: they now finish with an
// error, long after the calls that started them returned. That must only delete the jobs; afterwards the
// queue moves on and a new call gets a prompt, non-timeout answer.
void KeychainTimeoutTest::lateFinishIsHarmless()
{
    while (m_silentBus.hasPendingConnections())
        m_silentBus.nextPendingConnection()->abort();
    m_silentBus.close(); // also removes the socket file, so reconnecting is refused at once

    KeychainSecretStore store(QString::fromLatin1(KeychainSecretStore::ServiceName), 10000);
    QElapsedTimer clock;
    clock.start();
    const Result<QString> read = store.read(QStringLiteral("work"));
    qInfo("after hanging up, read came back after %lld ms: %s", clock.elapsed(),
          qPrintable(read.error().message));
    QCOMPARE(read.error().code, ErrorCode::KeychainUnavailable);
    QVERIFY2(!read.error().message.contains(QStringLiteral("did not answer")),
             qPrintable(read.error().message));
}

QTEST_GUILESS_MAIN(KeychainTimeoutTest)
#include "tst_keychain_timeout.moc"
