// TokenStore::setStorageMode() / StorageModeSwitch: secrets move both ways between the keychain and
// stored_tokens, a switch that cannot be completed is refused, and no transition ever loses a token.
#include "core/files/TokenText.h"
#include "core/store/StorageModeSwitch.h"
#include "support/TestWorld.h"

#include <QTest>

using namespace hftm;
using hftm::test::TestWorld;

Q_DECLARE_METATYPE(hftm::StorageMode)

namespace {
QString secretOf(const char *name)
{
    return test::fixtureSecret(QString::fromLatin1(name));
}

const StorageMode AllModes[] = {StorageMode::KeychainAndFiles, StorageMode::KeychainOnly,
                                StorageMode::FilesOnly};

QByteArray section(const QString &name, const QString &secret)
{
    return QStringLiteral("[%1]\nhf_token = %2\n").arg(name, secret).toUtf8();
}
} // namespace

class TestStorageMode : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_store = m_world->makeStore();
        QVERIFY(!m_store->reload().isError());
        m_fixture = m_world->storedTokens();
    }
    void cleanup()
    {
        m_store.reset();
        m_world.reset();
    }

    void keychainOnlyAndBackRestoresTheFileByteForByte()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        QCOMPARE(m_store->settings().storageMode, StorageMode::KeychainOnly);
        // Only the OAuth section is left: huggingface_hub refreshes it in place.
        QCOMPARE(m_world->storedTokens(),
                 section(QStringLiteral("oauth-carol-example"), secretOf("oauth-carol-example")) +
                     "refresh_token = " + test::FixtureRefreshToken + "\nexpires_at = 1790000000\n\n");
        for (const auto &[name, secret] : test::fixtureTokens())
            QCOMPARE(m_world->secrets.entries().value(name), secret);
        for (const TokenRecord &record : m_store->tokens()) {
            const StorageLocations expected =
                record.oauth ? StorageLocations(StorageLocation::Keychain | StorageLocation::StoredTokens)
                             : StorageLocations(StorageLocation::Keychain);
            QCOMPARE(record.storage, expected);
            QVERIFY(!record.missingFromFiles); // we moved them; hf did not remove them
        }
        // The active token file is what Python tools read; it stays.
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());
        QVERIFY(m_store->token(QStringLiteral("ci-write"))->active);

        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainAndFiles).isError());
        QCOMPARE(m_world->storedTokens(), m_fixture);
        QCOMPARE(m_world->secrets.entries().size(), test::fixtureTokens().size());
    }

    void keychainOnlyKeepsOAuthSectionsWithANote()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        const QStringList notes = m_store->syncNotes().filter(QStringLiteral("oauth-carol-example"));
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.first().contains(QStringLiteral("OAuth")), qPrintable(notes.first()));
        QVERIFY(m_store->token(QStringLiteral("oauth-carol-example"))->oauth);
    }

    void filesOnlyEmptiesTheKeychainAndKeepsEverySecretInTheFile()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::FilesOnly).isError());
        QCOMPARE(m_store->settings().storageMode, StorageMode::FilesOnly);
        QVERIFY(m_world->secrets.entries().isEmpty());
        QCOMPARE(m_world->storedTokens(), m_fixture);
        for (const TokenRecord &record : m_store->tokens())
            QCOMPARE(record.storage, StorageLocations(StorageLocation::StoredTokens));
        // From now on the keychain is not consulted at all, not even on reload.
        const int operations = m_world->secrets.operationCount();
        QVERIFY(!m_store->reload().isError());
        QCOMPARE(m_world->secrets.operationCount(), operations);
    }

    void keychainModeNeedsAReachableKeychain_data()
    {
        QTest::addColumn<StorageMode>("from");
        QTest::addColumn<StorageMode>("to");
        QTest::newRow("files-only -> keychain-and-files")
            << StorageMode::FilesOnly << StorageMode::KeychainAndFiles;
        QTest::newRow("files-only -> keychain-only") << StorageMode::FilesOnly << StorageMode::KeychainOnly;
        QTest::newRow("keychain-only -> files-only") << StorageMode::KeychainOnly << StorageMode::FilesOnly;
        QTest::newRow("keychain-only -> keychain-and-files")
            << StorageMode::KeychainOnly << StorageMode::KeychainAndFiles;
    }

    void keychainModeNeedsAReachableKeychain()
    {
        QFETCH(StorageMode, from);
        QFETCH(StorageMode, to);
        QVERIFY(!m_store->setStorageMode(from).isError());
        const QByteArray file = m_world->storedTokens();
        const auto keychain = m_world->secrets.entries();
        m_world->secrets.setUnavailable(true);

        const Error error = m_store->setStorageMode(to);
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(m_store->settings().storageMode, from);
        QCOMPARE(m_world->storedTokens(), file);
        QVERIFY(m_world->secrets.entries() == keychain);
        QCOMPARE(test::namesOf(m_store->tokens()), test::fixtureNames());
    }

    void noTransitionLosesAToken_data()
    {
        QTest::addColumn<StorageMode>("from");
        QTest::addColumn<StorageMode>("to");
        for (const StorageMode from : AllModes) {
            for (const StorageMode to : AllModes) {
                const QByteArray row =
                    (storageModeId(from) + QStringLiteral(" -> ") + storageModeId(to)).toUtf8();
                QTest::newRow(row.constData()) << from << to;
            }
        }
    }

    void noTransitionLosesAToken()
    {
        QFETCH(StorageMode, from);
        QFETCH(StorageMode, to);
        QVERIFY(!m_store->setStorageMode(from).isError());
        // A token added in the starting mode lives only where that mode puts new tokens (e.g. only in
        // the keychain for keychain-only), which is the copy a careless switch would drop.
        const Result<TokenRecord> added = m_store->add(QStringLiteral("added"), test::fixture::Canary, {});
        QVERIFY2(added, qPrintable(added.error().message));
        QMap<QString, QString> before;
        for (const TokenRecord &record : m_store->tokens()) {
            const Result<QString> value = m_store->secret(record.name);
            QVERIFY2(value, qPrintable(record.name));
            before.insert(record.name, *value);
        }
        QCOMPARE(before.size(), test::fixtureTokens().size() + 1);

        const Error error = m_store->setStorageMode(to);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(m_store->settings().storageMode, to);
        if (to == StorageMode::FilesOnly)
            m_world->secrets.setUnavailable(true); // files-only must answer without any keychain

        QMap<QString, QString> after;
        for (const TokenRecord &record : m_store->tokens()) {
            const Result<QString> value = m_store->secret(record.name);
            QVERIFY2(value, qPrintable(record.name + QStringLiteral(": ") + value.error().message));
            after.insert(record.name, *value);
            QVERIFY2(!record.missingFromFiles, qPrintable(record.name));
        }
        QCOMPARE(after, before);

        // And each secret is where the target mode says it is.
        m_world->secrets.setUnavailable(false);
        const QByteArray file = m_world->storedTokens();
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const bool oauth = it.key() == QStringLiteral("oauth-carol-example");
            const bool inFile = file.contains(section(it.key(), it.value()));
            const bool inKeychain = m_world->secrets.entries().value(it.key()) == it.value();
            QCOMPARE(inFile, to != StorageMode::KeychainOnly || oauth);
            QCOMPARE(inKeychain, to != StorageMode::FilesOnly);
        }
        if (to == StorageMode::FilesOnly)
            QVERIFY(m_world->secrets.entries().isEmpty());
    }

    void keychainOnlyMovesWhatHfAddsLater()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        // `hf auth login` appends a plaintext section behind our back.
        m_world->env.writeFile(QStringLiteral("stored_tokens"),
                               m_world->storedTokens() + section(QStringLiteral("from-hf"), test::fixture::Canary) +
                                   "\n");
        QVERIFY(!m_store->reload().isError());
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("from-hf")), test::fixture::Canary);
        QVERIFY(!m_world->storedTokens().contains(test::fixture::Canary.toUtf8()));
        QCOMPARE(m_store->token(QStringLiteral("from-hf"))->storage,
                 StorageLocations(StorageLocation::Keychain));
        QVERIFY(!m_store->token(QStringLiteral("from-hf"))->missingFromFiles);
        QCOMPARE(m_store->syncNotes().filter(QStringLiteral("Imported \"from-hf\"")).size(), 1);
        QCOMPARE(m_store->syncNotes().filter(QStringLiteral("removed")).size(), 0);
    }

    void keychainOnlyLeavesPlaintextWhenTheKeychainCannotTakeIt()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        m_world->secrets.setUnavailable(true);
        const QByteArray withNew =
            m_world->storedTokens() + section(QStringLiteral("from-hf"), test::fixture::Canary) + "\n";
        m_world->env.writeFile(QStringLiteral("stored_tokens"), withNew);
        QVERIFY(!m_store->reload().isError());
        // Only a secret the keychain is known to hold may leave the file.
        QCOMPARE(m_world->storedTokens(), withNew);
        QCOMPARE(m_store->token(QStringLiteral("from-hf"))->storage,
                 StorageLocations(StorageLocation::StoredTokens));
        QCOMPARE(m_store->syncNotes().filter(QStringLiteral("Could not copy \"from-hf\"")).size(), 1);
    }

    void filesOnlyAdoptsSecretsChangedByHf()
    {
        // The keychain refuses to give its copies up, so files-only starts with leftovers there.
        m_world->secrets.setUnavailable(true);
        QVERIFY(!m_store->setStorageMode(StorageMode::FilesOnly).isError());
        QVERIFY(!m_store->syncNotes().filter(QStringLiteral("Could not remove")).isEmpty());
        m_world->secrets.setUnavailable(false);

        // `hf auth login` stores a new secret under an existing name.
        QByteArray bytes = m_world->storedTokens();
        bytes.replace(secretOf("laptop-read").toUtf8(), test::fixture::Canary.toUtf8());
        m_world->env.writeFile(QStringLiteral("stored_tokens"), bytes);
        QVERIFY(!m_store->reload().isError());

        // In files-only mode the file is the only source of truth, so its secret must win.
        // Files-only mode adopts a secret hf changed even when a stale keychain copy was left behind, and
        // secret()/switchTo() use the file, never that leftover.
        QCOMPARE(m_store->token(QStringLiteral("laptop-read"))->fingerprint,
                 TokenText::fingerprint(test::fixture::Canary));
        const Result<QString> value = m_store->secret(QStringLiteral("laptop-read"));
        QVERIFY(value);
        QCOMPARE(*value, test::fixture::Canary);
        QVERIFY(!m_store->switchTo(QStringLiteral("laptop-read")).isError());
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), test::fixture::Canary.toUtf8());
    }

private:
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<TokenStore> m_store;
    QByteArray m_fixture;
};

QTEST_GUILESS_MAIN(TestStorageMode)
#include "tst_storagemode.moc"
