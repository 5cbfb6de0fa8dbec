// HubClient over real sockets against FakeHub: endpoint rule, headers, redirects, timeouts, size caps,
// TLS, refused tokens; plus the pure message helpers in HubErrors.
#include "core/hub/HubClient.h"
#include "core/hub/HubErrors.h"
#include "support/FakeHub.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace hftm;
using hftm::test::FakeHub;

Q_DECLARE_METATYPE(hftm::TransportError)

namespace {
const QString Canary = QStringLiteral("hf_CanaryHubClient7Qx9ZtLmP0wFAKE");
const QString Whoami = QStringLiteral("/api/whoami-v2");

// Runs one GET to completion (bounded by the client's own timeout) and returns its response.
HubResponse fetch(HubClient &client, const QString &endpoint, const QString &path, const QString &token)
{
    HubReply *reply = client.get(endpoint, path, token);
    QSignalSpy spy(reply, &HubReply::finished);
    if (!reply->isFinished() && !spy.wait(client.timeoutMs() + 10000))
        qFatal("HubReply never finished");
    HubResponse response = reply->response();
    delete reply;
    return response;
}
} // namespace

class TestHubClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void validateEndpoint_data();
    void validateEndpoint();
    void refusedEndpointSendsNothing();
    void refusedTokenSendsNothing();
    void headersSent();
    void sameOriginRedirectKeepsToken();
    void crossOriginRedirectNotFollowed();
    void redirectLoopStops();
    void timeout();
    void connectionRefused();
    void oversized_data();
    void oversized();
    void endlessSlowBodyHitsDeadline();
    void tlsErrorsAreErrors();
    void waitForHelper();
    void hubMessage_data();
    void hubMessage();
    void retryAfter_data();
    void retryAfter();

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<HubClient> m_client;
};

void TestHubClient::init()
{
    m_hub = std::make_unique<FakeHub>();
    QVERIFY(m_hub->start());
    m_hub->addToken(Canary, QStringLiteral("whoami_read_token.json"));
    m_client = std::make_unique<HubClient>();
}

void TestHubClient::validateEndpoint_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("default hub") << QStringLiteral("https://huggingface.co") << true;
    QTest::newRow("https with path (Pulp)")
        << QStringLiteral("https://pulp.example.com/pulp/content/hf") << true;
    QTest::newRow("plain http elsewhere") << QStringLiteral("http://example.org") << false;
    QTest::newRow("http private LAN") << QStringLiteral("http://10.0.0.1:8080") << false;
    QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:8080") << true;
    QTest::newRow("http loopback 127/8") << QStringLiteral("http://127.5.6.7") << true;
    QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:8080") << true;
    QTest::newRow("http localhost by name") << QStringLiteral("http://localhost:8080") << false;
    QTest::newRow("lookalike host") << QStringLiteral("http://127.0.0.1.evil.example") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://huggingface.co") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("not a url") << QStringLiteral("huggingface") << false;
    QTest::newRow("user info") << QStringLiteral("https://user:secret@huggingface.co") << false;
    QTest::newRow("query") << QStringLiteral("https://huggingface.co/?a=b") << false;
}

void TestHubClient::validateEndpoint()
{
    QFETCH(QString, endpoint);
    QFETCH(bool, accepted);
    const Error error = HubClient::validateEndpoint(endpoint);
    QCOMPARE(!error.isError(), accepted);
    if (!accepted) {
        QVERIFY(!error.message.isEmpty());
        QVERIFY(!error.message.contains(QLatin1String("secret"))); // user info is never echoed
    }
}

void TestHubClient::refusedEndpointSendsNothing()
{
    const HubResponse response = fetch(*m_client, QStringLiteral("http://example.org"), Whoami, Canary);
    QCOMPARE(response.error, TransportError::InvalidEndpoint);
    QVERIFY(response.errorText.contains(QLatin1String("HTTPS")));
    QVERIFY(!response.errorText.contains(Canary));
    QCOMPARE(m_client->requestsSent(), 0u);
}

void TestHubClient::refusedTokenSendsNothing()
{
    const HubResponse response =
        fetch(*m_client, m_hub->endpoint(), Whoami, QStringLiteral("hf_x\r\nX-Evil: 1"));
    QCOMPARE(response.error, TransportError::InvalidToken);
    QCOMPARE(m_client->requestsSent(), 0u);
    QCOMPARE(m_hub->requestCount(), 0);
}

