// TokenStore::recordCheck(), remove() and rename(): the verdict rules, the remove report and its rerun
// after a git failure, and what a rename carries along (keychain entry, check results, active flag).
#include "core/files/TokenText.h"
#include "support/ScriptedGit.h"
#include "support/TestWorld.h"

#include <QFileInfo>
#include <QTest>

using namespace hftm;
using hftm::test::ScriptedGit;
using hftm::test::TestWorld;

Q_DECLARE_METATYPE(hftm::TokenStatus)

namespace {
QString secretOf(const char *name)
{
    return test::fixtureSecret(QString::fromLatin1(name));
}

TokenCheck checkOf(TokenStatus status, const QString &user = QString())
{
    TokenCheck check;
    check.status = status;
    check.message = tokenStatusText(status);
    if (!user.isEmpty()) {
        WhoamiInfo whoami;
        whoami.user = user;
        whoami.role = QStringLiteral("read");
        whoami.expiresAt = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
        check.whoami = whoami;
    }
    return check;
}
} // namespace

class TestTokenStoreEdits : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_store = m_world->makeStore();
        QVERIFY(!m_store->reload().isError());
    }
    void cleanup()
    {
        const QByteArray metadata = m_world->metadataBytes();
        QVERIFY2(!metadata.contains(test::fixture::Canary.toUtf8()), "the canary reached tokens.json");
        QVERIFY2(!metadata.contains(test::FixtureRefreshToken), "a refresh token reached tokens.json");
        for (const auto &token : test::fixtureTokens())
            QVERIFY2(!metadata.contains(token.second.toUtf8()), qPrintable(token.first));
        m_store.reset();
        m_world.reset();
    }

    void onlyTheHubsAnswerChangesTheVerdict_data()
    {
        QTest::addColumn<TokenStatus>("second");
        QTest::addColumn<TokenStatus>("verdict");
        QTest::newRow("unreachable") << TokenStatus::Unreachable << TokenStatus::Valid;
        QTest::newRow("rate-limited") << TokenStatus::RateLimited << TokenStatus::Valid;
        QTest::newRow("invalid") << TokenStatus::Invalid << TokenStatus::Invalid;
        QTest::newRow("expired") << TokenStatus::Expired << TokenStatus::Expired;
    }

    void onlyTheHubsAnswerChangesTheVerdict()
    {
        QFETCH(TokenStatus, second);
        QFETCH(TokenStatus, verdict);
        const QString name = QStringLiteral("laptop-read");
        QVERIFY(!m_store->recordCheck(name, checkOf(TokenStatus::Valid, QStringLiteral("alice"))).isError());
        const TokenRecord valid = *m_store->token(name);
        QCOMPARE(valid.check.verdict, TokenStatus::Valid);
        QCOMPARE(valid.user(), QStringLiteral("alice"));
        // The Hub's expiry wins over anything else known.
        QCOMPARE(valid.expires(), QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC));

        QVERIFY(!m_store->recordCheck(name, checkOf(second)).isError());
        // Read back through a fresh store: this is what tokens.json says, not an in-memory leftover.
        auto other = m_world->makeStore();
        QVERIFY(!other->reload().isError());
        const TokenRecord after = *other->token(name);
        QCOMPARE(after.check.status, second);
        QCOMPARE(after.check.message, tokenStatusText(second));
        QCOMPARE(after.check.verdict, verdict);
        if (verdict == TokenStatus::Valid)
            QCOMPARE(after.check.verdictAt, valid.check.verdictAt);
        else
            QVERIFY(after.check.verdictAt >= valid.check.verdictAt);
        // whoami is "from the last Valid answer": later failures, even a 401, do not erase it.
        QCOMPARE(after.user(), QStringLiteral("alice"));
        // The other tokens were not touched.
        QCOMPARE(other->token(QStringLiteral("ci-write"))->check.status, TokenStatus::Unchecked);
    }

    void recordCheckForAnUnknownNameIsANoOp()
    {
        const QByteArray before = m_world->metadataBytes();
        QVERIFY(
            !m_store->recordCheck(QStringLiteral("nope"), checkOf(TokenStatus::Valid, QStringLiteral("x")))
                 .isError());
        QCOMPARE(m_world->metadataBytes(), before);
        QVERIFY(!m_store->token(QStringLiteral("nope")));
    }

    void removeReportsEachPlace_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("wasActive");
        QTest::newRow("active") << QStringLiteral("ci-write") << true;
        QTest::newRow("not active") << QStringLiteral("laptop-read") << false;
    }

    void removeReportsEachPlace()
    {
        QFETCH(QString, name);
        QFETCH(bool, wasActive);
        const Result<RemoveReport> report = m_store->remove(name);
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY(report->removedFromFiles);
        QVERIFY(report->removedFromKeychain);
        QCOMPARE(report->clearedActiveFile, wasActive);
        QVERIFY(!report->rejectedFromGit); // never registered, so git is left alone
        QVERIFY2(report->failures.isEmpty(), qPrintable(report->failures.join(QLatin1Char('\n'))));

        QVERIFY(!m_world->storedTokens().contains(QStringLiteral("[%1]").arg(name).toUtf8()));
        QVERIFY(!m_world->secrets.entries().contains(name));
        QCOMPARE(m_world->secrets.entries().size(), test::fixtureTokens().size() - 1);
        QCOMPARE(QFileInfo::exists(m_world->env.paths().tokenPath), !wasActive);
        if (!wasActive)
            QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());
        QVERIFY(!m_store->token(name));
        QVERIFY(!m_world->metadataBytes().contains(QStringLiteral("\"%1\"").arg(name).toUtf8()));
        QCOMPARE(m_store->active().source,
                 wasActive ? ActiveToken::Source::None : ActiveToken::Source::TokenFile);

        const Result<RemoveReport> again = m_store->remove(name);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
    }

    void removeAfterAGitFailureCanBeFinished()
    {
        ScriptedGit working(0, m_world->env.environment());
        ScriptedGit failing(1, m_world->env.environment());
        auto withGit = m_world->makeStore(working.credential());
        auto brokenGit = m_world->makeStore(failing.credential());

        AddOptions options;
        options.registerWithGit = true;
        const Result<TokenRecord> added = withGit->add(QStringLiteral("gitty"), test::fixture::Canary, options);
        QVERIFY2(added, qPrintable(added.error().message));
        QVERIFY(added->gitRegistered);
        QCOMPARE(working.calls(), QStringList{QStringLiteral("credential approve")});

        const Result<RemoveReport> first = brokenGit->remove(QStringLiteral("gitty"));
        QVERIFY2(first, qPrintable(first.error().message));
        QVERIFY(first->removedFromFiles);
        QVERIFY(first->removedFromKeychain);
        QVERIFY(!first->rejectedFromGit);
        QCOMPARE(first->failures.size(), 1);
        QVERIFY2(first->failures.first().contains(QStringLiteral("git")),
                 qPrintable(first->failures.first()));
        QVERIFY(first->failures.first().contains(QStringLiteral("helper refused"))); // git's own words
        // Nothing is erased before git says it holds this very token; here git cannot say.
        QCOMPARE(failing.calls(),
                 QStringList{QStringLiteral("-c credential.interactive=never credential fill")});
        QVERIFY(!m_world->storedTokens().contains("[gitty]"));
        QVERIFY(!m_world->secrets.entries().contains(QStringLiteral("gitty")));
        // Metadata stays so the rerun knows git still holds it; it is no longer anywhere else.
        const std::optional<TokenRecord> left = brokenGit->token(QStringLiteral("gitty"));
        QVERIFY(left);
        QVERIFY(left->gitRegistered);
        QCOMPARE(left->storage, StorageLocations());
        QVERIFY(!left->missingFromFiles); // we removed it ourselves; hf did not
        QVERIFY(brokenGit->syncNotes().isEmpty());

        const Result<RemoveReport> second = withGit->remove(QStringLiteral("gitty"));
        QVERIFY2(second, qPrintable(second.error().message));
        QVERIFY(second->rejectedFromGit);
        QVERIFY(!second->removedFromFiles); // nothing was left there
        QVERIFY(!second->removedFromKeychain);
        QVERIFY2(second->failures.isEmpty(), qPrintable(second->failures.join(QLatin1Char('\n'))));
        QVERIFY(!withGit->token(QStringLiteral("gitty")));
        QVERIFY(!m_world->metadataBytes().contains("gitty"));
        QCOMPARE(working.calls(),
                 (QStringList{QStringLiteral("credential approve"),
                              QStringLiteral("-c credential.interactive=never credential fill"),
                              QStringLiteral("credential reject")}));
        QCOMPARE(m_world->storedTokens(),
                 test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    }

    void removeWithTheKeychainDownKeepsItsMetadata()
    {
        m_world->secrets.setUnavailable(true);
        const Result<RemoveReport> first = m_store->remove(QStringLiteral("laptop-read"));
        QVERIFY(first);
        QVERIFY(first->removedFromFiles);
        QVERIFY(!first->removedFromKeychain);
        QCOMPARE(first->failures.size(), 1);
        QVERIFY(first->failures.first().startsWith(QStringLiteral("keychain")));
        const std::optional<TokenRecord> left = m_store->token(QStringLiteral("laptop-read"));
        QVERIFY(left);
        QCOMPARE(left->storage, StorageLocations(StorageLocation::Keychain));

        m_world->secrets.setUnavailable(false);
        const Result<RemoveReport> second = m_store->remove(QStringLiteral("laptop-read"));
        QVERIFY(second);
        QVERIFY(second->removedFromKeychain);
        QVERIFY(second->failures.isEmpty());
        QVERIFY(!m_world->secrets.entries().contains(QStringLiteral("laptop-read")));
        QVERIFY(!m_store->token(QStringLiteral("laptop-read")));
    }

    void renameMovesKeychainEntryAndCheckResults()
    {
        QVERIFY(!m_store
                     ->recordCheck(QStringLiteral("laptop-read"),
                                   checkOf(TokenStatus::Valid, QStringLiteral("bob")))
                     .isError());
        const TokenRecord before = *m_store->token(QStringLiteral("laptop-read"));

        QVERIFY(
            !m_store->rename(QStringLiteral("laptop-read"), QStringLiteral("laptop read (old)")).isError());
        QVERIFY(!m_world->secrets.entries().contains(QStringLiteral("laptop-read")));
        QCOMPARE(m_world->secrets.entries().value(QStringLiteral("laptop read (old)")),
                 secretOf("laptop-read"));
        QVERIFY(!m_store->token(QStringLiteral("laptop-read")));
        const TokenRecord after = *m_store->token(QStringLiteral("laptop read (old)"));
        QCOMPARE(after.fingerprint, before.fingerprint);
        QCOMPARE(after.check.verdict, TokenStatus::Valid);
        QCOMPARE(after.check.verdictAt, before.check.verdictAt);
        QCOMPARE(after.user(), QStringLiteral("bob"));
        QCOMPARE(after.storage, before.storage);
        QVERIFY(m_world->storedTokens().contains("[laptop read (old)]\nhf_token = " +
                                                 secretOf("laptop-read").toUtf8()));
        // Renaming is not "removed by hf, imported by hf": no notes, nothing flagged.
        QVERIFY(m_store->syncNotes().isEmpty());
        QVERIFY(!after.missingFromFiles);
        QVERIFY(!m_world->metadataBytes().contains("\"laptop-read\""));
    }

    void renameKeepsTheActiveFlag()
    {
        QVERIFY(!m_store->rename(QStringLiteral("ci-write"), QStringLiteral("ci")).isError());
        QVERIFY(m_store->token(QStringLiteral("ci"))->active);
        QCOMPARE(m_store->active().name, QStringLiteral("ci"));
        QCOMPARE(m_store->active().fileName, QStringLiteral("ci"));
        QCOMPARE(m_world->env.readFile(QStringLiteral("token")), secretOf("ci-write").toUtf8());
    }

    void renameRefusals_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown") << QStringLiteral("nope") << QStringLiteral("x") << int(ErrorCode::NotFound);
        QTest::newRow("taken") << QStringLiteral("ci-write") << QStringLiteral("laptop-read")
                               << int(ErrorCode::AlreadyExists);
        QTest::newRow("invalid target")
            << QStringLiteral("ci-write") << QStringLiteral("DEFAULT") << int(ErrorCode::InvalidInput);
    }

    void renameRefusals()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, code);
        const QByteArray metadata = m_world->metadataBytes();
        const auto keychain = m_world->secrets.entries();
        QCOMPARE(int(m_store->rename(from, to).code), code);
        QCOMPARE(m_world->storedTokens(),
                 test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
        QCOMPARE(m_world->metadataBytes(), metadata);
        QVERIFY(m_world->secrets.entries() == keychain);
    }

private:
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<TokenStore> m_store;
};

QTEST_GUILESS_MAIN(TestTokenStoreEdits)
#include "tst_tokenstore_edits.moc"
