// Issue 10 items 2, 6 and 10 at the command line (checklist rows 23 and 28): on a full disk `add`,
// `switch` and `config storage` fail with exit 1 in words and leave every file byte-identical; a
// bind-mounted `token` is written in place and said once; a symlinked lock file is refused; a token
// folder that others own or can write is warned about. Mounts and chown need root, as in CI.
#include "support/CliRunner.h"
#include "support/Files.h"
#include "support/Mounts.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using hftm::test::bytesOrMissing;
using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScopedMount;
using hftm::test::ScratchEnvironment;

namespace {
const QByteArray FirstSecret = "hf_FAKEfullDiskFirstTokenxxxxxxxxxxxxx1";
const QByteArray SecondSecret = "hf_FAKEfullDiskSecondTokenxxxxxxxxxxxx2";
const QByteArray ThirdSecret = "hf_FAKEfullDiskThirdTokenxxxxxxxxxxxxx3";

} // namespace

class TestCliFileSafety : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
    }

    void cleanup()
    {
        m_mount.reset(); // first: a failed check below must not leave a mount behind
        const QByteArray transcript = m_cli->transcript();
        for (const QByteArray &secret : {FirstSecret, SecondSecret, ThirdSecret})
            QVERIFY2(!transcript.contains(secret), "a token leaked into output");
        m_cli.reset();
        m_env.reset();
    }

    void fullDiskChangesNothing_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("add") << QStringList{QStringLiteral("add"), QStringLiteral("third"),
                                            QStringLiteral("--no-validate")}
                             << ThirdSecret;
        QTest::newRow("switch") << QStringList{QStringLiteral("switch"), QStringLiteral("first")}
                                << QByteArray();
        QTest::newRow("config storage keychain-only")
            << QStringList{QStringLiteral("config"), QStringLiteral("storage"),
                           QStringLiteral("keychain-only")}
            << QByteArray();
        QTest::newRow("rename") << QStringList{QStringLiteral("rename"), QStringLiteral("first"),
                                               QStringLiteral("renamed")}
                                << QByteArray();
        QTest::newRow("config endpoint") << QStringList{QStringLiteral("config"), QStringLiteral("endpoint"),
                                                        QStringLiteral("https://hub.example.org")}
                                         << QByteArray();
    }

    void fullDiskChangesNothing()
    {
        QFETCH(QStringList, command);
        QFETCH(QByteArray, input);
        // HF_HOME and the program's own config folder both on a 64 KiB tmpfs.
        const QString disk = m_env->root() + QStringLiteral("/disk");
        QVERIFY(QDir().mkpath(disk));
        m_mount.emplace(ScopedMount::tmpfs(disk, 64));
        if (!m_mount->isMounted())
            QSKIP("mounting a tmpfs needs root (CI runs as root)");
        m_env->set(QStringLiteral("HF_HOME"), disk + QStringLiteral("/hf"));
        m_env->set(QStringLiteral("XDG_CONFIG_HOME"), disk + QStringLiteral("/config"));
        const auto add = [&](const char *name, const QByteArray &secret, bool activate) {
            QStringList args{QStringLiteral("add"), QString::fromLatin1(name),
                             QStringLiteral("--no-validate")};
            if (activate)
                args << QStringLiteral("--activate");
            const CliRunner::Run run = m_cli->run(args, secret);
            QVERIFY2(run.exitCode == 0, run.err.constData());
        };
        add("first", FirstSecret, false);
        add("second", SecondSecret, true);
        const QStringList files{m_env->paths().tokenPath, m_env->paths().storedTokensPath,
                                m_env->configDir() + QStringLiteral("/tokens.json")};
        QList<QByteArray> before;
        for (const QString &path : files) {
            before << bytesOrMissing(path);
            QVERIFY2(before.last() != "<missing>" && !before.last().isEmpty(), qPrintable(path));
        }
        QVERIFY(hftm::test::fillFileSystem(disk + QStringLiteral("/filler")));

        const CliRunner::Run run = m_cli->run(command, input);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("disk is full"), run.err.constData());
        QVERIFY2(!run.err.contains("Stored \"") && !run.err.contains("is now"), run.err.constData());
        for (int i = 0; i < files.size(); ++i)
            QVERIFY2(bytesOrMissing(files.at(i)) == before.at(i), qPrintable(files.at(i)));
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("third")).isEmpty()); // the add was rolled back
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("renamed")).isEmpty());
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("first")), FirstSecret);
        for (const QString &folder : {m_env->paths().hfHome, m_env->configDir()}) {
            for (const QString &entry : QDir(folder).entryList(QDir::Files | QDir::Hidden))
                QVERIFY2(!entry.contains(QStringLiteral(".tmp-")), qPrintable(entry)); // no temp left
        }
    }

    void bindMountedTokenIsWrittenInPlace()
    {
        const QByteArray first = m_cli
                                     ->run({QStringLiteral("add"), QStringLiteral("first"),
                                            QStringLiteral("--no-validate"), QStringLiteral("--activate")},
                                           FirstSecret)
                                     .err;
        QVERIFY2(bytesOrMissing(m_env->paths().tokenPath) == FirstSecret, first.constData());
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("second"), QStringLiteral("--no-validate")},
                           SecondSecret)
                     .exitCode,
                 0);
        // A container's HF_HOME with the host's token file mounted over `token`.
        const QString host = m_env->root() + QStringLiteral("/host-token");
        QFile hostFile(host);
        QVERIFY(hostFile.open(QIODevice::WriteOnly));
        hostFile.write(FirstSecret);
        hostFile.close();
        m_mount.emplace(ScopedMount::bind(host, m_env->paths().tokenPath));
        if (!m_mount->isMounted())
            QSKIP("a bind mount needs root (CI runs as root)");

        const CliRunner::Run run = m_cli->run({QStringLiteral("switch"), QStringLiteral("second")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(bytesOrMissing(host), SecondSecret);
        QCOMPARE(run.err.count("is a mount point; it was written in place"), 1);
        QVERIFY2(run.err.contains(m_env->paths().tokenPath.toUtf8()), run.err.constData());
    }

    void symlinkedLockFileIsRefused()
    {
        const QByteArray storedTokens = "[kept]\nhf_token = hf_FAKEkeptTokenxxxxxxxxxxxxxxxxxxxxxxx\n\n";
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens);
        const QString victim = m_env->root() + QStringLiteral("/victim");
        QFile victimFile(victim);
        QVERIFY(victimFile.open(QIODevice::WriteOnly));
        victimFile.write("someone else's file\n");
        victimFile.close();
        QVERIFY(QFile::link(victim, m_env->paths().lockPath));

        const CliRunner::Run run = m_cli->run(
            {QStringLiteral("add"), QStringLiteral("first"), QStringLiteral("--no-validate")}, FirstSecret);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(m_env->paths().lockPath.toUtf8()) && run.err.contains("symbolic link"),
                 run.err.constData());
        QCOMPARE(bytesOrMissing(victim), QByteArray("someone else's file\n"));
        QCOMPARE(bytesOrMissing(m_env->paths().storedTokensPath), storedTokens);
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("first")).isEmpty());
    }

    void unsafeFolderIsWarnedAbout_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("owner"); // -1: this user
        QTest::addColumn<QString>("words");
        QTest::newRow("0777") << 0777 << -1 << QStringLiteral("every user");
        QTest::newRow("owned by 65534") << 0700 << 65534 << QStringLiteral("belongs to another user");
    }

    void unsafeFolderIsWarnedAbout()
    {
        QFETCH(int, mode);
        QFETCH(int, owner);
        QFETCH(QString, words);
        const QString home = m_env->hfHome();
        QVERIFY(::chmod(QFile::encodeName(home).constData(), mode_t(mode)) == 0);
        if (owner >= 0 && ::geteuid() == uid_t(owner))
            owner -= 1; // run as 'nobody': another uid still
        if (owner >= 0 && ::chown(QFile::encodeName(home).constData(), uid_t(owner), gid_t(owner)) != 0)
            QSKIP("changing a folder's owner needs root (CI runs as root)");

        const CliRunner::Run list = m_cli->run({QStringLiteral("list")});
        QVERIFY2(list.err.contains("warning: " + home.toUtf8()) && list.err.contains(words.toUtf8()),
                 list.err.constData());
        QCOMPARE(list.err.count(words.toUtf8()), 1);

        const CliRunner::Run status = m_cli->run({QStringLiteral("status"), QStringLiteral("--json")});
        const QJsonArray warnings =
            QJsonDocument::fromJson(status.out).object().value(QStringLiteral("folderWarnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().toString().contains(words), qPrintable(warnings.first().toString()));
        const CliRunner::Run text = m_cli->run({QStringLiteral("status")});
        QVERIFY2(text.out.contains("folders:") && text.out.contains(words.toUtf8()), text.out.constData());

        // Put right, nothing is said.
        QVERIFY(::chmod(QFile::encodeName(home).constData(), 0700) == 0);
        QVERIFY(::chown(QFile::encodeName(home).constData(), ::geteuid(), ::getegid()) == 0 || owner < 0);
        QVERIFY(!m_cli->run({QStringLiteral("list")}).err.contains("warning: " + home.toUtf8()));
        const QJsonArray none =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object()
                .value(QStringLiteral("folderWarnings"))
                .toArray();
        QVERIFY(none.isEmpty());
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
    std::optional<ScopedMount> m_mount;
};

QTEST_GUILESS_MAIN(TestCliFileSafety)
#include "tst_cli_filesafety.moc"
