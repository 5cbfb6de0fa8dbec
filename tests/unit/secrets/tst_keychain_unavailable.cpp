// KeychainSecretStore where no Secret Service can exist (run by tests/without-keyring.sh): every call must
// come back quickly with KeychainUnavailable and a message that says how to fix it, and nothing may be
// written anywhere instead (QtKeychain's plaintext fallback must stay off).
#include "core/secrets/KeychainSecretStore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {
const QString Canary = QStringLiteral("hf_CanaryUnavailable7f3a9c0d1e2b4a6c");
constexpr int TimeoutMs = 10000;

enum class Operation { Read, Write, Remove, Probe };

Error perform(SecretStore &store, Operation operation)
{
    switch (operation) {
    case Operation::Read:
        return store.read(QStringLiteral("work")).error();
    case Operation::Write:
        return store.write(QStringLiteral("work"), Canary);
    case Operation::Remove:
        return store.remove(QStringLiteral("work"));
    case Operation::Probe:
        return store.probe();
    }
    return {};
}

// Every file below root; directories we created ourselves are not "written".
QStringList filesBelow(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}
} // namespace

Q_DECLARE_METATYPE(Operation)

class KeychainUnavailableTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void failsClearly_data();
    void failsClearly();
    void nothingWrittenAnywhere();

private:
    QTemporaryDir m_scratch;
};

void KeychainUnavailableTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run this test through tests/without-keyring.sh");
    QVERIFY(m_scratch.isValid());
    // Every place QtKeychain (QSettings fallback), GLib or libsecret could write to points into the scratch
    // folder, so nothingWrittenAnywhere() can see any file they create. An empty XDG_RUNTIME_DIR also keeps
    // GLib from finding a user's bus at $XDG_RUNTIME_DIR/bus.
    const char *const variables[][2] = {{"HOME", "home"},
                                        {"XDG_CONFIG_HOME", "config"},
                                        {"XDG_DATA_HOME", "data"},
                                        {"XDG_CACHE_HOME", "cache"},
                                        {"XDG_STATE_HOME", "state"},
                                        {"XDG_RUNTIME_DIR", "run"}};
    for (const auto &variable : variables) {
        const QString path = m_scratch.filePath(QString::fromLatin1(variable[1]));
        QVERIFY(QDir().mkpath(path));
        qputenv(variable[0], path.toUtf8());
    }
    QFile::setPermissions(m_scratch.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void KeychainUnavailableTest::failsClearly_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::newRow("read") << Operation::Read;
    QTest::newRow("write") << Operation::Write;
    QTest::newRow("remove") << Operation::Remove;
    QTest::newRow("probe") << Operation::Probe;
}

void KeychainUnavailableTest::failsClearly()
{
    QFETCH(Operation, operation);
    KeychainSecretStore store(QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs);
    QElapsedTimer clock;
    clock.start();
    const Error error = perform(store, operation);
    const qint64 elapsed = clock.elapsed();

    QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
    qInfo("%s failed after %lld ms: %s", QTest::currentDataTag(), elapsed, qPrintable(error.message));
    // A missing bus is known at once; it must not be mistaken for a slow keychain.
    QVERIFY2(elapsed < TimeoutMs, "the call waited for the timeout instead of failing at once");
    QVERIFY(!error.message.contains(QStringLiteral("did not answer")));
    // Says what is missing and both ways out.
    QVERIFY(error.message.contains(QStringLiteral("Secret Service")));
    QVERIFY(error.message.contains(QStringLiteral("gnome-keyring")));
    QVERIFY(error.message.contains(QStringLiteral("hftoken config storage files-only")));
    QVERIFY(!error.message.contains(Canary));
}

void KeychainUnavailableTest::nothingWrittenAnywhere()
{
    KeychainSecretStore store;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(store.write(QStringLiteral("work %1").arg(i), Canary).code, ErrorCode::KeychainUnavailable);
    const QStringList files = filesBelow(m_scratch.path());
    QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(KeychainUnavailableTest)
#include "tst_keychain_unavailable.moc"
