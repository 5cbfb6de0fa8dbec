// `--git-credential` with the real git inside a throw-away HOME: no helper for the endpoint means a
// warning, no `git credential approve` and nothing recorded; a URL-scoped helper counts; `remove` takes
// the token back from git whoever put it there, and never an unrelated credential.
#include "support/CliRunner.h"
#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::readBytes;
using hftm::test::ScratchEnvironment;
using hftm::test::writeBytes;

namespace {
const QByteArray Secret = "hf_FAKEgitHelperTokenxxxxxxxxxxxxxHelp";
const QByteArray Other = "hf_FAKEsomeoneElsesTokenxxxxxxxxxxOthr";
const QByteArray Alice = "https://alice:hf_FAKEaliceOwnTokenxxxxxxxxxxxxxAlic@huggingface.co\n";

} // namespace

class TestCliGitHelper : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // git reads the repository of the current folder too; the build tree is inside the project's.
        QVERIFY(m_work.isValid());
        QVERIFY(QDir::setCurrent(m_work.path()));
    }

    void init()
    {
        freshCliWorld(m_env, m_cli);
        const QDir root(m_env->root());
        QVERIFY(root.mkpath(QStringLiteral("home")) && root.mkpath(QStringLiteral("bin")));
        m_home = root.filePath(QStringLiteral("home"));
        m_env->set(QStringLiteral("HOME"), m_home);
        m_env->unset(QStringLiteral("GIT_CONFIG_GLOBAL"));
        m_env->set(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
        m_env->set(QStringLiteral("GIT_CEILING_DIRECTORIES"), QDir::currentPath());
        // The real git, behind a wrapper that logs each command line: proves which commands ran.
        const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
        QVERIFY(!git.isEmpty());
        m_log = root.filePath(QStringLiteral("git-commands"));
        const QString wrapper = root.filePath(QStringLiteral("bin/git"));
        writeBytes(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + m_log.toUtf8() + "'\nexec '" +
                                git.toUtf8() + "' \"$@\"\n");
        QVERIFY(QFile::setPermissions(wrapper, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        m_env->set(QStringLiteral("PATH"),
                   root.filePath(QStringLiteral("bin")) + QLatin1Char(':') + qEnvironmentVariable("PATH"));
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(Secret), "the token was printed");
        QVERIFY(!m_cli->transcript().contains(Other));
    }

    void noHelperWarnsAndRecordsNothing_data()
    {
        QTest::addColumn<QByteArray>("gitconfig");
        QTest::addColumn<bool>("viaSwitch");
        const QByteArray otherHost =
            "[credential \"https://source.developers.google.com\"]\n\thelper = store\n";
        const QByteArray reset = "[credential]\n\thelper = store\n\thelper =\n";
        QTest::newRow("add, no helper at all") << QByteArray() << false;
        QTest::newRow("add, a helper for another host only") << otherHost << false;
        QTest::newRow("add, helper reset by an empty value") << reset << false;
        QTest::newRow("switch, no helper at all") << QByteArray() << true;
        QTest::newRow("switch, a helper for another host only") << otherHost << true;
    }

    void noHelperWarnsAndRecordsNothing()
    {
        QFETCH(QByteArray, gitconfig);
        QFETCH(bool, viaSwitch);
        writeBytes(QDir(m_home).filePath(QStringLiteral(".gitconfig")), gitconfig);
        QStringList add{QStringLiteral("add"), QStringLiteral("pusher"), QStringLiteral("--no-validate")};
        if (!viaSwitch)
            add << QStringLiteral("--git-credential");
        CliRunner::Run run = m_cli->run(add, Secret);
        if (viaSwitch) {
            QCOMPARE(run.exitCode, 0);
            run = m_cli->run(
                {QStringLiteral("switch"), QStringLiteral("pusher"), QStringLiteral("--git-credential")});
        }
        // The token itself was stored (or switched to): a success, with the warning on stderr.
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("no git credential helper applies to huggingface.co"), run.err.constData());
        QVERIFY(run.err.contains("git config --global credential.helper store"));
        QVERIFY(!readBytes(m_log).contains("credential approve"));
        QVERIFY(!QFile::exists(QDir(m_home).filePath(QStringLiteral(".git-credentials"))));

        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("gitRegistered")).toArray(), QJsonArray());
        QVERIFY(status.value(QStringLiteral("gitCredentialToken")).isNull());
        QCOMPARE(status.value(QStringLiteral("gitHelpers")).toArray(), QJsonArray());
        QVERIFY(m_cli->run({QStringLiteral("status")}).out.contains("not registered with git"));
        const QJsonArray list =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("gitCredential")), QJsonValue(false));
    }

    void urlScopedHelperRegisters()
    {
        // huggingface_hub does not see a helper scoped to the Hub's URL; git uses it all the same.
        writeBytes(QDir(m_home).filePath(QStringLiteral(".gitconfig")),
                   "[credential \"https://huggingface.co\"]\n\thelper = store\n");
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("add"), QStringLiteral("pusher"), QStringLiteral("--no-validate"),
                        QStringLiteral("--git-credential")},
                       Secret);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.err.contains("warning"), run.err.constData());
        QCOMPARE(readBytes(QDir(m_home).filePath(QStringLiteral(".git-credentials"))),
                 "https://hf_user:" + Secret + "@huggingface.co\n");

        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("gitHelpers")).toArray(), QJsonArray{QStringLiteral("store")});
        QCOMPARE(status.value(QStringLiteral("gitRegistered")).toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("token"), QStringLiteral("pusher")},
                                         {QStringLiteral("host"), QStringLiteral("huggingface.co")},
                                         {QStringLiteral("helpers"), QJsonArray{QStringLiteral("store")}}}}));
        const QByteArray text = m_cli->run({QStringLiteral("status")}).out;
        QVERIFY2(text.contains("\"pusher\" for huggingface.co (store)"), text.constData());
    }

    void removeTakesBackOnlyThisToken_data()
    {
        QTest::addColumn<QByteArray>("held");
        QTest::addColumn<bool>("rejected");
        QTest::newRow("git holds this token, put there by hand") << Secret << true;
        QTest::newRow("git holds another token") << Other << false;
    }

    void removeTakesBackOnlyThisToken()
    {
        QFETCH(QByteArray, held);
        QFETCH(bool, rejected);
        writeBytes(QDir(m_home).filePath(QStringLiteral(".gitconfig")),
                   "[credential]\n\thelper = store\n");
        // Stored without --git-credential: the program never gave it to git.
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("pusher"), QStringLiteral("--no-validate")},
                           Secret)
                     .exitCode,
                 0);
        const QString credentials = QDir(m_home).filePath(QStringLiteral(".git-credentials"));
        const QByteArray before = "https://hf_user:" + held + "@huggingface.co\n" + Alice;
        writeBytes(credentials, before);

        const CliRunner::Run run = m_cli->run({QStringLiteral("remove"), QStringLiteral("pusher")});
        QCOMPARE(run.exitCode, 0);
        if (rejected) {
            QVERIFY2(run.err.contains("Removed its git credential."), run.err.constData());
            QCOMPARE(readBytes(credentials), Alice); // another user's entry stays
        } else {
            QVERIFY2(run.err.contains("git holds another token for huggingface.co"), run.err.constData());
            QCOMPARE(readBytes(credentials), before);
            QVERIFY(!readBytes(m_log).contains("credential reject"));
        }
    }

private:
    QTemporaryDir m_work;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
    QString m_home;
    QString m_log;
};

QTEST_GUILESS_MAIN(TestCliGitHelper)
#include "tst_cli_githelper.moc"
