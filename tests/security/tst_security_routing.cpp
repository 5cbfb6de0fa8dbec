// Security checklist rows 7, 11 and 13 at the CLI: where a token may be sent.
#include "security/SecurityScan.h"
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::RepoRef;
using hftm::test::CliFiles;
using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::freshCliWorld;
using hftm::test::readBytes;
using hftm::test::ScratchEnvironment;
using hftm::test::useScratchGitConfig;
using namespace hftm::test::security;

namespace {
const QByteArray Canary = "hf_CANARYroutingTokenAs2Df4Gh6Jk8Lz0X";
const QByteArray Laptop = "hf_FAKElaptopReadTokenForTestsOnlLrdA";

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *item : list)
        result << QString::fromLatin1(item);
    return result;
}

} // namespace

class TestSecurityRouting : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli, CliFiles::Fixtures);
        m_hub = std::make_unique<FakeHub>();
        m_other = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        QVERIFY(m_other->start());
        for (FakeHub *hub : {m_hub.get(), m_other.get()}) {
            hub->addToken(QString::fromLatin1(Canary), QStringLiteral("whoami_read_token.json"));
            hub->addToken(QString::fromLatin1(Laptop), QStringLiteral("whoami_read_token.json"));
            hub->addRepo(RepoRef::Model, QStringLiteral("org/model"));
        }
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
        m_creds = QDir(m_env->root()).filePath(QStringLiteral("git-credentials"));
        useScratchGitConfig(*m_env, m_creds);
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(Canary), "the canary reached stdout or stderr");
        QVERIFY2(!m_cli->transcript().contains(Laptop), "a stored token reached stdout or stderr");
        m_cli.reset();
        m_env.reset();
        m_other.reset();
        m_hub.reset();
    }

    // Row 13: a link to another host never makes a request, to that host or to the configured Hub.
    void accessToAnotherHostSendsNothing_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QStringList>("tokenChoice");
        QTest::addColumn<bool>("envToken");
        const QStringList active;
        const QStringList all{QStringLiteral("--all")};
        const QStringList named{QStringLiteral("--token"), QStringLiteral("laptop-read")};
        const QString evil = QStringLiteral("https://evil.example/org/model");
        QTest::newRow("evil.example, active token") << evil << active << false;
        QTest::newRow("evil.example, --all") << evil << all << false;
        QTest::newRow("evil.example, --token") << evil << named << false;
        QTest::newRow("evil.example, HF_TOKEN") << evil << active << true;
        QTest::newRow("huggingface.co link, loopback Hub")
            << QStringLiteral("https://huggingface.co/org/model") << all << false;
        QTest::newRow("hf.co api link")
            << QStringLiteral("https://hf.co/api/models/org/model") << active << false;
        QTest::newRow("other port on the same host") << QStringLiteral("OTHER/org/model") << all << false;
    }

    void accessToAnotherHostSendsNothing()
    {
        QFETCH(QString, link);
        QFETCH(QStringList, tokenChoice);
        QFETCH(bool, envToken);
        link.replace(QStringLiteral("OTHER"), m_other->endpoint());
        if (envToken)
            m_env->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(Canary));
        const CliRunner::Run run =
            m_cli->run(QStringList{QStringLiteral("access"), link, QStringLiteral("--json")} + tokenChoice);
        QCOMPARE(run.exitCode, 1);
        const QJsonArray cells = QJsonDocument::fromJson(run.out).array();
        QVERIFY(!cells.isEmpty());
        for (const QJsonValue &cell : cells) {
            QCOMPARE(cell.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("error"));
            QVERIFY(cell.toObject()
                        .value(QStringLiteral("explanation"))
                        .toString()
                        .contains(QStringLiteral("Nothing was sent")));
        }
        QCOMPARE(m_hub->requestCount(), 0);
        QCOMPARE(m_other->requestCount(), 0);

        // Control: the same repo named without a host goes to the configured Hub, with the token.
        m_cli->run(QStringList{QStringLiteral("access"), QStringLiteral("org/model")} + tokenChoice);
        QVERIFY(m_hub->requestCount() > 0);
        QCOMPARE(m_other->requestCount(), 0);
    }

    // Row 11: plain HTTP to a host that is not this computer is refused for every command that sends a token.
    void plainHttpEndpointIsRefusedEverywhere()
    {
        m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://example.org"));
        for (const QStringList &command :
             {args({"check", "--all"}), args({"check", "laptop-read"}), args({"access", "org/model"}),
              args({"access", "org/model", "--all"}), args({"config", "endpoint", "http://example.org"}),
              args({"config", "endpoint", "http://127.0.0.1.example.org"})}) {
            const CliRunner::Run run = m_cli->run(command);
            QVERIFY2(run.exitCode == 1, qPrintable(command.join(QLatin1Char(' '))));
            QVERIFY2(run.err.contains("HTTPS"), run.err.constData());
        }
    }

    // Row 11 for git : a credential registered for a plain-HTTP host is sent by git in clear text
    // on every fetch/push to that host, so `--git-credential` must refuse what the Hub client refuses.
    void gitNeverGetsTheTokenForAPlainHttpHost()
    {
        m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://example.org"));
        const CliRunner::Run add =
            m_cli->run(args({"add", "pusher", "--no-validate", "--git-credential"}), Canary);
        m_cli->run(args({"switch", "laptop-read", "--git-credential"}));
        QVERIFY(!readBytes(m_creds).contains("@example.org")); // never print the file: it holds tokens
        QVERIFY(add.exitCode != 0);
        // Loopback stays allowed, as for the Hub client.
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
        QCOMPARE(m_cli->run(args({"switch", "laptop-read", "--git-credential"})).exitCode, 0);
        QVERIFY(readBytes(m_creds).contains("@127.0.0.1"));
    }

    // Row 7, child environments : git and its credential helpers get HF_TOKEN although they never
    // need it; the helpers are third-party programs that may log their environment.
    void gitChildEnvironmentHasNoToken()
    {
        const QDir root(m_env->root());
        QVERIFY(root.mkpath(QStringLiteral("bin")));
        const QString dump = root.filePath(QStringLiteral("git-environment"));
        QFile fake(root.filePath(QStringLiteral("bin/git")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/sh\nenv >> '" + dump.toUtf8() + "'\ncat > /dev/null\nexit 0\n");
        fake.close();
        fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env->set(QStringLiteral("PATH"),
                   root.filePath(QStringLiteral("bin")) + QLatin1Char(':') + qEnvironmentVariable("PATH"));
        m_env->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(Canary));
        QCOMPARE(m_cli->run(args({"status"})).exitCode, 0); // git config --list
        QCOMPARE(m_cli->run(args({"switch", "laptop-read", "--git-credential"})).exitCode,
                 0); // credential approve
        const QByteArray seen = readBytes(dump);
        QVERIFY(seen.contains("GIT_TERMINAL_PROMPT=0"));
        QVERIFY(!seen.contains(Laptop)); // the stored token itself only ever goes on stdin
        QVERIFY2(!seen.contains(Canary), "HF_TOKEN reached git's environment");
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<FakeHub> m_other;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
    QString m_creds;
};

QTEST_GUILESS_MAIN(TestSecurityRouting)
#include "tst_security_routing.moc"
