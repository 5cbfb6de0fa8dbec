// MemorySecretStore: the fake other layers' tests rely on must behave like the keychain contract says.
#include "core/secrets/MemorySecretStore.h"

#include <QTest>

using namespace hftm;

class MemoryStoreTest : public QObject {
    Q_OBJECT

private slots:
    void roundTrip();
    void readMissingIsNotFound();
    void removeMissingSucceeds();
    void emptyKeyRefused();
    void unavailableRefusesEverything();
    void countsEveryCall();
};

void MemoryStoreTest::roundTrip()
{
    MemorySecretStore store;
    QVERIFY(!store.write(QStringLiteral("Käse 🤗"), QStringLiteral("hf_a")));
    QVERIFY(!store.write(QStringLiteral("Käse 🤗"), QStringLiteral("hf_b")));
    QCOMPARE(store.read(QStringLiteral("Käse 🤗")).value(), QStringLiteral("hf_b"));
    QCOMPARE(store.entries().size(), 1);
    QVERIFY(!store.remove(QStringLiteral("Käse 🤗")));
    QVERIFY(store.entries().isEmpty());
    QVERIFY(!store.probe());
    QCOMPARE(store.displayName(), QStringLiteral("memory"));
}

void MemoryStoreTest::readMissingIsNotFound()
{
    MemorySecretStore store;
    QCOMPARE(store.read(QStringLiteral("nope")).error().code, ErrorCode::NotFound);
}

void MemoryStoreTest::removeMissingSucceeds()
{
    MemorySecretStore store;
    QVERIFY(!store.remove(QStringLiteral("nope")));
}

void MemoryStoreTest::emptyKeyRefused()
{
    MemorySecretStore store;
    QCOMPARE(store.write(QString(), QStringLiteral("hf_x")).code, ErrorCode::InvalidInput);
    QCOMPARE(store.read(QString()).error().code, ErrorCode::InvalidInput);
    QCOMPARE(store.remove(QString()).code, ErrorCode::InvalidInput);
}

void MemoryStoreTest::unavailableRefusesEverything()
{
    MemorySecretStore store;
    QVERIFY(!store.write(QStringLiteral("kept"), QStringLiteral("hf_kept")));
    store.setUnavailable(true);
    QCOMPARE(store.read(QStringLiteral("kept")).error().code, ErrorCode::KeychainUnavailable);
    QCOMPARE(store.write(QStringLiteral("new"), QStringLiteral("hf_new")).code,
             ErrorCode::KeychainUnavailable);
    QCOMPARE(store.remove(QStringLiteral("kept")).code, ErrorCode::KeychainUnavailable);
    QCOMPARE(store.probe().code, ErrorCode::KeychainUnavailable);
    QVERIFY(!store.read(QStringLiteral("kept")).error().message.isEmpty());
    // Nothing changed while unavailable, and it comes back as it was.
    QCOMPARE(store.entries().size(), 1);
    store.setUnavailable(false);
    QCOMPARE(store.read(QStringLiteral("kept")).value(), QStringLiteral("hf_kept"));
}

void MemoryStoreTest::countsEveryCall()
{
    MemorySecretStore store;
    QCOMPARE(store.operationCount(), 0);
    store.write(QStringLiteral("a"), QStringLiteral("hf_a"));
    store.read(QStringLiteral("a"));
    store.read(QStringLiteral("missing"));
    store.remove(QStringLiteral("a"));
    store.probe();
    QCOMPARE(store.operationCount(), 5);
    store.setUnavailable(true);
    store.read(QStringLiteral("a"));
    QCOMPARE(store.operationCount(), 6);
    store.displayName(); // not an operation on secrets
    QCOMPARE(store.operationCount(), 6);
}

QTEST_GUILESS_MAIN(MemoryStoreTest)
#include "tst_memory.moc"
