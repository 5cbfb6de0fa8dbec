// TokenStore::add() and secret(): what is refused before anything is touched, what replace does to OAuth
// fields, where the secret lands in each storage mode, and which copy secret() hands out.
#include "core/files/StoredTokensLock.h"
#include "core/files/TokenText.h"
#include "support/TestWorld.h"

#include <QTest>

using namespace hftm;
using hftm::test::TestWorld;

Q_DECLARE_METATYPE(hftm::ErrorCode)

namespace {
QString secretOf(const char *name)
{
    return test::fixtureSecret(QString::fromLatin1(name));
}
} // namespace

class TestTokenStoreAdd : public QObject {
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
        // Whatever a test did, the non-secret metadata file never holds a secret (checklist #7).
        const QByteArray metadata = m_world->metadataBytes();
        QVERIFY(!metadata.isEmpty());
        QVERIFY2(!metadata.contains(test::fixture::Canary.toUtf8()), "the canary reached tokens.json");
        QVERIFY2(!metadata.contains(test::FixtureRefreshToken), "a refresh token reached tokens.json");
        for (const auto &token : test::fixtureTokens())
            QVERIFY2(!metadata.contains(token.second.toUtf8()), qPrintable(token.first));
        m_store.reset();
        m_world.reset();
    }

    void refusedBeforeAnythingIsTouched_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<bool>("replace");
        QTest::addColumn<ErrorCode>("code");

        const QString canary = test::fixture::Canary;
        QTest::newRow("DEFAULT") << QStringLiteral("DEFAULT") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("default, other case")
            << QStringLiteral("default") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("opening bracket")
            << QStringLiteral("a[b") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("closing bracket")
            << QStringLiteral("a]b") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("percent") << QStringLiteral("50%") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("leading space") << QStringLiteral(" x") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("trailing space") << QStringLiteral("x ") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("empty") << QString() << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("line break") << QStringLiteral("a\nb") << canary << false << ErrorCode::InvalidInput;
        QTest::newRow("bad secret") << QStringLiteral("ok") << QStringLiteral("hf_a b") << false
                                    << ErrorCode::InvalidInput;
        // Refused names are refused even with replace: replace is about duplicates, not validity.
        QTest::newRow("DEFAULT with replace")
            << QStringLiteral("DEFAULT") << canary << true << ErrorCode::InvalidInput;
        QTest::newRow("duplicate name")
            << QStringLiteral("ci-write") << canary << false << ErrorCode::AlreadyExists;
        QTest::newRow("duplicate secret")
            << QStringLiteral("copy") << secretOf("ci-write") << false << ErrorCode::AlreadyExists;
        QTest::newRow("duplicate secret of an OAuth token")
            << QStringLiteral("copy") << secretOf("oauth-carol-example") << false << ErrorCode::AlreadyExists;
    }

    void refusedBeforeAnythingIsTouched()
    {
        QFETCH(QString, name);
        QFETCH(QString, secret);
        QFETCH(bool, replace);
        QFETCH(ErrorCode, code);

        const QByteArray metadata = m_world->metadataBytes();
        const auto keychain = m_world->secrets.entries();
        const int operations = m_world->secrets.operationCount();
        AddOptions options;
        options.replace = replace;
        options.activate = true;
        const Result<TokenRecord> added = m_store->add(name, secret, options);
        QVERIFY(!added);
        QCOMPARE(added.error().code, code);
        QVERIFY(!added.error().message.isEmpty());
        QVERIFY2(!added.error().message.contains(secret), "the refused secret was echoed back");
        QCOMPARE(m_world->storedTokens(), m_fixture);
        QCOMPARE(m_world->metadataBytes(), metadata);
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());
        QCOMPARE(m_world->secrets.operationCount(), operations); // the keychain was not even asked
        QVERIFY(m_world->secrets.entries() == keychain);
    }

    void replaceOverwritesANameAndAllowsASecondCopy()
    {
        AddOptions replace;
        replace.replace = true;
        const Result<TokenRecord> renamed = m_store->add(QStringLiteral("ci-write"), test::fixture::Canary, replace);
        QVERIFY2(renamed, qPrintable(renamed.error().message));
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("ci-write")), test::fixture::Canary);
        QVERIFY(m_world->storedTokens().contains("[ci-write]\nhf_token = " + test::fixture::Canary.toUtf8() + "\n\n"));
        // ci-write was the active token: its new secret is written to `token` too, as `hf auth login` does,
        // instead of leaving the old secret active under no name.
        QVERIFY(renamed->active);
        QCOMPARE(m_store->active().name, QStringLiteral("ci-write"));
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), test::fixture::Canary.toUtf8());

        const Result<TokenRecord> twin = m_store->add(QStringLiteral("twin"), test::fixture::Canary, replace);
        QVERIFY2(twin, qPrintable(twin.error().message));
        QCOMPARE(twin->fingerprint, m_store->token(QStringLiteral("ci-write"))->fingerprint);
    }

    void replaceDropsOAuthFieldsOnlyWhenTheSecretChanges()
    {
        const QString name = QStringLiteral("oauth-carol-example");
        AddOptions replace;
        replace.replace = true;
        // Same secret again: huggingface_hub's refresh data still belongs to it and must survive.
        QVERIFY(m_store->add(name, secretOf("oauth-carol-example"), replace));
        QCOMPARE(m_world->storedTokens(), m_fixture);
        QVERIFY(m_store->token(name)->oauth);

        QVERIFY(m_store->add(name, test::fixture::Canary, replace));
        const QByteArray file = m_world->storedTokens();
        QVERIFY(file.contains("[oauth-carol-example]\nhf_token = " + test::fixture::Canary.toUtf8() + "\n\n"));
        QVERIFY(!file.contains("refresh_token"));
        QVERIFY(!file.contains("expires_at"));
        QVERIFY(!m_store->token(name)->oauth);
        QVERIFY(!m_store->token(name)->oauthExpiresAt.isValid());
        // Every other section is untouched.
        QByteArray others = m_fixture;
        others.replace("hf_token = " + secretOf("oauth-carol-example").toUtf8() +
                           "\nrefresh_token = " + test::FixtureRefreshToken + "\nexpires_at = 1790000000\n",
                       "hf_token = " + test::fixture::Canary.toUtf8() + "\n");
        QCOMPARE(file, others);
    }

    void whoamiMakesTheNewRecordValid()
    {
        WhoamiInfo whoami;
        whoami.user = QStringLiteral("alice");
        whoami.role = QStringLiteral("write");
        whoami.tokenDisplayName = QStringLiteral("fresh");
        const Result<TokenRecord> added = m_store->add(QStringLiteral("fresh"), test::fixture::Canary, {}, whoami);
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(added->check.status, TokenStatus::Valid);
        QCOMPARE(added->check.verdict, TokenStatus::Valid);
        QVERIFY(added->check.checkedAt.isValid());
        QCOMPARE(added->user(), QStringLiteral("alice"));
        QCOMPARE(added->role(), QStringLiteral("write"));
        QCOMPARE(added->storage, StorageLocations(StorageLocation::Keychain | StorageLocation::StoredTokens));
        QVERIFY(!added->active); // activate was not asked for
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());

        // What a later process sees comes from tokens.json, not from this object's memory.
        auto other = m_world->makeStore();
        QVERIFY(!other->reload().isError());
        QCOMPARE(other->token(QStringLiteral("fresh"))->user(), QStringLiteral("alice"));
    }

    void activateWritesTheTokenFileWithoutNewline()
    {
        AddOptions activate;
        activate.activate = true;
        // Pasted text is trimmed like huggingface_hub trims, and the trimmed token is what is stored.
        const Result<TokenRecord> added = m_store->add(
            QStringLiteral("new"), QStringLiteral("  ") + test::fixture::Canary + QStringLiteral("\n"), activate);
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), test::fixture::Canary.toUtf8());
        QVERIFY(added->active);
        QCOMPARE(m_store->active().name, QStringLiteral("new"));
        QVERIFY(!m_store->token(QStringLiteral("ci-write"))->active);
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("new")), test::fixture::Canary);
    }

    void keychainFailureLeavesTheFilesAlone()
    {
        m_world->secrets.setUnavailable(true);
        const QByteArray metadata = m_world->metadataBytes();
        AddOptions activate;
        activate.activate = true;
        const Result<TokenRecord> added = m_store->add(QStringLiteral("new"), test::fixture::Canary, activate);
        QVERIFY(!added);
        QCOMPARE(added.error().code, ErrorCode::KeychainUnavailable);
        // Never a silent plaintext write instead (checklist #16/#17).
        QCOMPARE(m_world->storedTokens(), m_fixture);
        QCOMPARE(m_world->metadataBytes(), metadata);
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());
        QVERIFY(!m_store->token(QStringLiteral("new")));
    }

    void lockedFileRollsTheKeychainBack_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("new name") << QStringLiteral("new");
        QTest::newRow("replacing ci-write") << QStringLiteral("ci-write");
    }

    void lockedFileRollsTheKeychainBack()
    {
        QFETCH(QString, name);
        // huggingface_hub refreshing an OAuth token holds the flock; a zero timeout fails at once.
        TokenStore::Options options = m_world->options();
        options.lockTimeoutMs = 0;
        TokenStore impatient(options, &m_world->secrets, nullptr);
        QVERIFY(!impatient.reload().isError());
        const Result<StoredTokensLock> held = StoredTokensLock::acquire(options.paths.lockPath, 0);
        QVERIFY(held);
        const auto keychain = m_world->secrets.entries();
        const QByteArray metadata = m_world->metadataBytes();
        AddOptions replace;
        replace.replace = true;
        const Result<TokenRecord> added = impatient.add(name, test::fixture::Canary, replace);
        QVERIFY(!added);
        QCOMPARE(added.error().code, ErrorCode::LockTimeout);
        QCOMPARE(m_world->storedTokens(), m_fixture);
        QCOMPARE(m_world->metadataBytes(), metadata);
        // The failed add must leave no trace: the old secret is still the one handed out for the name.
        // A refused replace must put the old secret back in the keychain, so secret() still returns it.
        QVERIFY(m_world->secrets.entries() == keychain);
        const Result<QString> value = impatient.secret(name);
        if (name == QStringLiteral("ci-write")) {
            QVERIFY(value);
            QCOMPARE(*value, secretOf("ci-write"));
        } else {
            QCOMPARE(value.error().code, ErrorCode::NotFound);
        }
    }

    void keychainOnlyAddKeepsTheSecretOutOfTheFile()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        const QByteArray before = m_world->storedTokens();
        const Result<TokenRecord> added = m_store->add(QStringLiteral("vault"), test::fixture::Canary, {});
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(added->storage, StorageLocations(StorageLocation::Keychain));
        QCOMPARE(m_world->storedTokens(), before);
        QVERIFY(!m_world->storedTokens().contains(test::fixture::Canary.toUtf8()));
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("vault")), test::fixture::Canary);
        // A later reload does not mistake "not in the file" for "removed by hf".
        QVERIFY(!m_store->reload().isError());
        QVERIFY(!m_store->token(QStringLiteral("vault"))->missingFromFiles);
        QVERIFY(m_store->syncNotes().isEmpty());
    }

    void keychainOnlyReplaceKeepsAnOAuthSection()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        const QByteArray before = m_world->storedTokens();
        QVERIFY(before.contains(test::FixtureRefreshToken));
        AddOptions replace;
        replace.replace = true;
        // Storing the same OAuth secret again (e.g. `add --force` after a re-login) changes nothing about
        // it: the refresh token, which exists nowhere but stored_tokens, must survive as it does in
        // keychain-and-files mode (see replaceDropsOAuthFieldsOnlyWhenTheSecretChanges).
        QVERIFY(
            m_store->add(QStringLiteral("oauth-carol-example"), secretOf("oauth-carol-example"), replace));
        // Keychain-only add() of the same OAuth token keeps its section: the refresh token lives only there.
        QCOMPARE(m_world->storedTokens(), before);
    }

    void filesOnlyAddNeverTouchesTheKeychain()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::FilesOnly).isError());
        m_world->secrets.setUnavailable(true); // would fail any call
        const int operations = m_world->secrets.operationCount();
        const Result<TokenRecord> added = m_store->add(QStringLiteral("plain"), test::fixture::Canary, {});
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(added->storage, StorageLocations(StorageLocation::StoredTokens));
        QVERIFY(m_world->storedTokens().contains("[plain]\nhf_token = " + test::fixture::Canary.toUtf8() + "\n\n"));
        QCOMPARE(m_world->secrets.operationCount(), operations);
    }

    void secretPrefersTheKeychain()
    {
        // Make the two copies differ so the answer shows where it came from.
        QVERIFY(!m_world->secrets.write(QStringLiteral("laptop-read"), test::fixture::Canary).isError());
        const Result<QString> value = m_store->secret(QStringLiteral("laptop-read"));
        QVERIFY(value);
        QCOMPARE(*value, test::fixture::Canary);
    }

    void secretFallsBackToTheFileCopyWhenTheKeychainIsDown()
    {
        m_world->secrets.setUnavailable(true);
        const Result<QString> value = m_store->secret(QStringLiteral("laptop-read"));
        QVERIFY2(value, qPrintable(value.error().message));
        QCOMPARE(*value, secretOf("laptop-read"));
    }

    void keychainOnlySecretNeedsTheKeychain()
    {
        QVERIFY(!m_store->setStorageMode(StorageMode::KeychainOnly).isError());
        m_world->secrets.setUnavailable(true);
        const Result<QString> value = m_store->secret(QStringLiteral("laptop-read"));
        QVERIFY(!value);
        QCOMPARE(value.error().code, ErrorCode::KeychainUnavailable);
        // The OAuth token stays in the file in keychain-only mode, so its copy is still readable.
        const Result<QString> oauth = m_store->secret(QStringLiteral("oauth-carol-example"));
        QVERIFY2(oauth, qPrintable(oauth.error().message));
        QCOMPARE(*oauth, secretOf("oauth-carol-example"));

        const Result<QString> unknown = m_store->secret(QStringLiteral("nope"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

private:
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<TokenStore> m_store;
    QByteArray m_fixture;
};

QTEST_GUILESS_MAIN(TestTokenStoreAdd)
#include "tst_tokenstore_add.moc"
