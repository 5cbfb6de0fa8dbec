// HF_HUB_OFFLINE set to a true value (huggingface_hub's 1/ON/YES/TRUE, any case): `check`, `add`'s
// validation and `access` send nothing to the Hub, say so in words, exit 4, and leave every verdict as it
// was.
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::RepoRef;
using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {
const QByteArray Laptop = "hf_FAKElaptopReadTokenForTestsOnlLrdA";
const QByteArray Said = "HF_HUB_OFFLINE is set: nothing was sent to the Hub";
constexpr int ExitHubUnreachable = 4;
} // namespace

class TestCliOffline : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(QString::fromLatin1(Laptop), QStringLiteral("whoami_read_token.json"));
        m_hub->addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
        m_env->unset(QStringLiteral("HF_HUB_OFFLINE"));
    }

    void cleanup() { QVERIFY2(!m_cli->transcript().contains(Laptop), "a token leaked into output"); }

    void offlineSendsNothing_data()
    {
        QTest::addColumn<QString>("value");
        for (const char *value : {"1", "ON", "yes", "True", "TRUE"})
            QTest::newRow(value) << QString::fromLatin1(value);
    }

    void offlineSendsNothing()
    {
        QFETCH(QString, value);
        // A verdict from the Hub first, online.
        QCOMPARE(m_cli->run({QStringLiteral("add"), QStringLiteral("laptop")}, Laptop).exitCode, 0);
        const int online = m_hub->requestCount();
        QCOMPARE(online, 1);

        m_env->set(QStringLiteral("HF_HUB_OFFLINE"), value);
        CliRunner::Run run = m_cli->run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, ExitHubUnreachable);
        const QJsonObject checked = QJsonDocument::fromJson(run.out).array().first().toObject();
        QCOMPARE(checked.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
        QVERIFY2(checked.value(QStringLiteral("message")).toString().contains(QString::fromLatin1(Said)),
                 run.out.constData());
        QVERIFY(m_cli->run({QStringLiteral("check")}).out.contains(Said)); // in the table, too

        run = m_cli->run({QStringLiteral("access"), QStringLiteral("example-org/tiny-demo-gpt"),
                          QStringLiteral("--token"), QStringLiteral("laptop")});
        QCOMPARE(run.exitCode, ExitHubUnreachable);
        QVERIFY2(run.out.contains(Said), run.out.constData());

        run = m_cli->run({QStringLiteral("add"), QStringLiteral("second")},
                         "hf_FAKEsecondTokenForOfflinexxxxxxSeco");
        QCOMPARE(run.exitCode, ExitHubUnreachable);
        QVERIFY2(run.err.contains(Said), run.err.constData());
        QVERIFY(!m_env->readFile(QStringLiteral("stored_tokens")).contains("[second]"));

        QCOMPARE(m_hub->requestCount(), online); // nothing reached the Hub
        // The verdict the Hub gave stays: "could not ask" never judges a token.
        const QJsonObject listed =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array()
                .first()
                .toObject();
        QCOMPARE(listed.value(QStringLiteral("verdict")).toString(), QStringLiteral("valid"));
        QCOMPARE(listed.value(QStringLiteral("user")).toString(), QStringLiteral("alice-example"));
    }

    void falseValuesStayOnline_data()
    {
        QTest::addColumn<QString>("value");
        for (const char *value : {"0", "false", "no", "off", "", " 1"})
            QTest::newRow(*value ? value : "empty") << QString::fromLatin1(value);
    }

    void falseValuesStayOnline()
    {
        // Exactly what Python treats as false (no trimming: " 1" is not "1" to huggingface_hub either).
        QFETCH(QString, value);
        m_env->set(QStringLiteral("HF_HUB_OFFLINE"), value);
        const CliRunner::Run run = m_cli->run({QStringLiteral("add"), QStringLiteral("laptop")}, Laptop);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), 1);
        QVERIFY(!run.err.contains(Said));
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliOffline)
#include "tst_cli_offline.moc"
