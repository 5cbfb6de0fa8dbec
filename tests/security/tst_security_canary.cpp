// Security checklist rows 7, 8 and 21 at the level a user sees: the real `hftoken` run as a process with a
// unique canary token, then every output, every file in the scratch world and /proc are grepped for it.
#include "security/SecurityScan.h"
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using hftm::RepoRef;
using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;
using hftm::test::useScratchGitConfig;
using namespace hftm::test::security;

namespace {
const QByteArray Canary = "hf_CANARYsecuritySweepZq7Wx3Kp9Lm2Nv5";
const QByteArray EnvCanary = "hf_CANARYenvironmentOnlyXy4Tr8Bn1Qa6";
const QByteArray Other = "hf_FAKEotherSweepTokenxxxxxxxxxxxOthr";
const QByteArray Laptop = "hf_FAKElaptopReadTokenForTestsOnlLrdA";

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *item : list)
        result << QString::fromLatin1(item);
    return result;
}
} // namespace

class TestSecurityCanary : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(QString::fromLatin1(Canary), QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(QString::fromLatin1(Other), QStringLiteral("whoami_write_token.json"));
        m_hub->addToken(QString::fromLatin1(Laptop), QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(QString::fromLatin1(EnvCanary), QStringLiteral("whoami_write_token.json"));
        m_hub->addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
        // `status` runs `git config --list`: never the developer's own configuration.
        useScratchGitConfig(*m_env);
    }

    void cleanup()
    {
        for (const auto &request : m_hub->requests()) {
            QVERIFY2(!request.path.toUtf8().contains("hf_CANARY"), "a token was put in a URL");
            for (const auto &header : request.headers) {
                if (header.first.compare("authorization", Qt::CaseInsensitive) != 0)
                    QVERIFY2(!header.second.contains("hf_CANARY"), header.first.constData());
            }
        }
        m_cli.reset();
        m_env.reset();
        m_hub.reset();
    }

    // Row 7: every command except `get` with a canary; it may only ever be in stored_tokens and token.
    void sweepEveryCommand()
    {
        QCOMPARE(m_cli->run(args({"add", "sweep", "--activate"}), Canary + "\n").exitCode, 0);
        QCOMPARE(m_cli->run(args({"add", "other", "--no-validate"}), Other).exitCode, 0);
        const QList<QStringList> commands = {args({"list"}),
                                             args({"list", "--json"}),
                                             args({"status"}),
                                             args({"status", "--json"}),
                                             args({"switch", "other"}),
                                             args({"switch", "sweep"}),
                                             args({"check"}),
                                             args({"check", "--all", "--json"}),
                                             args({"access", "example-org/tiny-demo-gpt"}),
                                             args({"access", "example-org/tiny-demo-gpt", "--all", "--json"}),
                                             args({"rename", "sweep", "swept"}),
                                             args({"list", "--json"}),
                                             args({"status"})};
        for (const QStringList &command : commands)
            QVERIFY2(m_cli->run(command).exitCode == 0, qPrintable(command.join(QLatin1Char(' '))));
        QVERIFY(m_hub->requestCount() > 0); // the sweep really talked to the Hub

        // A Hub that echoes the token in its error bodies (as some proxies and old servers do).
        const QByteArray echo =
            "{\"error\":\"Invalid credentials in Authorization header: Bearer " + Canary + "\"}";
        m_hub->failNext(401, {}, echo);
        m_cli->run(args({"check", "swept", "--json"}));
        m_hub->failNext(401, {}, echo);
        m_cli->run(args({"check", "swept"}));
        m_hub->failNext(403, {}, echo);
        m_cli->run(args({"access", "example-org/tiny-demo-gpt", "--json"}));
        m_hub->failNext(403, {}, echo);
        m_cli->run(args({"access", "example-org/tiny-demo-gpt", "--token", "swept"}));

        QVERIFY2(!m_cli->transcript().contains(Canary), "the canary reached stdout or stderr");
        const QString storedTokens = m_env->paths().storedTokensPath;
        const QString token = m_env->paths().tokenPath;
        QStringList unexpected = filesContaining(m_env->root(), Canary);
        unexpected.removeAll(storedTokens);
        unexpected.removeAll(token);
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char(' '))));
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens")).contains("[swept]\nhf_token = " + Canary));
        QCOMPARE(m_env->readFile(QStringLiteral("token")), Canary);

        // `get` is the one command whose job is to print it, and it prints nothing else.
        CliRunner getter(*m_env);
        const CliRunner::Run got = getter.run(args({"get", "swept"}));
        QCOMPARE(got.exitCode, 0);
        QCOMPARE(got.out, Canary + "\n");
        QVERIFY(!got.err.contains(Canary));

        // Removed everywhere: no file anywhere in the scratch world (or $HOME) keeps a copy.
        QCOMPARE(m_cli->run(args({"remove", "swept"})).exitCode, 0);
        QVERIFY2(!m_cli->transcript().contains(Canary), "the canary reached stdout or stderr");
        QStringList left = filesContaining(m_env->root(), Canary);
        const QString home = qEnvironmentVariable("HOME");
        if (!home.isEmpty() && QFileInfo(home).isDir())
            left << filesContaining(home, Canary);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("swept")).isEmpty());
    }

    // Rows 7 and 8 while the secret is in use: `hftoken add --git-credential` is held inside `git credential
    // approve` (a fake git waiting on a FIFO); neither process, nor any other, shows it in argv or environ.
    void secretNeverInArgvOrEnvironmentWhileInUse()
    {
        const QDir root(m_env->root());
        QVERIFY(root.mkpath(QStringLiteral("bin")));
        const QString pidFile = root.filePath(QStringLiteral("git.pid"));
        const QString release = root.filePath(QStringLiteral("release"));
        QCOMPARE(::mkfifo(QFile::encodeName(release).constData(), 0600), 0);
        QFile fake(root.filePath(QStringLiteral("bin/git")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        // A git with the `store` helper configured (answered for `git config`), held inside `credential`.
        fake.write(
            "#!/bin/sh\nif [ \"$1\" = config ]; then printf 'credential.helper\\nstore\\0'; exit 0; fi\n"
            "if [ \"$1\" = credential ]; then\n  echo $$ > '" +
            pidFile.toUtf8() + ".tmp'\n  mv '" + pidFile.toUtf8() + ".tmp' '" + pidFile.toUtf8() +
            "'\n  read go < '" + release.toUtf8() + "'\n  cat > /dev/null\nfi\nexit 0\n");
        fake.close();
        fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env->set(QStringLiteral("PATH"),
                   root.filePath(QStringLiteral("bin")) + QLatin1Char(':') + qEnvironmentVariable("PATH"));

        QProcess *hftoken =
            m_cli->start(args({"add", "held", "--no-validate", "--git-credential"}), Canary, this);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(pidFile), 30000);
        QFile pidText(pidFile);
        QVERIFY(pidText.open(QIODevice::ReadOnly));
        const qint64 gitPid = pidText.readAll().trimmed().toLongLong();
        QVERIFY(gitPid > 0);
        QVERIFY(!procFile(hftoken->processId(), "cmdline").isEmpty()); // still alive, readable
        QVERIFY(!procFile(gitPid, "cmdline").isEmpty());
        QVERIFY(!procFile(gitPid, "environ").contains(Canary));
        QVERIFY(!procFile(hftoken->processId(), "environ").contains(Canary));
        const QStringList exposed = processesExposing(Canary);
        QVERIFY2(exposed.isEmpty(), qPrintable(exposed.join(QStringLiteral(", "))));

        int fd = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            (fd = ::open(QFile::encodeName(release).constData(), O_WRONLY | O_NONBLOCK)) >= 0, 10000);
        QCOMPARE(::write(fd, "go\n", 3), ssize_t(3));
        ::close(fd);
        QVERIFY(hftoken->waitForFinished(30000));
        QCOMPARE(hftoken->exitCode(), 0);
        QVERIFY(!hftoken->readAllStandardOutput().contains(Canary));
        QVERIFY(!hftoken->readAllStandardError().contains(Canary));
        delete hftoken;
    }

    // Row 21: a token in the environment is used and shown (masked), never written anywhere.
    void environmentTokenIsNeverWritten_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::newRow("HF_TOKEN") << QStringLiteral("HF_TOKEN");
        QTest::newRow("HUGGING_FACE_HUB_TOKEN") << QStringLiteral("HUGGING_FACE_HUB_TOKEN");
    }

    void environmentTokenIsNeverWritten()
    {
        QFETCH(QString, variable);
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_env->installFixture(QStringLiteral("files/token"));
        m_env->set(variable, QString::fromLatin1(EnvCanary));
        const QList<QStringList> commands = {args({"list"}),
                                             args({"list", "--json"}),
                                             args({"status"}),
                                             args({"status", "--json"}),
                                             args({"switch", "laptop-read"}),
                                             args({"check", "laptop-read"}),
                                             args({"access", "example-org/tiny-demo-gpt"}),
                                             args({"access", "example-org/tiny-demo-gpt", "--json"}),
                                             args({"rename", "laptop-read", "laptop"}),
                                             args({"config", "storage", "keychain-only"}),
                                             args({"config", "storage", "keychain-and-files"}),
                                             args({"remove", "bob-finegrained"})};
        for (const QStringList &command : commands)
            QVERIFY2(m_cli->run(command).exitCode == 0, qPrintable(command.join(QLatin1Char(' '))));
        QCOMPARE(m_cli->run(args({"add", "other", "--activate"}), Other).exitCode, 0);

        const CliRunner::Run status = m_cli->run(args({"status", "--json"}));
        const QJsonObject active =
            QJsonDocument::fromJson(status.out).object().value(QStringLiteral("active")).toObject();
        QCOMPARE(active.value(QStringLiteral("source")).toString(), variable); // shown …
        QVERIFY(status.err.contains(variable.toUtf8()));
        QVERIFY2(!m_cli->transcript().contains(EnvCanary), "the environment token was printed");
        const QStringList written = filesContaining(m_env->root(), EnvCanary); // … never written
        QVERIFY2(written.isEmpty(), qPrintable(written.join(QLatin1Char(' '))));
        QCOMPARE(m_env->readFile(QStringLiteral("token")), Other);
        // The env token went to the configured Hub, and only in the Authorization header.
        bool sent = false;
        for (const auto &request : m_hub->requests())
            sent |= request.header("authorization") == "Bearer " + EnvCanary;
        QVERIFY(sent);
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestSecurityCanary)
#include "tst_security_canary.moc"
