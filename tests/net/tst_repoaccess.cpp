// RepoAccessChecker against FakeHub over real sockets: the table of access states (public, private,
// gated, missing, anonymous, invalid token, disabled, insufficient scope, 429, 5xx), a link to another
// host sending nothing, bounded concurrency with progress, the rate-limit gate, and cancel.
#include "core/hub/HubClient.h"
#include "core/hub/RepoAccessChecker.h"
#include "support/FakeHub.h"

#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using hftm::test::FakeHub;
using hftm::test::FakeRepo;
using State = hftm::RepoAccessResult::State;

Q_DECLARE_METATYPE(hftm::RepoAccessResult::State)

namespace {
const QString Canary = QStringLiteral("hf_CanaryRepoAccess5Np2XcVbM8FAKE");
const QString Stranger = QStringLiteral("hf_StrangerWithNoGrantsFAKE");
const QString Approved = QStringLiteral("hf_ApprovedForGatedRepoFAKE");
const QString Scoped = QStringLiteral("hf_FineGrainedNoScopeFAKE");
const QString Expired = QStringLiteral("hf_ExpiredTokenForReposFAKE");
const QString Revoked = QStringLiteral("hf_RevokedTokenUnknownFAKE");
const QString Gated = QStringLiteral("acme-research/gated-llm-8b");
enum Injection { None, RateLimit, ServerError };
} // namespace

class TestRepoAccess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void table_data();
    void table();
    void foreignLinkSendsNothing();
    void concurrentBoundedWithProgress();
    void rateLimitGateHoldsQueuedChecks();
    void cancelMidCheck();

private:
    RepoAccessRequest request(const QString &key, const QString &token, const QString &repo) const;

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<RepoAccessChecker> m_checker;
    QDateTime m_now = QDateTime(QDate(2026, 8, 1), QTime(12, 0), Qt::UTC);
};

void TestRepoAccess::init()
{
    m_hub = std::make_unique<FakeHub>();
    QVERIFY(m_hub->start());
    for (const QString &token : {Canary, Stranger, Approved, Scoped, Expired})
        m_hub->addToken(token, QStringLiteral("whoami_read_token.json"));
    m_hub->setTokenExpired(Expired);
    m_hub->addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
    m_hub->addRepo(RepoRef::Dataset, QStringLiteral("org/data"));
    m_hub->addRepo(RepoRef::Space, QStringLiteral("org/app"));
    FakeRepo privateRepo;
    privateRepo.isPrivate = true;
    privateRepo.allowedTokens = {Canary};
    m_hub->addRepo(RepoRef::Model, QStringLiteral("acme-research/private-llm-7b"), privateRepo);
    FakeRepo gated;
    gated.gated = QStringLiteral("manual");
    gated.gatedApprovedTokens = {Approved};
    m_hub->addRepo(RepoRef::Model, Gated, gated);
    FakeRepo disabled;
    disabled.disabled = true;
    m_hub->addRepo(RepoRef::Model, QStringLiteral("acme-research/taken-down"), disabled);
    FakeRepo scoped;
    scoped.deniedTokens = {Scoped};
    m_hub->addRepo(RepoRef::Dataset, QStringLiteral("acme-research/internal-evals"), scoped);

    m_client = std::make_unique<HubClient>();
    m_client->setClock([this] { return m_now; });
    m_checker = std::make_unique<RepoAccessChecker>(m_client.get());
}

RepoAccessRequest TestRepoAccess::request(const QString &key, const QString &token, const QString &repo) const
{
    QString error;
    QString text = repo;
    text.replace(QLatin1String("LINK"), m_hub->endpoint()); // a web link on the fake Hub's own host
    const std::optional<RepoRef> ref = RepoRef::parse(text, &error);
    if (!ref)
        qFatal("bad repo in test: %s", qPrintable(error));
    return RepoAccessRequest{key, m_hub->endpoint(), token, *ref};
}

