// A real gnome-keyring whose login collection is locked and cannot be unlocked (no display for the
// prompt). libsecret then answers a lookup with "not found" and a delete with success although the item
// stays; the store must see through that and say "locked", or a token would look gone and a removal
// would be reported that never happened.
#include "SecretsTestSupport.h"
#include "core/secrets/KeychainSecretStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace hftm;

namespace {
constexpr int TimeoutMs = 5000;

} // namespace

class KeychainLockedTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void lockedRefuses_data();
    void lockedRefuses();

private:
    KeychainSecretStore m_store{QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs};
};

void KeychainLockedTest::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("HFTM_KEYRING_SCRATCH"),
             "run this test through tests/with-keyring.sh");
    QVERIFY(!m_store.write(QStringLiteral("existing"), QStringLiteral("hf_existingBeforeLock")));
    QVERIFY2(secretstest::lockLoginCollection(), "could not lock the login collection");
}

void KeychainLockedTest::lockedRefuses_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("read existing") << 0;
    QTest::newRow("write") << 1;
    QTest::newRow("probe") << 2;
    QTest::newRow("remove existing") << 3;
}

void KeychainLockedTest::lockedRefuses()
{
    QFETCH(int, operation);
    QElapsedTimer clock;
    clock.start();
    Error error;
    if (operation == 0)
        error = m_store.read(QStringLiteral("existing")).error();
    else if (operation == 1)
        error = m_store.write(QStringLiteral("new"), QStringLiteral("hf_newWhileLocked"));
    else if (operation == 2)
        error = m_store.probe();
    else
        error = m_store.remove(QStringLiteral("existing"));
    qInfo("%s: %lld ms: %s", QTest::currentDataTag(), clock.elapsed(), qPrintable(error.message));
    QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
    QVERIFY(clock.elapsed() < TimeoutMs * 5); // bounded even though read and remove also probe
    QVERIFY(error.message.contains(QStringLiteral("locked")));
    QVERIFY(error.message.contains(QStringLiteral("files-only")));
    if (operation == 3)
        QVERIFY(error.message.contains(QStringLiteral("Nothing was removed")));
}

QTEST_GUILESS_MAIN(KeychainLockedTest)
#include "tst_keychain_locked.moc"