void TestHubClient::headersSent()
{
    HubResponse response = fetch(*m_client, m_hub->endpoint(), Whoami, Canary);
    QCOMPARE(response.httpStatus, 200);
    response = fetch(*m_client, m_hub->endpoint(), Whoami, QString());
    QCOMPARE(response.httpStatus, 401);
    QCOMPARE(m_hub->requestCount(), 2);
    const auto requests = m_hub->requests();
    QCOMPARE(requests.at(0).header("User-Agent"), HubClient::userAgent());
    QVERIFY(requests.at(0).header("User-Agent").startsWith("hf-token-manager/" HFTM_VERSION));
    QCOMPARE(requests.at(0).header("Authorization"), QByteArray("Bearer ") + Canary.toLatin1());
    QVERIFY(requests.at(1).header("Authorization").isEmpty()); // anonymous means no header at all
    QVERIFY(requests.at(1).header("Cookie").isEmpty());
}

void TestHubClient::sameOriginRedirectKeepsToken()
{
    m_hub->redirect(QStringLiteral("/api/old-whoami"), QUrl(m_hub->endpoint() + Whoami));
    const HubResponse response =
        fetch(*m_client, m_hub->endpoint(), QStringLiteral("/api/old-whoami"), Canary);
    QCOMPARE(response.httpStatus, 200);
    QVERIFY(response.body.contains("alice-example"));
    QCOMPARE(response.url.path(), Whoami);
    QCOMPARE(m_hub->requestCount(Whoami), 1);
    QCOMPARE(m_hub->requests().last().header("Authorization"), QByteArray("Bearer ") + Canary.toLatin1());
}

void TestHubClient::crossOriginRedirectNotFollowed()
{
    FakeHub other; // same host, other port: another origin
    QVERIFY(other.start());
    other.addToken(Canary, QStringLiteral("whoami_read_token.json"));
    m_hub->redirect(Whoami, QUrl(other.endpoint() + Whoami), 302);
    const HubResponse response = fetch(*m_client, m_hub->endpoint(), Whoami, Canary);
    QCOMPARE(response.error, TransportError::RedirectRefused);
    QCOMPARE(response.httpStatus, 0);
    QVERIFY(!response.errorText.contains(Canary));
    QCOMPARE(m_hub->requestCount(), 1);
    // The other origin never saw the token: the reply is over and it received nothing at all.
    QCOMPARE(other.requestCount(), 0);
    for (const auto &request : other.requests())
        QVERIFY(request.header("Authorization").isEmpty());
}

void TestHubClient::redirectLoopStops()
{
    m_hub->redirect(QStringLiteral("/a"), QUrl(m_hub->endpoint() + QStringLiteral("/b")));
    m_hub->redirect(QStringLiteral("/b"), QUrl(m_hub->endpoint() + QStringLiteral("/a")));
    const HubResponse response = fetch(*m_client, m_hub->endpoint(), QStringLiteral("/a"), Canary);
    QCOMPARE(response.error, TransportError::RedirectRefused);
    QCOMPARE(m_hub->requestCount(), HubClient::MaxRedirects + 1);
}

void TestHubClient::timeout()
{
    m_client->setTimeoutMs(200);
    m_hub->setLatencyMs(5000);
    QElapsedTimer timer;
    timer.start();
    const HubResponse response = fetch(*m_client, m_hub->endpoint(), Whoami, Canary);
    QCOMPARE(response.error, TransportError::Timeout);
    QVERIFY2(timer.elapsed() < 3000, "the timeout must not wait for the server");
}

void TestHubClient::connectionRefused()
{
    QTcpServer probe; // grab a free port, then close it so nobody listens there
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const HubResponse response =
        fetch(*m_client, QStringLiteral("http://127.0.0.1:%1").arg(port), Whoami, Canary);
    QCOMPARE(response.error, TransportError::Network);
    QVERIFY(!response.errorText.isEmpty());
}

void TestHubClient::oversized_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("declared 5 MiB") << 0;
    QTest::newRow("undeclared 5 MiB (read until close)") << 1;
    QTest::newRow("endless fast stream") << 2;
}

void TestHubClient::oversized()
{
    QFETCH(int, mode);
    if (mode == 2)
        m_hub->endlessNext(64 * 1024, 1);
    else
        m_hub->oversizedNext(5 * 1024 * 1024, mode == 0);
    const HubResponse response = fetch(*m_client, m_hub->endpoint(), Whoami, Canary);
    QCOMPARE(response.error, TransportError::TooLarge);
    QVERIFY(response.body.isEmpty());
    // The client stays usable afterwards.
    QCOMPARE(fetch(*m_client, m_hub->endpoint(), Whoami, Canary).httpStatus, 200);
}

