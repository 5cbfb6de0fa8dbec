// KeychainSecretStore against a real gnome-keyring through QtKeychain (run by tests/with-keyring.sh).
#include "core/secrets/KeychainSecretStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace hftm;

namespace {

// The production service name: with-keyring.sh gives every run a fresh keyring, so nothing left over from
// another run can satisfy an assertion.
QString testService()
{
    return QString::fromLatin1(KeychainSecretStore::ServiceName);
}

struct ToolOutput {
    int exitCode = -1;
    QString out;
};

// secret-tool talks to the Secret Service directly: what it sees is really in gnome-keyring, not in a
// QtKeychain fallback file.
ToolOutput secretTool(const QStringList &arguments)
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels); // secret-tool prints the attributes on stderr
    tool.start(QStringLiteral("secret-tool"), arguments);
    if (!tool.waitForFinished(20000))
        return {};
    return {tool.exitCode(), QString::fromUtf8(tool.readAllStandardOutput())};
}

} // namespace

class KeychainTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void overwrite();
    void readMissingIsNotFound();
    void removeMissingSucceeds();
    void emptyKeyRefused();
    void visibleToSecretTool();
    void newStoreObjectSeesSameSecrets();
    void probeWorks();
    void serviceNameIsTheContract();
    void timingOfReads();
    void cleanupTestCase();

private:
    KeychainSecretStore m_store{testService()};
};

void KeychainTest::initTestCase()
{
    // with-keyring.sh exports this; without it we might be talking to a real user's keyring.
    QVERIFY2(qEnvironmentVariableIsSet("HFTM_KEYRING_SCRATCH"),
             "run this test through tests/with-keyring.sh");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "no private D-Bus session");
}

void KeychainTest::roundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::newRow("plain") << QStringLiteral("work") << QStringLiteral("hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345");
    QTest::newRow("spaces") << QStringLiteral("my laptop token") << QStringLiteral("hf_spaces0123456789");
    QTest::newRow("unicode name") << QStringLiteral("Käse 東京 🤗")
                                  << QStringLiteral("hf_unicodeName0123");
    QTest::newRow("unicode secret") << QStringLiteral("odd") << QStringLiteral("päss wörd ✓ \u00a0end");
    QTest::newRow("punctuation") << QStringLiteral("a/b:c=d;e'f\"g") << QStringLiteral("hf_punct");
    QTest::newRow("long") << QStringLiteral("long") << QString(4096, QLatin1Char('x'));
}

void KeychainTest::roundTrip()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    const Error written = m_store.write(key, secret);
    QVERIFY2(!written, qPrintable(written.message));
    const Result<QString> back = m_store.read(key);
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(back.value(), secret);
    const Error removed = m_store.remove(key);
    QVERIFY2(!removed, qPrintable(removed.message));
    QCOMPARE(m_store.read(key).error().code, ErrorCode::NotFound);
}

void KeychainTest::overwrite()
{
    const QString key = QStringLiteral("overwritten");
    QVERIFY(!m_store.write(key, QStringLiteral("hf_first")));
    QVERIFY(!m_store.write(key, QStringLiteral("hf_second")));
    QCOMPARE(m_store.read(key).value(), QStringLiteral("hf_second"));
    // Still one item, not two: an overwrite must replace, or stale secrets pile up in the keyring.
    const ToolOutput found =
        secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                    testService(), QStringLiteral("user"), key});
    QCOMPARE(found.out.count(QStringLiteral("attribute.user = overwritten")), 1);
    QVERIFY(!m_store.remove(key));
}

