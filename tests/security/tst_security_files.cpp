// Security checklist rows 1-4 proven through the real `hftoken` process rather than the file classes alone:
// a crash in the middle of a write, `umask 000`, symlinked secret files, unparseable files under every
// command.
#include "security/SecurityScan.h"
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

#include <unistd.h>

using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;
using namespace hftm::test::security;

namespace {
const QByteArray Canary = "hf_CANARYfileSafetyTokenQw3Er5Ty7Ui9O";
const QByteArray Precious = "a file that is not ours and must never change\n";

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *item : list)
        result << QString::fromLatin1(item);
    return result;
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// Every entry under root: files must have no group/other bits, folders must be 0700.
QStringList notPrivate(const QString &root)
{
    QStringList loose;
    if (unixMode(root) != 0700)
        loose << QStringLiteral("%1 %2").arg(root).arg(unixMode(root), 0, 8);
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const int mode = unixMode(path);
        const bool ok = QFileInfo(path).isDir() ? mode == 0700 : (mode & 077) == 0;
        if (!ok)
            loose << QStringLiteral("%1 %2").arg(path).arg(mode, 0, 8);
    }
    return loose;
}
} // namespace

class TestSecurityFiles : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        // Nothing here needs the Hub; a closed loopback port keeps `check` off the real network.
        m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:9"));
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(Canary), "the canary reached stdout or stderr");
        m_cli.reset();
        m_env.reset();
    }

    // Row 1: hftoken is killed (SIGXFSZ from `ulimit -f`) half-way through writing stored_tokens; the file
    // keeps its old bytes, and whatever temporary file is left behind is as private as the secret in it.
    void crashMidWriteLeavesTheOldBytes()
    {
        QByteArray old = ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
        old +=
            "\n[padded]\nhf_token = hf_FAKEpaddedTokenForTestsOnlyxxxPadd\nnote = " + QByteArray(6000, 'x') +
            "\n";
        m_env->writeFile(QStringLiteral("stored_tokens"), old);
        m_env->installFixture(QStringLiteral("files/token"));
        const QByteArray token = m_env->readFile(QStringLiteral("token"));
        QCOMPARE(m_cli->run(args({"list"})).exitCode, 0); // imported: the crash run only adds one token

        // dash counts -f in 512-byte blocks, bash in 1024: 4 is 2-4 KiB, far below the 6+ KiB file.
        const ShellRun run = runUnderShell(*m_env, QStringLiteral("ulimit -c 0; ulimit -f 4"),
                                           args({"add", "crash", "--no-validate", "--activate"}), Canary);
        QVERIFY2(run.status == QProcess::CrashExit,
                 "hftoken was expected to be killed by SIGXFSZ in the middle of the write");
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), old);
        QCOMPARE(m_env->readFile(QStringLiteral("token")), token);
        QJsonParseError parsed{};
        QJsonDocument::fromJson(readBytes(m_env->configDir() + QStringLiteral("/tokens.json")), &parsed);
        QCOMPARE(parsed.error, QJsonParseError::NoError); // old or new, but whole
        const QStringList loose = notPrivate(m_env->hfHome());
        QVERIFY2(loose.isEmpty(), qPrintable(loose.join(QStringLiteral(", "))));
        // The old file is still whole: the next run reads it and can finish the job.
        const CliRunner::Run list = m_cli->run(args({"list", "--json"}));
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("\"padded\""));
        QCOMPARE(
            m_cli->run(args({"add", "crash", "--no-validate", "--activate", "--force"}), Canary).exitCode, 0);
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens")).contains("note = " + QByteArray(6000, 'x')));
    }

    // Row 2: `umask 000` in the user's shell, fresh folders and pre-existing loose ones.
    void umaskZeroStillPrivate_data()
    {
        QTest::addColumn<bool>("preExisting");
        QTest::newRow("fresh folders") << false;
        QTest::newRow("existing 0644 files in 0755 folders") << true;
    }

    void umaskZeroStillPrivate()
    {
        QFETCH(bool, preExisting);
        QString hfHome = m_env->hfHome();
        QString config = QDir(m_env->root()).filePath(QStringLiteral("config"));
        if (preExisting) {
            m_env->installFixture(QStringLiteral("files/stored_tokens"));
            m_env->installFixture(QStringLiteral("files/token"));
            QCOMPARE(::chmod(QFile::encodeName(m_env->paths().storedTokensPath).constData(), 0644), 0);
            QCOMPARE(::chmod(QFile::encodeName(m_env->paths().tokenPath).constData(), 0644), 0);
            QCOMPARE(::chmod(QFile::encodeName(hfHome).constData(), 0755), 0);
            QCOMPARE(unixMode(m_env->paths().storedTokensPath), 0644);
            QCOMPARE(unixMode(hfHome), 0755);
        } else {
            hfHome = QDir(m_env->root()).filePath(QStringLiteral("fresh/a/hf"));
            config = QDir(m_env->root()).filePath(QStringLiteral("fresh/b/config"));
            m_env->set(QStringLiteral("HF_HOME"), hfHome);
            m_env->set(QStringLiteral("XDG_CONFIG_HOME"), config);
        }
        const QString prelude = QStringLiteral("umask 000");
        ShellRun run =
            runUnderShell(*m_env, prelude, args({"add", "umask", "--no-validate", "--activate"}), Canary);
        QVERIFY2(run.exitCode == 0 && run.status == QProcess::NormalExit, run.err.constData());
        run = runUnderShell(*m_env, prelude, args({"rename", "umask", "umask-renamed"}));
        QCOMPARE(run.exitCode, 0);
        run = runUnderShell(*m_env, prelude, args({"switch", "umask-renamed"}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.out.contains(Canary) && !run.err.contains(Canary));

        QCOMPARE(unixMode(hfHome + QStringLiteral("/stored_tokens")), 0600);
        QCOMPARE(unixMode(hfHome + QStringLiteral("/token")), 0600);
        QCOMPARE(readBytes(hfHome + QStringLiteral("/token")), Canary);
        QStringList loose = notPrivate(hfHome);
        loose << notPrivate(config + QStringLiteral("/hf-token-manager"));
        if (!preExisting) // the missing parents of HF_HOME, created by hftoken
            loose << notPrivate(QDir(m_env->root()).filePath(QStringLiteral("fresh/a")));
        QVERIFY2(loose.isEmpty(), qPrintable(loose.join(QStringLiteral(", "))));
        if (preExisting)
            return;
        // The missing parents of the metadata folder (XDG_CONFIG_HOME itself, i.e. ~/.config on a new
        // account).
        const QStringList parents = notPrivate(QDir(m_env->root()).filePath(QStringLiteral("fresh/b")));
        QVERIFY2(parents.isEmpty(), qPrintable(parents.join(QStringLiteral(", "))));
    }

    // Row 3: a secret path that is a symlink (to a real file or dangling) is refused; the target is
    // untouched.
    void symlinkedSecretFileIsRefused_data()
    {
        QTest::addColumn<QString>("linked");
        QTest::addColumn<bool>("dangling");
        QTest::newRow("stored_tokens -> file") << QStringLiteral("stored_tokens") << false;
        QTest::newRow("stored_tokens -> nowhere") << QStringLiteral("stored_tokens") << true;
        QTest::newRow("token -> file") << QStringLiteral("token") << false;
        QTest::newRow("token -> nowhere") << QStringLiteral("token") << true;
    }

    void symlinkedSecretFileIsRefused()
    {
        QFETCH(QString, linked);
        QFETCH(bool, dangling);
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_env->installFixture(QStringLiteral("files/token"));
        QCOMPARE(m_cli->run(args({"list"})).exitCode, 0); // imported while the files were regular
        const QString elsewhere = QDir(m_env->root()).filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        const QString target =
            elsewhere + (dangling ? QStringLiteral("/missing") : QStringLiteral("/target"));
        if (!dangling) {
            QFile file(target);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(Precious);
        }
        const QString link = QDir(m_env->hfHome()).filePath(linked);
        QVERIFY(QFile::remove(link));
        QCOMPARE(::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()), 0);

        const CliRunner::Run add = m_cli->run(args({"add", "linked", "--no-validate", "--activate"}), Canary);
        QVERIFY2(add.exitCode != 0, "a write through a symlink was not refused");
        QVERIFY2(add.err.contains("link"), add.err.constData());
        for (const QStringList &command :
             {args({"switch", "laptop-read"}), args({"rename", "laptop-read", "lr"}),
              args({"remove", "bob-finegrained"}), args({"config", "storage", "keychain-only"}),
              args({"config", "storage", "files-only"})})
            m_cli->run(command);

        QVERIFY(isSymLink(link));
        if (dangling)
            QVERIFY2(!QFileInfo::exists(target), "a dangling link's target was created");
        else
            QCOMPARE(readBytes(target), Precious);
        QCOMPARE(QDir(elsewhere).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(),
                 dangling ? 0 : 1);
    }

    // Row 4: an unparseable stored_tokens keeps its exact bytes through every command that writes.
    void unparseableSurvivesEveryCommand_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray fixture = ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
        QTest::newRow("duplicate section")
            << fixture + "[ci-write]\nhf_token = hf_FAKEagainxxxxxxxxxxxxxxxxxxxxxxxxAgn\n";
        QTest::newRow("junk line") << fixture + "hf_pasted_here_by_hand\n";
        QTest::newRow("byte-order mark") << "\xef\xbb\xbf" + fixture;
        QTest::newRow("CRLF duplicate key")
            << QByteArray("[a]\r\nhf_token = hf_FAKE1\r\nhf_token = hf_FAKE2\r\n");
    }

    void unparseableSurvivesEveryCommand()
    {
        QFETCH(QByteArray, bytes);
        m_env->writeFile(QStringLiteral("stored_tokens"), bytes);
        m_env->installFixture(QStringLiteral("files/token"));
        const QList<QStringList> commands = {args({"list"}),
                                             args({"switch", "ci-write"}),
                                             args({"switch", "laptop-read"}),
                                             args({"rename", "ci-write", "ci"}),
                                             args({"remove", "ci-write"}),
                                             args({"config", "storage", "keychain-only"}),
                                             args({"config", "storage", "files-only"}),
                                             args({"config", "storage", "keychain-and-files"}),
                                             args({"check", "--all"}),
                                             args({"status"})};
        for (const QStringList &command : commands) {
            m_cli->run(command);
            QVERIFY2(m_env->readFile(QStringLiteral("stored_tokens")) == bytes,
                     qPrintable(command.join(QLatin1Char(' '))));
        }
        const CliRunner::Run add = m_cli->run(args({"add", "new", "--no-validate", "--force"}), Canary);
        QCOMPARE(add.exitCode, 1);
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), bytes);
        QVERIFY(!m_env->readFile(QStringLiteral("token")).contains(Canary));
        const QStringList backups =
            QDir(m_env->hfHome()).entryList({QStringLiteral("stored_tokens.unparsed-*")});
        QCOMPARE(backups.size(), 1); // kept once, not once per command
        const QString backup = QDir(m_env->hfHome()).filePath(backups.first());
        QCOMPARE(readBytes(backup), bytes);
        QCOMPARE(unixMode(backup), 0600);
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestSecurityFiles)
#include "tst_security_files.moc"