void TestRepoAccess::table_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("repo");
    QTest::addColumn<int>("injection");
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("explanationPart");
    QTest::addColumn<int>("requests");

    const auto row = [](const char *name, const QString &token, const char *repo, Injection injection,
                        State state, int status, const char *code, const char *part, int requests) {
        QTest::newRow(name) << token << QString::fromUtf8(repo) << int(injection) << state << status
                            << QString::fromUtf8(code) << QString::fromUtf8(part) << requests;
    };
    row("public model", Canary, "example-org/tiny-demo-gpt", None, State::Readable, 200, "", "readable", 2);
    row("public dataset, anonymous", QString(), "datasets/org/data", None, State::Readable, 200, "",
        "readable", 2);
    row("space by link", Canary, "LINK/spaces/org/app/tree/main", None, State::Readable, 200, "", "readable",
        2);
    row("private with access", Canary, "acme-research/private-llm-7b", None, State::Readable, 200, "",
        "private", 2);
    row("private without access", Stranger, "acme-research/private-llm-7b", None, State::NotFound, 404,
        "RepoNotFound", "this token can't see it", 1);
    row("private, anonymous", QString(), "acme-research/private-llm-7b", None, State::NotFound, 401, "",
        "needs a token", 1);
    row("gated, accepted", Approved, "acme-research/gated-llm-8b", None, State::Readable, 200, "", "granted",
        2);
    row("gated, not accepted", Stranger, "acme-research/gated-llm-8b", None, State::Gated, 403, "GatedRepo",
        "Request access at", 2);
    row("gated, anonymous", QString(), "acme-research/gated-llm-8b", None, State::Gated, 401, "GatedRepo",
        "log in", 2);
    row("missing", Canary, "example-org/does-not-exist", None, State::NotFound, 404, "RepoNotFound",
        "doesn't exist", 1);
    row("missing, anonymous", QString(), "example-org/does-not-exist", None, State::NotFound, 401, "",
        "doesn't exist", 1);
    row("invalid token", Revoked, "example-org/tiny-demo-gpt", None, State::TokenInvalid, 401, "", "rejected",
        1);
    row("expired token", Expired, "example-org/tiny-demo-gpt", None, State::TokenInvalid, 401, "", "expired",
        1);
    row("disabled repo", Canary, "acme-research/taken-down", None, State::NoAccess, 403, "", "disabled", 2);
    row("fine-grained without scope", Scoped, "datasets/acme-research/internal-evals", None, State::NoAccess,
        403, "", "permissions", 2);
    row("429", Canary, "example-org/tiny-demo-gpt", RateLimit, State::RateLimited, 429, "", "30 second", 1);
    row("500", Canary, "example-org/tiny-demo-gpt", ServerError, State::Unreachable, 500, "", "server error",
        1);
}

void TestRepoAccess::table()
{
    QFETCH(QString, token);
    QFETCH(QString, repo);
    QFETCH(int, injection);
    if (injection == RateLimit)
        m_hub->rateLimitNext(30);
    else if (injection == ServerError)
        m_hub->failNext(500);
    const auto results = m_checker->checkAndWait({request(QStringLiteral("k"), token, repo)});
    QVERIFY(results.contains(QStringLiteral("k")));
    const RepoAccessResult result = results.value(QStringLiteral("k"));
    QTEST(result.state, "state");
    QTEST(result.httpStatus, "httpStatus");
    QTEST(result.errorCode, "errorCode");
    QFETCH(QString, explanationPart);
    QVERIFY2(result.explanation.contains(explanationPart), qPrintable(result.explanation));
    QTEST(m_hub->requestCount(), "requests");
    if (!token.isEmpty()) {
        QVERIFY(!result.explanation.contains(token));
        QVERIFY(!result.hubMessage.contains(token));
    }
    const bool isGatedRepo = repo.contains(Gated);
    if (result.exists)
        QCOMPARE(result.gated, isGatedRepo ? QStringLiteral("manual") : QString());
    if (result.state == State::Gated) {
        const QUrl url(m_hub->endpoint() + QLatin1Char('/') + Gated);
        QCOMPARE(result.requestAccessUrl, url);
        QVERIFY(result.explanation.contains(url.toString()));
        QVERIFY(result.hubMessage.contains(QLatin1String("restricted")));
        QVERIFY(result.hubMessage.contains(QLatin1String("Request ID")));
    }
    if (result.exists && repo.contains(QLatin1String("private")))
        QVERIFY(result.isPrivate);
}

