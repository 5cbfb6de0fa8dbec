// TokenValidator against FakeHub over real sockets: every status mapping, 429 + Retry-After honoured
// with an injected clock (no retry storm), bounded yet concurrent requests, the result cache, cancel,
// endpoint resolution, and the canary token never appearing in a message.
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "support/FakeHub.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace hftm;
using hftm::test::FakeHub;

Q_DECLARE_METATYPE(hftm::TokenStatus)

namespace {
const QString Canary = QStringLiteral("hf_CanaryValidator3Kq8WzRtY1uFAKE");
const QString Write = QStringLiteral("hf_WriteTokenForTestsCiWrFAKE");
const QString Fine = QStringLiteral("hf_FineGrainedTokenBobFFAKE");
const QString Expired = QStringLiteral("hf_ExpiredLaptopTokenLrdAFAKE");
const QString Unknown = QStringLiteral("hf_NeverIssuedTokenXyzFAKE");
const QDateTime T0(QDate(2026, 8, 1), QTime(12, 0), Qt::UTC); // before bob's token expires (2026-12-31)

enum Injection { None, Status500, Status503, Status403, Malformed, Html200, Oversized, Slow, EchoCanary401 };
} // namespace

class TestTokenValidator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { qunsetenv("HF_ENDPOINT"); }
    void statusMapping_data();
    void statusMapping();
    void connectionRefusedIsUnreachable();
    void crossOriginRedirectIsUnreachable();
    void plainHttpEndpointRefusedWithoutRequest();
    void emptyEndpointUsesHfEndpoint();
    void rateLimitHonoured();
    void rateLimitFromRateLimitHeader();
    void concurrentButBounded_data();
    void concurrentButBounded();
    void cacheReuse();
    void cancelStopsResults();

private:
    ValidationResult validateOne(const QString &token, bool force = false);

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<TokenValidator> m_validator;
    QDateTime m_now = T0;
};

void TestTokenValidator::init()
{
    m_hub = std::make_unique<FakeHub>();
    QVERIFY(m_hub->start());
    m_hub->addToken(Canary, QStringLiteral("whoami_read_token.json"));
    m_hub->addToken(Write, QStringLiteral("whoami_write_token.json"));
    m_hub->addToken(Fine, QStringLiteral("whoami_fine_grained.json"));
    m_hub->addToken(Expired, QStringLiteral("whoami_read_token.json"));
    m_hub->setTokenExpired(Expired);
    m_now = T0;
    m_client = std::make_unique<HubClient>();
    m_client->setClock([this] { return m_now; });
    m_validator = std::make_unique<TokenValidator>(m_client.get());
}

ValidationResult TestTokenValidator::validateOne(const QString &token, bool force)
{
    const auto results =
        m_validator->validateAndWait({{QStringLiteral("k"), m_hub->endpoint(), token, force}});
    return results.value(QStringLiteral("k"));
}

void TestTokenValidator::statusMapping_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("injection");
    QTest::addColumn<int>("clockDays"); // days after T0
    QTest::addColumn<TokenStatus>("status");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("valid read") << Canary << int(None) << 0 << TokenStatus::Valid << 200 << "alice-example";
    QTest::newRow("valid write") << Write << int(None) << 0 << TokenStatus::Valid << 200 << "write";
    QTest::newRow("fine-grained before expiry")
        << Fine << int(None) << 0 << TokenStatus::Valid << 200 << "fine-grained"; // the role's words, not the Hub's id
    QTest::newRow("fine-grained past auth.expiresAt")
        << Fine << int(None) << 200 << TokenStatus::Expired << 200 << "expired";
    QTest::newRow("401 is expired") << Expired << int(None) << 0 << TokenStatus::Expired << 401
                                    << "is expired";
    QTest::newRow("401 unknown token") << Unknown << int(None) << 0 << TokenStatus::Invalid << 401
                                       << "Invalid credentials in Authorization header";
    QTest::newRow("500 is not invalid")
        << Canary << int(Status500) << 0 << TokenStatus::Unreachable << 500 << "500";
    QTest::newRow("503 is not invalid")
        << Canary << int(Status503) << 0 << TokenStatus::Unreachable << 503 << "503";
    QTest::newRow("403 is not invalid")
        << Canary << int(Status403) << 0 << TokenStatus::Unreachable << 403 << "403";
    QTest::newRow("malformed json") << Canary << int(Malformed) << 0 << TokenStatus::Unreachable << 200
                                    << "not JSON";
    QTest::newRow("captive portal html")
        << Canary << int(Html200) << 0 << TokenStatus::Unreachable << 200 << "not JSON";
    QTest::newRow("oversized body") << Canary << int(Oversized) << 0 << TokenStatus::Unreachable << 0
                                    << "larger";
    QTest::newRow("timeout") << Canary << int(Slow) << 0 << TokenStatus::Unreachable << 0 << "seconds";
    QTest::newRow("server echoes the token")
        << Canary << int(EchoCanary401) << 0 << TokenStatus::Invalid << 401 << "hf_****FAKE";
}

