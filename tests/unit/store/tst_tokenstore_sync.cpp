// TokenStore::reload() over real files and the in-memory keychain: what it imports, what records and
// notes it produces, which token it calls active, and that start-up never reads a secret.
#include "core/files/TokenText.h"
#include "support/TestWorld.h"

#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using hftm::test::TestWorld;

Q_DECLARE_METATYPE(hftm::ActiveToken::Source)

class TestTokenStoreSync : public QObject {
    Q_OBJECT

private slots:
    void init() { m_world = std::make_unique<TestWorld>(); }
    void cleanup() { m_world.reset(); }

    void reloadImportsEveryFixtureTokenIntoTheKeychain()
    {
        auto store = m_world->makeStore();
        QSignalSpy changed(store.get(), &TokenStore::changed);
        const QByteArray before = m_world->storedTokens();

        QVERIFY(!store->reload().isError());

        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_world->secrets.entries().size(), test::fixtureTokens().size());
        for (const auto &[name, secret] : test::fixtureTokens())
            QCOMPARE(m_world->secrets.entries().value(name), secret);
        // Importing copies; huggingface_hub's file keeps every byte (KeychainAndFiles is the default).
        QCOMPARE(m_world->storedTokens(), before);

        const QStringList notes = store->syncNotes();
        QCOMPARE(notes.size(), test::fixtureTokens().size());
        for (const QString &name : test::fixtureNames()) {
            QVERIFY2(notes.filter(QStringLiteral("Imported \"%1\"").arg(name)).size() == 1, qPrintable(name));
        }
        QCOMPARE(test::namesOf(store->tokens()), test::fixtureNames()); // already in code-point order

