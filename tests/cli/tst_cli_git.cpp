// `--git-credential` registers the active token with git exactly as huggingface_hub does, through git's
// own credential protocol on stdin; remove rejects it again.
#include "support/CliRunner.h"
#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::readBytes;
using hftm::test::ScratchEnvironment;
using hftm::test::useScratchGitConfig;

namespace {
const QByteArray Secret = "hf_FAKEgitCredentialTokenxxxxxxxxxGitC";

} // namespace

class TestCliGit : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_creds = QDir(m_env->root()).filePath(QStringLiteral("git-credentials"));
        useScratchGitConfig(*m_env, m_creds); // never the developer's own git configuration
    }

    void addRegistersAndRemoveRejects()
    {
        CliRunner::Run run =
            m_cli->run({QStringLiteral("add"), QStringLiteral("pusher"), QStringLiteral("--no-validate"),
                        QStringLiteral("--activate"), QStringLiteral("--git-credential")},
                       Secret);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(readBytes(m_creds), "https://hf_user:" + Secret + "@huggingface.co\n");
        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("gitHelpers")).toArray(), QJsonArray({QStringLiteral("store")}));
        QCOMPARE(status.value(QStringLiteral("gitCredentialToken")).toString(), QStringLiteral("pusher"));
        run = m_cli->run({QStringLiteral("remove"), QStringLiteral("pusher")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains("git credential"));
        QCOMPARE(readBytes(m_creds), QByteArray());
        QVERIFY(!m_cli->transcript().contains(Secret));
    }

    void switchRegistersForTheCustomEndpointHost()
    {
        m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:8089/pulp/content/hf/"));
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("a"), QStringLiteral("--no-validate")},
                           "hf_FAKEfirstTokenForGitxxxxxxxxxxxxxxAAA")
                     .exitCode,
                 0);
        QCOMPARE(
            m_cli->run({QStringLiteral("switch"), QStringLiteral("a"), QStringLiteral("--git-credential")})
                .exitCode,
            0);
        // git drops the path and keeps host:port, as the spec observed with git 2.39.
        QCOMPARE(readBytes(m_creds),
                 QByteArray("http://hf_user:hf_FAKEfirstTokenForGitxxxxxxxxxxxxxxAAA@127.0.0.1%3a8089\n"));
    }

    void tokenNeverReachesGitsArgv()
    {
        const QString bin = QDir(m_env->root()).filePath(QStringLiteral("bin"));
        QDir().mkpath(bin);
        const QString log = QDir(m_env->root()).filePath(QStringLiteral("git-calls"));
        QFile fake(QDir(bin).filePath(QStringLiteral("git")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/sh\nprintf 'argv:%s\\n' \"$*\" >> '" + log.toUtf8() +
                   "'\n"
                   "printf 'prompt:%s\\n' \"$GIT_TERMINAL_PROMPT\" >> '" +
                   log.toUtf8() +
                   "'\n"
                   // a git with the `store` helper configured, as the real one would answer
                   "if [ \"$1\" = config ]; then printf 'credential.helper\\nstore\\0'; exit 0; fi\n"
                   "if [ \"$1\" = credential ]; then cat >> '" +
                   log.toUtf8() + "'; fi\n");
        fake.close();
        fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env->set(QStringLiteral("PATH"), bin + QLatin1Char(':') + qEnvironmentVariable("PATH"));
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("p"), QStringLiteral("--no-validate"),
                            QStringLiteral("--git-credential")},
                           Secret)
                     .exitCode,
                 0);
        const QByteArray calls = readBytes(log);
        QVERIFY2(
            calls.contains("argv:credential approve\nprompt:0\nurl=https://huggingface.co\nusername=hf_user\n"
                           "password=" +
                           Secret + "\n\n"),
            calls.constData());
        for (const QByteArray &line : calls.split('\n')) {
            if (line.startsWith("argv:"))
                QVERIFY(!line.contains(Secret));
        }
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
    QString m_creds;
};

QTEST_GUILESS_MAIN(TestCliGit)
#include "tst_cli_git.moc"