void TestTokenValidator::statusMapping()
{
    QFETCH(QString, token);
    QFETCH(int, injection);
    QFETCH(int, clockDays);
    m_now = T0.addDays(clockDays);
    switch (Injection(injection)) {
    case None:
        break;
    case Status500:
        m_hub->failNext(500, {}, QByteArrayLiteral("{\"error\":\"Internal Error\"}"));
        break;
    case Status503:
        m_hub->failNext(503, {}, QByteArrayLiteral("upstream overloaded"));
        break;
    case Status403:
        m_hub->failNext(403, {{"X-Error-Message", "Forbidden by policy"}});
        break;
    case Malformed:
        m_hub->malformedNext();
        break;
    case Html200:
        m_hub->failNext(200, {}, QByteArrayLiteral("<html><body>Log in to the Wi-Fi</body></html>"));
        break;
    case Oversized:
        m_hub->oversizedNext(5 * 1024 * 1024);
        break;
    case Slow:
        m_client->setTimeoutMs(200);
        m_hub->setLatencyMs(5000);
        break;
    case EchoCanary401:
        m_hub->failNext(
            401, {{"X-Error-Message", "Invalid credentials in Authorization header: " + Canary.toLatin1()}},
            "{\"error\":\"bad token " + Canary.toLatin1() + "\"}");
        break;
    }
    const ValidationResult result = validateOne(token);
    QTEST(result.status, "status");
    QTEST(result.httpStatus, "httpStatus");
    QFETCH(QString, messagePart);
    QVERIFY2(result.message.contains(messagePart), qPrintable(result.message));
    QVERIFY2(!result.message.contains(token), "a token leaked into a message");
    QCOMPARE(result.checkedAt, m_now);
    QCOMPARE(result.whoami.has_value(),
             result.httpStatus == 200 && result.status != TokenStatus::Unreachable);
    if (injection == None && result.httpStatus == 200)
        QVERIFY(result.message.contains(result.whoami->user));
}

void TestTokenValidator::connectionRefusedIsUnreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    const auto results = m_validator->validateAndWait({{QStringLiteral("k"), endpoint, Canary}});
    QCOMPARE(results.value(QStringLiteral("k")).status, TokenStatus::Unreachable);
    QCOMPARE(results.value(QStringLiteral("k")).httpStatus, 0);
}

void TestTokenValidator::crossOriginRedirectIsUnreachable()
{
    FakeHub other;
    QVERIFY(other.start());
    other.addToken(Canary, QStringLiteral("whoami_read_token.json"));
    m_hub->redirect(QStringLiteral("/api/whoami-v2"),
                    QUrl(other.endpoint() + QStringLiteral("/api/whoami-v2")));
    const ValidationResult result = validateOne(Canary);
    QCOMPARE(result.status, TokenStatus::Unreachable);
    QCOMPARE(other.requestCount(), 0);
}

void TestTokenValidator::plainHttpEndpointRefusedWithoutRequest()
{
    const auto results =
        m_validator->validateAndWait({{QStringLiteral("k"), QStringLiteral("http://example.org"), Canary}});
    const ValidationResult result = results.value(QStringLiteral("k"));
    QCOMPARE(result.status, TokenStatus::Unreachable);
    QVERIFY(result.message.contains(QLatin1String("http://example.org")));
    QCOMPARE(m_client->requestsSent(), 0u);
}

void TestTokenValidator::emptyEndpointUsesHfEndpoint()
{
    qputenv("HF_ENDPOINT", (m_hub->endpoint() + QLatin1Char('/')).toLatin1());
    const auto results = m_validator->validateAndWait({{QStringLiteral("k"), QString(), Canary}});
    QCOMPARE(results.value(QStringLiteral("k")).status, TokenStatus::Valid);
    QCOMPARE(m_hub->requestCount(), 1);
}

void TestTokenValidator::rateLimitHonoured()
{
    m_validator->setMaxConcurrentPerHost(1);
    m_hub->rateLimitNext(55);
    QSignalSpy results(m_validator.get(), &TokenValidator::resultReady);
    QSignalSpy finished(m_validator.get(), &TokenValidator::finished);
    m_validator->validate({{QStringLiteral("a"), m_hub->endpoint(), Canary},
                           {QStringLiteral("b"), m_hub->endpoint(), Write},
                           {QStringLiteral("c"), m_hub->endpoint(), Fine}});
    QVERIFY(finished.wait(10000));
    QCOMPARE(results.count(), 3);
    const auto first = results.at(0).at(1).value<ValidationResult>();
    QCOMPARE(first.status, TokenStatus::RateLimited);
    QCOMPARE(first.httpStatus, 429);
    QCOMPARE(first.retryAfterSeconds, 55);
    for (int i = 1; i < 3; ++i) {
        const auto held = results.at(i).at(1).value<ValidationResult>();
        QCOMPARE(held.status, TokenStatus::RateLimited); // answered without asking the Hub
        QCOMPARE(held.httpStatus, 0);
        QCOMPARE(held.retryAfterSeconds, 55);
    }
    QCOMPARE(m_hub->requestCount(), 1);

    m_now = T0.addSecs(30); // still inside the window: nothing sent
    QCOMPARE(validateOne(Write).status, TokenStatus::RateLimited);
    QCOMPARE(validateOne(Write, true).retryAfterSeconds, 25); // force does not bypass the gate
    QCOMPARE(m_hub->requestCount(), 1);

    m_now = T0.addSecs(56); // window over: the Hub is asked again
    QCOMPARE(validateOne(Write).status, TokenStatus::Valid);
    QCOMPARE(m_hub->requestCount(), 2);
}