        for (const TokenRecord &record : store->tokens()) {
            QCOMPARE(record.storage,
                     StorageLocations(StorageLocation::Keychain | StorageLocation::StoredTokens));
            QCOMPARE(record.masked, TokenText::mask(test::fixtureSecret(record.name)));
            QCOMPARE(record.fingerprint, TokenText::fingerprint(test::fixtureSecret(record.name)));
            QCOMPARE(record.check.status, TokenStatus::Unchecked);
            QVERIFY(!record.missingFromFiles);
            QVERIFY(!record.gitRegistered);
            QCOMPARE(record.oauth, record.name == QStringLiteral("oauth-carol-example"));
        }
    }

    void oauthSectionBecomesAnOAuthRecord()
    {
        auto store = m_world->makeStore();
        QVERIFY(!store->reload().isError());
        const std::optional<TokenRecord> oauth = store->token(QStringLiteral("oauth-carol-example"));
        QVERIFY(oauth);
        QVERIFY(oauth->oauth);
        const QDateTime expected(QDate(2026, 9, 21), QTime(14, 13, 20), Qt::UTC);
        QCOMPARE(oauth->oauthExpiresAt, expected);
        QCOMPARE(oauth->oauthExpiresAt.toSecsSinceEpoch(), 1790000000);
        // No Hub answer yet, so the OAuth expires_at is the known expiry.
        QCOMPARE(oauth->expires(), expected);
        QVERIFY(!store->token(QStringLiteral("ci-write"))->expires().isValid());
    }

    void activeTokenResolution_data()
    {
        QTest::addColumn<QString>("variable"); // environment variable to set, or empty
        QTest::addColumn<QString>("envSecret");
        QTest::addColumn<QByteArray>("tokenFile"); // token file bytes; empty = no file
        QTest::addColumn<ActiveToken::Source>("source");
        QTest::addColumn<QString>("activeName");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("fileAlsoSet");

        const QString laptop = test::fixtureSecret(QStringLiteral("laptop-read"));
        const QByteArray ciWrite = test::fixtureSecret(QStringLiteral("ci-write")).toUtf8();
        QTest::newRow("token file matches ci-write")
            << QString() << QString() << ciWrite << ActiveToken::Source::TokenFile
            << QStringLiteral("ci-write") << QStringLiteral("ci-write") << false;
        // huggingface_hub strips CR/LF anywhere and surrounding whitespace when reading the token file.
        QTest::newRow("token file with CRLF and spaces")
            << QString() << QString() << QByteArray("  " + ciWrite + "\r\n") << ActiveToken::Source::TokenFile
            << QStringLiteral("ci-write") << QStringLiteral("ci-write") << false;
        QTest::newRow("HF_TOKEN overrides the file")
            << QStringLiteral("HF_TOKEN") << laptop << ciWrite << ActiveToken::Source::EnvHfToken
            << QStringLiteral("laptop-read") << QStringLiteral("ci-write") << true;
        QTest::newRow("legacy variable, no file")
            << QStringLiteral("HUGGING_FACE_HUB_TOKEN") << laptop << QByteArray()
            << ActiveToken::Source::EnvLegacy << QStringLiteral("laptop-read") << QString() << false;
        QTest::newRow("token file holds an unknown token")
            << QString() << QString() << QByteArray(test::fixture::Canary.toUtf8()) << ActiveToken::Source::TokenFile
            << QString() << QString() << false;
        QTest::newRow("nothing in force") << QString() << QString() << QByteArray()
                                          << ActiveToken::Source::None << QString() << QString() << false;
    }

    void activeTokenResolution()
    {
        QFETCH(QString, variable);
        QFETCH(QString, envSecret);
        QFETCH(QByteArray, tokenFile);
        QFETCH(ActiveToken::Source, source);
        QFETCH(QString, activeName);
        QFETCH(QString, fileName);
        QFETCH(bool, fileAlsoSet);

        if (tokenFile.isEmpty())
            QFile::remove(m_world->env.paths().tokenPath);
        else
            m_world->env.writeFile(QStringLiteral("token"), tokenFile);
        if (!variable.isEmpty())
            m_world->env.set(variable, envSecret); // both in this process and in Options.environment
        auto store = m_world->makeStore();
        QCOMPARE(store->options().environment.value(variable), envSecret);
        QVERIFY(!store->reload().isError());

        const ActiveToken active = store->active();
        QCOMPARE(active.source, source);
        QCOMPARE(active.name, activeName);
        QCOMPARE(active.fileName, fileName);
        QCOMPARE(active.fileAlsoSet, fileAlsoSet);
        const QString inForce =
            !envSecret.isEmpty() ? envSecret : TokenText::clean(QString::fromUtf8(tokenFile));
        QCOMPARE(active.masked, inForce.isEmpty() ? QString() : TokenText::mask(inForce));
        // Exactly the record the token in force matches is active; an env override un-marks the file's.
        for (const TokenRecord &record : store->tokens())
            QCOMPARE(record.active, record.name == activeName);
        // Showing the environment's token never writes it anywhere (checklist #21).
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), tokenFile);
        QCOMPARE(m_world->storedTokens(),
                 test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    }

    void unavailableKeychainLeavesTokensInFilesWithANote()
    {
        m_world->secrets.setUnavailable(true);
        auto store = m_world->makeStore();
        QSignalSpy changed(store.get(), &TokenStore::changed);
        const Error error = store->reload(); // must not throw or fail: the files are still readable
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(test::namesOf(store->tokens()), test::fixtureNames());
        for (const TokenRecord &record : store->tokens())
            QCOMPARE(record.storage, StorageLocations(StorageLocation::StoredTokens));
        QVERIFY(m_world->secrets.entries().isEmpty());
        QCOMPARE(store->syncNotes().filter(QStringLiteral("Could not copy")).size(), 1);
        // One failed write is enough to know the keychain is down: no waiting on it once per token.
        QCOMPARE(m_world->secrets.operationCount(), 1);

        m_world->secrets.setUnavailable(false);
        QVERIFY(!store->reload().isError());
        QCOMPARE(m_world->secrets.entries().size(), test::fixtureTokens().size());
        for (const TokenRecord &record : store->tokens())
            QVERIFY2(record.storage.testFlag(StorageLocation::Keychain), qPrintable(record.name));
        QCOMPARE(m_world->storedTokens(),
                 test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    }

    void startUpReadsNoSecretOnceImported()
    {
        auto first = m_world->makeStore();
        QVERIFY(!first->reload().isError());
        const int afterImport = m_world->secrets.operationCount();
        QCOMPARE(afterImport, test::fixtureTokens().size()); // one write each, nothing read

        // A second process starting up, and the first one reloading: the keychain is not touched at all.
        auto second = m_world->makeStore();
        QVERIFY(!second->reload().isError());
        QVERIFY(!first->reload().isError());
        QCOMPARE(m_world->secrets.operationCount(), afterImport);
        QCOMPARE(second->tokens().size(), test::fixtureTokens().size());
        QCOMPARE(second->active().name, QStringLiteral("ci-write"));
    }

    void secretChangedInFileIsAdoptedWithoutReadingTheKeychain()
    {
        auto store = m_world->makeStore();
        QVERIFY(!store->reload().isError());
        TokenCheck valid;
        valid.status = TokenStatus::Valid;
        QVERIFY(!store->recordCheck(QStringLiteral("laptop-read"), valid).isError());
        QCOMPARE(store->token(QStringLiteral("laptop-read"))->check.verdict, TokenStatus::Valid);
        const int before = m_world->secrets.operationCount();
        QByteArray bytes = m_world->storedTokens();
        bytes.replace(test::fixtureSecret(QStringLiteral("laptop-read")).toUtf8(), test::fixture::Canary.toUtf8());
        m_world->env.writeFile(QStringLiteral("stored_tokens"), bytes);

        QVERIFY(!store->reload().isError());
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("laptop-read")), test::fixture::Canary);
        QCOMPARE(m_world->secrets.operationCount(), before + 1); // the one write, no read
        const TokenRecord record = *store->token(QStringLiteral("laptop-read"));
        QCOMPARE(record.fingerprint, TokenText::fingerprint(test::fixture::Canary));
        QCOMPARE(record.check.verdict, TokenStatus::Unchecked); // the old verdict was about another secret
        QCOMPARE(store->syncNotes().filter(QStringLiteral("Adopted")).size(), 1);
    }

private:
    std::unique_ptr<TestWorld> m_world;
};

QTEST_GUILESS_MAIN(TestTokenStoreSync)
#include "tst_tokenstore_sync.moc"