void KeychainTest::readMissingIsNotFound()
{
    const Result<QString> missing = m_store.read(QStringLiteral("never-written"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.contains(QStringLiteral("never-written")));
}

void KeychainTest::removeMissingSucceeds()
{
    const Error error = m_store.remove(QStringLiteral("never-written-either"));
    QVERIFY2(!error, qPrintable(error.message));
}

void KeychainTest::emptyKeyRefused()
{
    QCOMPARE(m_store.write(QString(), QStringLiteral("hf_x")).code, ErrorCode::InvalidInput);
    QCOMPARE(m_store.read(QString()).error().code, ErrorCode::InvalidInput);
    QCOMPARE(m_store.remove(QString()).code, ErrorCode::InvalidInput);
}

void KeychainTest::visibleToSecretTool()
{
    const QString key = QStringLiteral("seen by secret-tool");
    const QString secret = QStringLiteral("hf_visibleToSecretTool0123456789");
    QVERIFY(!m_store.write(key, secret));

    const ToolOutput search = secretTool(
        {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), testService()});
    QCOMPARE(search.exitCode, 0);
    QVERIFY2(search.out.contains(QStringLiteral("attribute.server = ") + testService()),
             "no item for our service");
    QVERIFY(search.out.contains(QStringLiteral("attribute.user = ") + key));

    // And the secret itself, looked up by the attributes other apps would use.
    const ToolOutput lookup = secretTool(
        {QStringLiteral("lookup"), QStringLiteral("server"), testService(), QStringLiteral("user"), key});
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(lookup.out.trimmed(), secret);

    QVERIFY(!m_store.remove(key));
    const ToolOutput gone =
        secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                    testService(), QStringLiteral("user"), key});
    QVERIFY(!gone.out.contains(QStringLiteral("attribute.user")));
}

void KeychainTest::newStoreObjectSeesSameSecrets()
{
    {
        KeychainSecretStore first(testService());
        QVERIFY(!first.write(QStringLiteral("persisted"), QStringLiteral("hf_persisted")));
    }
    KeychainSecretStore second(testService());
    QCOMPARE(second.read(QStringLiteral("persisted")).value(), QStringLiteral("hf_persisted"));
    // Another service is another namespace: the same key is not visible there.
    KeychainSecretStore other(QStringLiteral("hf-token-manager-other"));
    QCOMPARE(other.read(QStringLiteral("persisted")).error().code, ErrorCode::NotFound);
    QVERIFY(!second.remove(QStringLiteral("persisted")));
}

void KeychainTest::probeWorks()
{
    const Error error = m_store.probe();
    QVERIFY2(!error, qPrintable(error.message));
    // The probe cleans up after itself.
    QCOMPARE(m_store.read(QStringLiteral("hftm-probe")).error().code, ErrorCode::NotFound);
}

void KeychainTest::serviceNameIsTheContract()
{
    QCOMPARE(QString::fromLatin1(KeychainSecretStore::ServiceName), QStringLiteral("hf-token-manager"));
    QCOMPARE(m_store.displayName(), QStringLiteral("keychain"));
}

// Not a pass/fail benchmark: prints the figure the UI design depends on (never read secrets to draw a list).
void KeychainTest::timingOfReads()
{
    QVERIFY(!m_store.write(QStringLiteral("timed"), QStringLiteral("hf_timed")));
    constexpr int Reads = 200;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < Reads; ++i)
        QVERIFY(m_store.read(QStringLiteral("timed")).ok());
    const qint64 readMs = clock.elapsed();
    clock.restart();
    for (int i = 0; i < 20; ++i)
        QVERIFY(!m_store.write(QStringLiteral("timed"), QStringLiteral("hf_timed%1").arg(i)));
    const qint64 writeMs = clock.elapsed();
    qInfo("%d sequential keychain reads: %lld ms; 20 writes: %lld ms", Reads, readMs, writeMs);
    QVERIFY(!m_store.remove(QStringLiteral("timed")));
}

void KeychainTest::cleanupTestCase()
{
    // Nothing of ours may be left behind in the keyring.
    const ToolOutput left = secretTool(
        {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), testService()});
    // Only the attribute lines are shown on failure: secret-tool also prints the secrets.
    const QStringList users = left.out.split(QLatin1Char('\n')).filter(QStringLiteral("attribute.user"));
    QVERIFY2(users.isEmpty(), qPrintable(users.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_keychain.moc"