void TestTokenValidator::rateLimitFromRateLimitHeader()
{
    m_hub->rateLimitNext(42, 1, false); // only RateLimit: "api";r=0;t=42
    const ValidationResult result = validateOne(Canary);
    QCOMPARE(result.status, TokenStatus::RateLimited);
    QCOMPARE(result.retryAfterSeconds, 42);
    QVERIFY(!result.message.contains(Canary));
}

void TestTokenValidator::concurrentButBounded_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("default (6)") << 0;
    QTest::newRow("2") << 2;
}

void TestTokenValidator::concurrentButBounded()
{
    QFETCH(int, limit);
    if (limit > 0)
        m_validator->setMaxConcurrentPerHost(limit);
    QCOMPARE(m_validator->maxConcurrentPerHost(), limit > 0 ? limit : 6);
    m_hub->setLatencyMs(60);
    QList<ValidationRequest> requests;
    for (int i = 0; i < 24; ++i) {
        const QString token = QStringLiteral("hf_Concurrent%1FAKE").arg(i);
        m_hub->addToken(token, QStringLiteral("whoami_read_token.json"));
        requests.append({QString::number(i), m_hub->endpoint(), token});
    }
    QSignalSpy progress(m_validator.get(), &TokenValidator::progress);
    const auto results = m_validator->validateAndWait(requests);
    QCOMPARE(results.size(), 24);
    for (const ValidationResult &result : results)
        QCOMPARE(result.status, TokenStatus::Valid);
    QCOMPARE(m_hub->requestCount(), 24);
    QVERIFY2(m_hub->maxInFlight() <= m_validator->maxConcurrentPerHost(),
             "more requests in flight than allowed");
    QVERIFY2(m_hub->maxInFlight() > 1, "requests ran one after another");
    QCOMPARE(progress.count(), 24);
    QCOMPARE(progress.last().at(0).toInt(), 24);
    QCOMPARE(progress.last().at(1).toInt(), 24);
}

void TestTokenValidator::cacheReuse()
{
    QSignalSpy results(m_validator.get(), &TokenValidator::resultReady);
    m_validator->validate({{QStringLiteral("k"), m_hub->endpoint(), Canary}});
    QCOMPARE(results.count(), 0); // never answered inside validate()
    QVERIFY(results.wait(10000));
    QCOMPARE(m_hub->requestCount(), 1);

    m_now = T0.addSecs(59);
    m_validator->validate({{QStringLiteral("k"), m_hub->endpoint(), Canary}});
    QCOMPARE(results.count(), 1); // even a cached answer arrives asynchronously
    QVERIFY(results.wait(10000));
    const auto cached = results.last().at(1).value<ValidationResult>();
    QVERIFY(cached.fromCache);
    QCOMPARE(cached.status, TokenStatus::Valid);
    QCOMPARE(cached.checkedAt, T0); // when the Hub actually answered
    QCOMPARE(m_hub->requestCount(), 1);

    QVERIFY(!validateOne(Canary, true).fromCache); // force asks again
    QCOMPARE(m_hub->requestCount(), 2);
    m_now = T0.addSecs(59 + 61); // past the TTL of the forced answer
    QVERIFY(!validateOne(Canary).fromCache);
    QCOMPARE(m_hub->requestCount(), 3);

    // Unreachable answers are not reused: the next check asks again at once.
    m_hub->failNext(502);
    QCOMPARE(validateOne(Write).status, TokenStatus::Unreachable);
    QCOMPARE(validateOne(Write).status, TokenStatus::Valid);
    QCOMPARE(m_hub->requestCount(), 5);
}

void TestTokenValidator::cancelStopsResults()
{
    m_hub->setLatencyMs(300);
    QList<ValidationRequest> requests;
    for (int i = 0; i < 10; ++i)
        requests.append({QString::number(i), m_hub->endpoint(), Canary, true});
    QSignalSpy results(m_validator.get(), &TokenValidator::resultReady);
    QSignalSpy finished(m_validator.get(), &TokenValidator::finished);
    m_validator->validate(requests);
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount() >= 1, 5000);
    QVERIFY(m_validator->isRunning());
    m_validator->cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!m_validator->isRunning());
    QVERIFY(!results.wait(800)); // bounded: longer than the fake's latency
    QCOMPARE(results.count(), 0);
    QVERIFY(m_hub->requestCount() <= 6); // queued ones were never sent
    QCOMPARE(finished.count(), 1);
    // The validator is reusable after a cancel.
    m_hub->setLatencyMs(0);
    QCOMPARE(validateOne(Write).status, TokenStatus::Valid);
}

QTEST_GUILESS_MAIN(TestTokenValidator)
#include "tst_tokenvalidator.moc"
