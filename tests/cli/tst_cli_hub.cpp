// hftoken add (validated), check and access against the fake Hub over real sockets.
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <memory>

using hftm::RepoRef;
using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::FakeRepo;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {
const QString Laptop = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
const QString CiWrite = QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr");
const QString Bob = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
const QString Colab = QStringLiteral("hf_FAKEcolabCarolTokenForTestsOnlColb");

QJsonObject byName(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const QJsonValue &item : array) {
        if (item.toObject().value(key).toString() == value)
            return item.toObject();
    }
    return {};
}

// A loopback port nobody listens on: connection refused, i.e. the Hub is unreachable.
QString closedEndpoint()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}
} // namespace

class TestCliHub : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(Laptop, QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(CiWrite, QStringLiteral("whoami_write_token.json"));
        m_hub->addToken(Bob, QStringLiteral("whoami_fine_grained.json"));
        m_hub->addToken(Colab, QStringLiteral("whoami_org_member.json"));
        m_hub->addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
        FakeRepo gated;
        gated.gated = QStringLiteral("manual");
        gated.gatedApprovedTokens = {CiWrite};
        m_hub->addRepo(RepoRef::Model, QStringLiteral("acme-research/gated-llm-8b"), gated);
        FakeRepo privateData;
        privateData.isPrivate = true;
        privateData.allowedTokens = {Colab};
        m_hub->addRepo(RepoRef::Dataset, QStringLiteral("acme-research/private-data"), privateData);
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
    }

    void cleanup()
    {
        for (const QString &secret : {Laptop, CiWrite, Bob, Colab})
            QVERIFY2(!m_cli->transcript().contains(secret.toUtf8()), "a token leaked into output");
        for (const auto &request : m_hub->requests())
            QVERIFY(!request.path.contains(QLatin1String("hf_FAKE"))); // never in a URL
    }

    void addValidatesAndNamesAfterTheHub()
    {
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("add"), QStringLiteral("--activate")}, Laptop.toUtf8());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens"))
                    .contains("[laptop-read]\nhf_token = " + Laptop.toUtf8()));
        QCOMPARE(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), 1);
        QCOMPARE(m_hub->requests().first().header("authorization"), "Bearer " + Laptop.toUtf8());
        const QJsonObject entry =
            byName(QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                       .array(),
                   QStringLiteral("name"), QStringLiteral("laptop-read"));
        QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("alice-example"));
        QCOMPARE(entry.value(QStringLiteral("role")).toString(), QStringLiteral("read"));
        QCOMPARE(entry.value(QStringLiteral("status")).toString(), QStringLiteral("valid"));
    }

    void addRefusesWhatTheHubRefuses()
    {
        CliRunner::Run run = m_cli->run({QStringLiteral("add"), QStringLiteral("x")},
                                        "hf_FAKEunknownToTheHubxxxxxxxxxxxxxUnkn");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("refused"));
        m_hub->setTokenExpired(Laptop);
        run = m_cli->run({QStringLiteral("add")}, Laptop.toUtf8());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("expired"));
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens")).isEmpty());
    }

    void addWithTheHubUnreachableStoresNothing()
    {
        m_env->set(QStringLiteral("HF_ENDPOINT"), closedEndpoint());
        CliRunner::Run run = m_cli->run({QStringLiteral("add")}, Laptop.toUtf8());
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.contains("--no-validate"));
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens")).isEmpty());
    }

    void plainHttpToAnotherHostIsRefused()
    {
        m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://example.org"));
        const CliRunner::Run run = m_cli->run({QStringLiteral("add")}, Laptop.toUtf8());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("HTTPS") || run.err.contains("https"), run.err.constData());
    }

    void checkAllRecordsEveryResult()
    {
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_env->installFixture(QStringLiteral("files/token"));
        CliRunner::Run run =
            m_cli->run({QStringLiteral("check"), QStringLiteral("--all"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1); // the OAuth fixture token is unknown to the fake Hub: refused
        const QJsonArray checked = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(checked.size(), 5);
        QCOMPARE(byName(checked, QStringLiteral("name"), QStringLiteral("ci-write"))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("valid"));
        QCOMPARE(byName(checked, QStringLiteral("name"), QStringLiteral("oauth-carol-example"))
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("invalid"));
        const QJsonArray list =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array();
        const QJsonObject bob = byName(list, QStringLiteral("name"), QStringLiteral("bob-finegrained"));
        QCOMPARE(bob.value(QStringLiteral("role")).toString(), QStringLiteral("fineGrained"));
        QCOMPARE(bob.value(QStringLiteral("user")).toString(), QStringLiteral("bob-example"));
        QCOMPARE(bob.value(QStringLiteral("expires")).toString(), QStringLiteral("2026-12-31T23:59:59Z"));
        QCOMPARE(byName(list, QStringLiteral("name"), QStringLiteral("Colab notebooks"))
                     .value(QStringLiteral("user"))
                     .toString(),
                 QStringLiteral("carol-example"));

        // The Hub goes away: the result is "unreachable", exit 4, and the verdict stays valid.
        m_env->set(QStringLiteral("HF_ENDPOINT"), closedEndpoint());
        run = m_cli->run({QStringLiteral("check"), QStringLiteral("ci-write")});
        QCOMPARE(run.exitCode, 4);
        const QJsonObject ci =
            byName(QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                       .array(),
                   QStringLiteral("name"), QStringLiteral("ci-write"));
        QCOMPARE(ci.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
        QCOMPARE(ci.value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QCOMPARE(ci.value(QStringLiteral("user")).toString(), QStringLiteral("alice-example"));
    }

    void rateLimitIsReportedNotInvalid()
    {
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_hub->rateLimitNext(55);
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("check"), QStringLiteral("laptop-read"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(QJsonDocument::fromJson(run.out)
                     .array()
                     .first()
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("rate-limited"));
    }

    void accessAnswersPerTokenAndRepo()
    {
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_env->installFixture(QStringLiteral("files/token"));
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("access"), QStringLiteral("example-org/tiny-demo-gpt"),
                        m_hub->endpoint() + QStringLiteral("/acme-research/gated-llm-8b/tree/main"),
                        QStringLiteral("datasets/acme-research/private-data"),
                        QStringLiteral("example-org/does-not-exist"), QStringLiteral("--all"),
                        QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonArray cells = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(cells.size(), 4 * 5);
        auto state = [&](const QString &repo, const QString &token) {
            for (const QJsonValue &cell : cells) {
                const QJsonObject o = cell.toObject();
                if (o.value(QStringLiteral("repo")).toString() == repo &&
                    o.value(QStringLiteral("token")).toString() == token)
                    return o;
            }
            return QJsonObject{};
        };
        QCOMPARE(state(QStringLiteral("example-org/tiny-demo-gpt"), QStringLiteral("laptop-read"))
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("readable"));
        const QJsonObject gated =
            state(QStringLiteral("acme-research/gated-llm-8b"), QStringLiteral("laptop-read"));
        QCOMPARE(gated.value(QStringLiteral("state")).toString(), QStringLiteral("gated"));
        QVERIFY(gated.value(QStringLiteral("requestAccessUrl"))
                    .toString()
                    .endsWith(QLatin1String("/acme-research/gated-llm-8b")));
        QCOMPARE(state(QStringLiteral("acme-research/gated-llm-8b"), QStringLiteral("ci-write"))
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("readable"));
        QCOMPARE(
            state(QStringLiteral("datasets/acme-research/private-data"), QStringLiteral("Colab notebooks"))
                .value(QStringLiteral("state"))
                .toString(),
            QStringLiteral("readable"));
        QCOMPARE(state(QStringLiteral("datasets/acme-research/private-data"), QStringLiteral("laptop-read"))
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("not-found"));
        QCOMPARE(state(QStringLiteral("example-org/does-not-exist"), QStringLiteral("ci-write"))
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("not-found"));
        QCOMPARE(state(QStringLiteral("example-org/tiny-demo-gpt"), QStringLiteral("oauth-carol-example"))
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("token-invalid"));
    }

    void accessDefaultsToTheTokenInForce()
    {
        m_env->set(QStringLiteral("HF_TOKEN"), CiWrite);
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("access"), QStringLiteral("acme-research/gated-llm-8b")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("HF_TOKEN"));
        QVERIFY(run.out.contains("readable"));
        QCOMPARE(m_cli->run({QStringLiteral("access"), QStringLiteral("not a repo!")}).exitCode, 2);
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliHub)
#include "tst_cli_hub.moc"
