// TokenStore::importChanges() and readSecrets() over real files and a slow in-memory keychain: what `hf`
// added is listed at once, held by the files, and its keychain copy follows without anyone waiting; in
// keychain-only mode the section leaves stored_tokens only once the copy is written, never if it failed;
// reading many secrets is one keychain request.
#include "core/files/TokenText.h"
#include "core/secrets/SecretJob.h"
#include "support/TestWorld.h"

#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;
using namespace std::chrono_literals;

namespace {
const QString AddedSecret = QStringLiteral("hf_FAKEaddedByHfLoginxxxxxxxxxxxxAdd1");
const QByteArray HfAdded = "[hf-added]\nhf_token = " + AddedSecret.toUtf8() + "\n\n";
constexpr int ImportDeadlineMs = 10000;
} // namespace

class TestTokenStoreImport : public QObject {
    Q_OBJECT

private slots:
    void hfAddedTokenIsListedBeforeItsKeychainCopyIsWritten()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        world.secrets.setLatency(300ms);
        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QSignalSpy finished(store.get(), &TokenStore::importFinished);

        QVERIFY(!store->importChanges().isError());
        // The answer is there before the keychain has been asked anything.
        const std::optional<TokenRecord> listed = store->token(QStringLiteral("hf-added"));
        QVERIFY(listed);
        QCOMPARE(listed->storage, StorageLocations(StorageLocation::StoredTokens));
        QCOMPARE(store->syncNotes().filter(QStringLiteral("Imported \"hf-added\"")).size(), 1);
        QVERIFY(!world.secrets.entries().contains(QStringLiteral("hf-added")));
        QVERIFY(store->importPending());

        QVERIFY(finished.wait(ImportDeadlineMs));
        QCOMPARE(world.secrets.entries().value(QStringLiteral("hf-added")), AddedSecret);
        QCOMPARE(store->token(QStringLiteral("hf-added"))->storage,
                 StorageLocations(StorageLocation::Keychain | StorageLocation::StoredTokens));
        QVERIFY(!store->importPending());
        // Recorded, so another process sees it in the keychain too, and nothing is copied twice.
        auto other = world.makeStore();
        QVERIFY(!other->refresh().isError());
        QVERIFY(other->token(QStringLiteral("hf-added"))->storage.testFlag(StorageLocation::Keychain));
        const int requests = world.secrets.requestCount();
        QVERIFY(!store->importChanges().isError());
        QVERIFY(!store->importPending());
        QCOMPARE(world.secrets.requestCount(), requests);
    }

    void keychainOnlyKeepsTheSectionUntilItsCopyIsWritten()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        QVERIFY(!store->setStorageMode(StorageMode::KeychainOnly).isError());
        world.secrets.setLatency(300ms);
        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QSignalSpy finished(store.get(), &TokenStore::importFinished);

        QVERIFY(!store->importChanges().isError());
        QVERIFY(world.storedTokens().contains("[hf-added]"));
        QCOMPARE(store->token(QStringLiteral("hf-added"))->storage,
                 StorageLocations(StorageLocation::StoredTokens));
        QVERIFY(!world.secrets.entries().contains(QStringLiteral("hf-added")));

        QVERIFY(finished.wait(ImportDeadlineMs));
        QCOMPARE(world.secrets.entries().value(QStringLiteral("hf-added")), AddedSecret);
        QVERIFY(!world.storedTokens().contains("[hf-added]"));
        QVERIFY(!world.storedTokens().contains(AddedSecret.toUtf8()));
        QCOMPARE(store->token(QStringLiteral("hf-added"))->storage,
                 StorageLocations(StorageLocation::Keychain));
        QVERIFY(!store->token(QStringLiteral("hf-added"))->missingFromFiles);
    }

    void keychainOnlyNeverDropsASectionWhoseCopyFailed()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        QVERIFY(!store->setStorageMode(StorageMode::KeychainOnly).isError());
        world.secrets.setUnavailable(true);
        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QSignalSpy finished(store.get(), &TokenStore::importFinished);

        QVERIFY(!store->importChanges().isError());
        QVERIFY(finished.wait(ImportDeadlineMs));
        QCOMPARE(store->syncNotes().filter(QStringLiteral("Could not copy \"hf-added\"")).size(), 1);
        QVERIFY(world.storedTokens().contains("[hf-added]\nhf_token = " + AddedSecret.toUtf8()));
        QCOMPARE(store->token(QStringLiteral("hf-added"))->storage,
                 StorageLocations(StorageLocation::StoredTokens));

        // Once the keychain answers again, the next import moves it.
        world.secrets.setUnavailable(false);
        QVERIFY(!store->importChanges().isError());
        QVERIFY(finished.wait(ImportDeadlineMs));
        QVERIFY(!world.storedTokens().contains("[hf-added]"));
        QCOMPARE(world.secrets.entries().value(QStringLiteral("hf-added")), AddedSecret);
    }

    void aTokenRemovedWhileItsCopyWaitsLeavesNoKeychainItem()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QSignalSpy finished(store.get(), &TokenStore::importFinished);
        QVERIFY(!store->importChanges().isError());
        QVERIFY(store->remove(QStringLiteral("hf-added")).ok()); // before the copy got its turn
        if (store->importPending())
            QVERIFY(finished.wait(ImportDeadlineMs));
        QVERIFY(!world.secrets.entries().contains(QStringLiteral("hf-added")));
        QVERIFY(!store->token(QStringLiteral("hf-added")));
    }

    void readSecretsIsOneFileReadAndOneKeychainRequest()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QVERIFY(!store->refresh().isError()); // listed, not imported: only the file holds it
        world.secrets.setLatency(50ms);
        const int requests = world.secrets.requestCount();
        const int operations = world.secrets.operationCount();

        QStringList names = fixtureNames();
        names << QStringLiteral("hf-added") << QStringLiteral("nobody");
        SecretJob *job = store->readSecrets(names);
        QHash<QString, Result<QString>> results;
        int answers = 0;
        connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
            results = done->results();
            ++answers;
        });
        QVERIFY(!job->isFinished()); // never inside the call
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, ImportDeadlineMs);

        QCOMPARE(world.secrets.requestCount(), requests + 1);
        QCOMPARE(world.secrets.operationCount(), operations + fixtureNames().size()); // one per key read
        for (const QString &name : fixtureNames())
            QCOMPARE(results.value(name, Error{}).value(), fixtureSecret(name));
        QCOMPARE(results.value(QStringLiteral("hf-added"), Error{}).value(), AddedSecret);
        QCOMPARE(results.value(QStringLiteral("nobody"), Error{}).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTokenStoreImport)
#include "tst_tokenstore_import.moc"