void TestRepoAccess::foreignLinkSendsNothing()
{
    // The token belongs to the fake Hub; a link to another host must not make us ask anyone.
    const auto results = m_checker->checkAndWait({request(
        QStringLiteral("k"), Canary, QStringLiteral("https://evil.example/example-org/tiny-demo-gpt"))});
    const RepoAccessResult result = results.value(QStringLiteral("k"));
    QCOMPARE(result.state, State::Error);
    QVERIFY(result.explanation.contains(QLatin1String("evil.example")));
    QCOMPARE(m_client->requestsSent(), 0u);
    QCOMPARE(m_hub->requestCount(), 0);
}

void TestRepoAccess::concurrentBoundedWithProgress()
{
    m_hub->setLatencyMs(40);
    QList<RepoAccessRequest> requests;
    for (int i = 0; i < 12; ++i)
        requests.append(request(QString::number(i), Canary, QStringLiteral("example-org/tiny-demo-gpt")));
    QSignalSpy progress(m_checker.get(), &RepoAccessChecker::progress);
    const auto results = m_checker->checkAndWait(requests);
    QCOMPARE(results.size(), 12);
    for (const RepoAccessResult &result : results)
        QCOMPARE(result.state, State::Readable);
    QVERIFY(m_hub->maxInFlight() <= 6);
    QVERIFY(m_hub->maxInFlight() > 1);
    QCOMPARE(progress.count(), 12);
    QCOMPARE(progress.last().at(0).toInt(), 12);
    QCOMPARE(progress.last().at(1).toInt(), 12);
}

void TestRepoAccess::rateLimitGateHoldsQueuedChecks()
{
    m_checker->setMaxConcurrentPerHost(1);
    m_hub->rateLimitNext(120);
    QList<RepoAccessRequest> requests;
    for (int i = 0; i < 4; ++i)
        requests.append(request(QString::number(i), Canary, QStringLiteral("example-org/tiny-demo-gpt")));
    const auto results = m_checker->checkAndWait(requests);
    QCOMPARE(results.size(), 4);
    for (const RepoAccessResult &result : results) {
        QCOMPARE(result.state, State::RateLimited);
        QCOMPARE(result.retryAfterSeconds, 120);
    }
    QCOMPARE(m_hub->requestCount(), 1); // no retry storm
    m_now = m_now.addSecs(121);
    QCOMPARE(m_checker->checkAndWait({requests.first()}).value(QStringLiteral("0")).state, State::Readable);
}

void TestRepoAccess::cancelMidCheck()
{
    m_hub->setLatencyMs(300);
    QList<RepoAccessRequest> requests;
    for (int i = 0; i < 8; ++i)
        requests.append(request(QString::number(i), Canary, QStringLiteral("example-org/tiny-demo-gpt")));
    QSignalSpy results(m_checker.get(), &RepoAccessChecker::resultReady);
    QSignalSpy finished(m_checker.get(), &RepoAccessChecker::finished);
    m_checker->check(requests);
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount() >= 1, 5000);
    m_checker->cancel();
    QCOMPARE(finished.count(), 1); // documented: cancel() ends the run with finished()
    QVERIFY(!results.wait(900));   // bounded: three times the fake's latency
    QCOMPARE(results.count(), 0);
    QVERIFY(m_hub->requestCount() <= 6);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestRepoAccess)
#include "tst_repoaccess.moc"
