// Which Hub endpoint is in force, as huggingface_hub decides it: HF_ENDPOINT, else the saved one
// (`hftoken config endpoint`), else https://huggingface.co. The Hub checks and git use that one, and a
// saved endpoint that HF_ENDPOINT overrides is pointed out on stderr.
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;
using hftm::test::useScratchGitConfig;

namespace {
const QByteArray Laptop = "hf_FAKElaptopReadTokenForTestsOnlLrdA";
const QByteArray Note = "note: HF_ENDPOINT=";
} // namespace

class TestCliEndpoint : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_envHub = std::make_unique<FakeHub>();
        m_savedHub = std::make_unique<FakeHub>();
        QVERIFY(m_envHub->start() && m_savedHub->start());
        for (FakeHub *hub : {m_envHub.get(), m_savedHub.get()})
            hub->addToken(QString::fromLatin1(Laptop), QStringLiteral("whoami_read_token.json"));
        m_env->unset(QStringLiteral("HF_ENDPOINT"));
        m_env->unset(QStringLiteral("HF_HUB_OFFLINE"));
    }

    void cleanup() { QVERIFY2(!m_cli->transcript().contains(Laptop), "a token leaked into output"); }

    void endpointInForce_data()
    {
        QTest::addColumn<QString>("environment"); // HF_ENDPOINT; empty = unset
        QTest::addColumn<QString>("saved");       // config endpoint; empty = none
        QTest::addColumn<QString>("inForce");
        QTest::addColumn<bool>("note");
        const QString a = QStringLiteral("https://mirror-a.example");
        const QString b = QStringLiteral("https://mirror-b.example");
        QTest::newRow("environment beats saved") << a << b << a << true;
        QTest::newRow("environment only") << a << QString() << a << false;
        QTest::newRow("saved only") << QString() << b << b << false;
        QTest::newRow("neither") << QString() << QString() << QStringLiteral("https://huggingface.co")
                                 << false;
        QTest::newRow("same, trailing slash aside") << a + QStringLiteral("/") << a << a << false;
    }

    void endpointInForce()
    {
        QFETCH(QString, environment);
        QFETCH(QString, saved);
        QFETCH(QString, inForce);
        QFETCH(bool, note);
        if (!saved.isEmpty())
            QCOMPARE(m_cli->run({QStringLiteral("config"), QStringLiteral("endpoint"), saved}).exitCode, 0);
        if (!environment.isEmpty())
            m_env->set(QStringLiteral("HF_ENDPOINT"), environment);
        const CliRunner::Run json = m_cli->run({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QStringLiteral("endpoint")).toString(),
                 inForce);
        QCOMPARE(json.err.contains(Note), note);
        const CliRunner::Run text = m_cli->run({QStringLiteral("status")});
        QVERIFY(text.out.contains("endpoint:") && text.out.contains(inForce.toUtf8()));
        QCOMPARE(text.err.contains(Note), note);
        if (note) {
            QVERIFY2(
                text.err.contains(QStringLiteral("HF_ENDPOINT=%1 is set and is the endpoint in force; the "
                                                 "saved endpoint %2")
                                      .arg(inForce, saved)
                                      .toUtf8()),
                text.err.constData());
        }
    }

    void checksAskTheEnvironmentsHub()
    {
        QCOMPARE(m_cli->run({QStringLiteral("config"), QStringLiteral("endpoint"), m_savedHub->endpoint()})
                     .exitCode,
                 0);
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_envHub->endpoint());
        CliRunner::Run run = m_cli->run({QStringLiteral("add"), QStringLiteral("laptop")}, Laptop);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(Note), run.err.constData());
        run = m_cli->run({QStringLiteral("check"), QStringLiteral("laptop")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains(Note));
        QCOMPARE(m_envHub->requestCount(QStringLiteral("/api/whoami-v2")), 2);
        QCOMPARE(m_savedHub->requestCount(), 0);

        // Without HF_ENDPOINT the saved endpoint is in force again, silently.
        m_env->unset(QStringLiteral("HF_ENDPOINT"));
        run = m_cli->run({QStringLiteral("check"), QStringLiteral("laptop")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.err.contains(Note));
        QCOMPARE(m_savedHub->requestCount(QStringLiteral("/api/whoami-v2")), 1);
    }

    void gitGetsTheEnvironmentsHost()
    {
        // git and Python must agree: the credential is registered for HF_ENDPOINT's host, not the saved one.
        const QString creds = QDir(m_env->root()).filePath(QStringLiteral("git-credentials"));
        useScratchGitConfig(*m_env, creds);
        QCOMPARE(m_cli->run({QStringLiteral("config"), QStringLiteral("endpoint"), m_savedHub->endpoint()})
                     .exitCode,
                 0);
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_envHub->endpoint());
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("add"), QStringLiteral("laptop"), QStringLiteral("--no-validate"),
                        QStringLiteral("--git-credential")},
                       Laptop);
        QCOMPARE(run.exitCode, 0);
        QFile stored(creds);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(),
                 "http://hf_user:" + Laptop + "@127.0.0.1%3a" + QByteArray::number(m_envHub->port()) + "\n");
    }

private:
    std::unique_ptr<FakeHub> m_envHub;
    std::unique_ptr<FakeHub> m_savedHub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliEndpoint)
#include "tst_cli_endpoint.moc"