void TestHubClient::endlessSlowBodyHitsDeadline()
{
    // A trickle (16 bytes every 20 ms) never trips Qt's idle transfer timeout; the deadline stops it.
    m_client->setTimeoutMs(400);
    m_hub->endlessNext(16, 20);
    QElapsedTimer timer;
    timer.start();
    const HubResponse response = fetch(*m_client, m_hub->endpoint(), Whoami, Canary);
    QCOMPARE(response.error, TransportError::Timeout);
    QVERIFY(timer.elapsed() < 5000);
}

void TestHubClient::tlsErrorsAreErrors()
{
    // HTTPS to a plain-HTTP server: the handshake fails and must stay a failure (never ignored).
    m_client->setTimeoutMs(3000);
    const QString endpoint = QStringLiteral("https://127.0.0.1:%1").arg(m_hub->port());
    const HubResponse response = fetch(*m_client, endpoint, Whoami, Canary);
    QVERIFY(response.error == TransportError::Tls || response.error == TransportError::Network);
    QCOMPARE(response.httpStatus, 0);
}

void TestHubClient::waitForHelper()
{
    const Result<HubResponse> ok = HubClient::waitFor(m_client->get(m_hub->endpoint(), Whoami, Canary));
    QVERIFY(ok.ok());
    QCOMPARE(ok->httpStatus, 200);
    const Result<HubResponse> refused =
        HubClient::waitFor(m_client->get(QStringLiteral("http://example.org"), Whoami, Canary));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Network);
}

void TestHubClient::hubMessage_data()
{
    QTest::addColumn<QByteArray>("xErrorMessage");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QByteArray invalid = HubErrors::InvalidCredentialsMessage;
    QTest::newRow("header and same body deduplicated")
        << invalid << QByteArray(R"({"error":"Invalid credentials in Authorization header"})")
        << QStringLiteral("Invalid credentials in Authorization header (Request ID: r-1)");
    QTest::newRow("errors[] list") << QByteArray()
                                   << QByteArray(R"({"errors":[{"message":"a"},{"message":"b"}]})")
                                   << QStringLiteral("a\nb (Request ID: r-1)");
    QTest::newRow("error list") << QByteArray() << QByteArray(R"({"error":["x","y","x"]})")
                                << QStringLiteral("x\ny (Request ID: r-1)");
    QTest::newRow("oauth style") << QByteArray()
                                 << QByteArray(R"({"error":"invalid_grant","error_description":"expired"})")
                                 << QStringLiteral("invalid_grant: expired (Request ID: r-1)");
    QTest::newRow("plain text") << QByteArray() << QByteArray("Service down")
                                << QStringLiteral("Service down (Request ID: r-1)");
    QTest::newRow("html ignored") << QByteArray() << QByteArray("<html>oops</html>")
                                  << QStringLiteral("(Request ID: r-1)");
    QTest::newRow("control chars stripped")
        << QByteArray("bad\x1b[31m red") << QByteArray() << QStringLiteral("bad[31m red (Request ID: r-1)");
}

void TestHubClient::hubMessage()
{
    QFETCH(QByteArray, xErrorMessage);
    QFETCH(QByteArray, body);
    HubResponse response;
    response.httpStatus = 401;
    response.body = body;
    response.headers = {{"x-request-id", "r-1"}};
    if (!xErrorMessage.isEmpty())
        response.headers.append({"X-Error-Message", xErrorMessage});
    QTEST(HubErrors::hubMessage(response), "expected");
}

void TestHubClient::retryAfter_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QByteArray>("rateLimit");
    QTest::addColumn<int>("seconds");
    QTest::newRow("numeric") << QByteArray("30") << QByteArray("\"api\";r=0;t=55") << 30;
    QTest::newRow("http date") << QByteArray("Thu, 01 Jan 2026 00:02:00 GMT") << QByteArray() << 120;
    QTest::newRow("RateLimit t=") << QByteArray() << QByteArray("\"api\";r=0;t=55") << 55;
    QTest::newRow("nothing") << QByteArray() << QByteArray() << HubErrors::DefaultRetryAfterSeconds;
}

void TestHubClient::retryAfter()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(QByteArray, rateLimit);
    HubResponse response;
    response.httpStatus = 429;
    if (!retryAfter.isEmpty())
        response.headers.append({"Retry-After", retryAfter});
    if (!rateLimit.isEmpty())
        response.headers.append({"RateLimit", rateLimit});
    const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QTEST(HubErrors::retryAfterSeconds(response, now), "seconds");
}

QTEST_GUILESS_MAIN(TestHubClient)
#include "tst_hubclient.moc"
