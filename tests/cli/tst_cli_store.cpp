// hftoken list/add/switch/rename/remove/get/status/config, as a process, on real files and a real keyring.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using hftm::test::CliFiles;
using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {
const QByteArray Canary = "hf_CANARYcliStoreTokenNeverPrinted0001";

QByteArrayList fixtureSecrets()
{
    QByteArrayList secrets;
    const QRegularExpression line(QStringLiteral("hf_token = (\\S+)"));
    auto it = line.globalMatch(
        QString::fromUtf8(ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"))));
    while (it.hasNext())
        secrets << it.next().captured(1).toUtf8();
    return secrets;
}

QJsonArray listJson(const CliRunner &cli)
{
    const CliRunner::Run run = cli.run({QStringLiteral("list"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(run.out).array();
}

QJsonObject entry(const QJsonArray &list, const QString &name)
{
    for (const QJsonValue &value : list) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

int unixMode(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}
} // namespace

class TestCliStore : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli, CliFiles::Fixtures);
    }

    void cleanup()
    {
        // Nothing but `get` may ever print a secret; `get` runs through its own runner below.
        const QByteArray transcript = m_cli->transcript();
        QVERIFY2(!transcript.contains(Canary), "the canary token leaked into output");
        for (const QByteArray &secret : fixtureSecrets())
            QVERIFY2(!transcript.contains(secret), "a stored token leaked into output");
    }

    void listShowsWhatHuggingfaceHubKnows()
    {
        const QJsonArray list = listJson(*m_cli);
        QCOMPARE(list.size(), 5);
        const QJsonObject active = entry(list, QStringLiteral("ci-write"));
        QCOMPARE(active.value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(active.value(QStringLiteral("status")).toString(), QStringLiteral("unchecked"));
        QCOMPARE(active.value(QStringLiteral("storage")).toArray(),
                 QJsonArray({QStringLiteral("keychain"), QStringLiteral("stored_tokens")}));
        QVERIFY(active.contains(QStringLiteral("user")) && active.contains(QStringLiteral("role")));
        QCOMPARE(entry(list, QStringLiteral("laptop-read")).value(QStringLiteral("active")).toBool(), false);
        const QJsonObject oauth = entry(list, QStringLiteral("oauth-carol-example"));
        QCOMPARE(oauth.value(QStringLiteral("expires")).toString(), QStringLiteral("2026-09-21T14:13:20Z"));
        // Imported into the real Secret Service, readable by libsecret's own tool.
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("Colab notebooks")),
                 QByteArray("hf_FAKEcolabCarolTokenForTestsOnlColb"));
        // Reading never rewrote huggingface_hub's files, and tightened their permissions.
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")),
                 ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
        QCOMPARE(unixMode(m_env->paths().storedTokensPath), 0600);
    }

    void addStoresInKeychainAndFilesInHubLayout()
    {
        const CliRunner::Run run = m_cli->run({QStringLiteral("add"), QStringLiteral("new-token"),
                                               QStringLiteral("--no-validate"), QStringLiteral("--activate")},
                                              "  " + Canary + "\n");
        QCOMPARE(run.exitCode, 0);
        QByteArray expected = ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
        expected.insert(expected.indexOf("[oauth-carol-example]"),
                        "[new-token]\nhf_token = " + Canary + "\n\n");
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), expected);
        QCOMPARE(m_env->readFile(QStringLiteral("token")), Canary); // no trailing newline, like hf_hub
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("new-token")), Canary);
        QCOMPARE(unixMode(m_env->paths().tokenPath), 0600);
        QCOMPARE(unixMode(m_env->paths().storedTokensPath), 0600);
        QCOMPARE(unixMode(m_env->hfHome()), 0700);
        QCOMPARE(
            entry(listJson(*m_cli), QStringLiteral("new-token")).value(QStringLiteral("active")).toBool(),
            true);
    }

    void addRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("inner space") << QByteArray("hf_abc def");
        QTest::newRow("inner newline") << QByteArray("hf_abc\nhost=evil.example");
        QTest::newRow("tab") << QByteArray("hf_abc\tdef");
        QTest::newRow("NUL") << QByteArray("hf_abc\0def", 10);
        QTest::newRow("non-ASCII") << QByteArray("hf_abcé");
        QTest::newRow("empty") << QByteArray("  \n");
        QTest::newRow("organization token") << QByteArray("api_org_abcdef");
    }

    void addRefusesBadInput()
    {
        QFETCH(QByteArray, input);
        const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
        const CliRunner::Run run = m_cli->run(
            {QStringLiteral("add"), QStringLiteral("bad"), QStringLiteral("--no-validate")}, input);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());
        if (input.size() > 6)
            QVERIFY2(!run.all().contains(input.mid(3)), "the refused input was echoed back");
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("bad")).isEmpty());
    }

    void addRefusesDuplicatesUnlessForced()
    {
        const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
        CliRunner::Run run = m_cli->run(
            {QStringLiteral("add"), QStringLiteral("ci-write"), QStringLiteral("--no-validate")}, Canary);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("already stored"));
        run = m_cli->run({QStringLiteral("add"), QStringLiteral("twin"), QStringLiteral("--no-validate")},
                         "hf_FAKEciWriteTokenForTestsOnlyxxCiWr");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("ci-write"));
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
        run = m_cli->run({QStringLiteral("add"), QStringLiteral("ci-write"), QStringLiteral("--no-validate"),
                          QStringLiteral("--force")},
                         Canary);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens"))
                    .contains("[ci-write]\nhf_token = " + Canary + "\n"));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("ci-write")), Canary);
    }

    void switchRewritesOnlyTheTokenFile()
    {
        m_cli->run({QStringLiteral("list")});
        const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
        const CliRunner::Run run = m_cli->run({QStringLiteral("switch"), QStringLiteral("laptop-read")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(m_env->readFile(QStringLiteral("token")),
                 QByteArray("hf_FAKElaptopReadTokenForTestsOnlLrdA"));
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
        QCOMPARE(
            entry(listJson(*m_cli), QStringLiteral("laptop-read")).value(QStringLiteral("active")).toBool(),
            true);
        QCOMPARE(m_cli->run({QStringLiteral("switch"), QStringLiteral("nope")}).exitCode, 1);
    }

    void renameKeepsOAuthFields()
    {
        const CliRunner::Run run = m_cli->run(
            {QStringLiteral("rename"), QStringLiteral("oauth-carol-example"), QStringLiteral("carol")});
        QCOMPARE(run.exitCode, 0);
        const QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        QVERIFY(!file.contains("[oauth-carol-example]"));
        QVERIFY(file.contains(
            "[carol]\nhf_token = hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa\n"
            "refresh_token = FAKE-refresh-token-carol-example-0001\nexpires_at = 1790000000\n\n"));
        QVERIFY(file.indexOf("[carol]") < file.indexOf("[ci-write]")); // re-sorted like hf_hub writes
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("carol")),
                 QByteArray("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa"));
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("oauth-carol-example")).isEmpty());
        QCOMPARE(m_cli->run({QStringLiteral("rename"), QStringLiteral("carol"), QStringLiteral("ci-write")})
                     .exitCode,
                 1);
    }

    void removeEverywhereAndClearsTheActiveFile()
    {
        m_cli->run({QStringLiteral("list")});
        const CliRunner::Run run = m_cli->run({QStringLiteral("remove"), QStringLiteral("ci-write")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!m_env->readFile(QStringLiteral("stored_tokens")).contains("[ci-write]"));
        QVERIFY(!QFileInfo::exists(m_env->paths().tokenPath)); // it was the active token, like hf auth logout
        QVERIFY(CliRunner::keychainLookup(QStringLiteral("ci-write")).isEmpty());
        QCOMPARE(listJson(*m_cli).size(), 4);
        QCOMPARE(m_cli->run({QStringLiteral("remove"), QStringLiteral("ci-write")}).exitCode, 1);
    }

    void getPrintsOnlyTheSecret()
    {
        CliRunner getter(*m_env); // its own transcript: printing the secret is get's job
        CliRunner::Run run = getter.run({QStringLiteral("get"), QStringLiteral("laptop-read")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("hf_FAKElaptopReadTokenForTestsOnlLrdA\n"));
        run = getter.run({QStringLiteral("get")});
        QCOMPARE(run.out, QByteArray("hf_FAKEciWriteTokenForTestsOnlyxxCiWr\n"));
        QCOMPARE(getter.run({QStringLiteral("get"), QStringLiteral("nope")}).exitCode, 1);
    }

    void statusReportsPathsAndTheTokenInForce()
    {
        m_env->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(Canary));
        const CliRunner::Run run = m_cli->run({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value(QStringLiteral("tokenPath")).toString(), m_env->paths().tokenPath);
        QCOMPARE(json.value(QStringLiteral("storage")).toString(), QStringLiteral("keychain-and-files"));
        QCOMPARE(json.value(QStringLiteral("keychain")).toString(), QStringLiteral("available"));
        const QJsonObject active = json.value(QStringLiteral("active")).toObject();
        QCOMPARE(active.value(QStringLiteral("source")).toString(), QStringLiteral("HF_TOKEN"));
        QCOMPARE(active.value(QStringLiteral("tokenFileName")).toString(), QStringLiteral("ci-write"));
        QVERIFY(active.value(QStringLiteral("name")).isNull()); // the env token is not a stored one
        QVERIFY(run.err.contains("HF_TOKEN"));
    }

    void keychainOnlyMovesSecretsOutAndBack()
    {
        const QByteArray original = m_env->readFile(QStringLiteral("stored_tokens"));
        QCOMPARE(
            m_cli->run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("keychain-only")})
                .exitCode,
            0);
        const QByteArray stripped = m_env->readFile(QStringLiteral("stored_tokens"));
        QVERIFY(!stripped.contains("hf_FAKE"));              // plaintext secrets left the file
        QVERIFY(stripped.contains("[oauth-carol-example]")); // OAuth stays for hf_hub's refresh
        QCOMPARE(m_env->readFile(QStringLiteral("token")),
                 QByteArray("hf_FAKEciWriteTokenForTestsOnlyxxCiWr"));
        const QJsonArray list = listJson(*m_cli);
        QCOMPARE(list.size(), 5);
        QCOMPARE(entry(list, QStringLiteral("laptop-read")).value(QStringLiteral("storage")).toArray(),
                 QJsonArray({QStringLiteral("keychain")}));
        QCOMPARE(entry(list, QStringLiteral("ci-write")).value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(m_cli->run({QStringLiteral("switch"), QStringLiteral("laptop-read")}).exitCode, 0);
        QCOMPARE(m_env->readFile(QStringLiteral("token")),
                 QByteArray("hf_FAKElaptopReadTokenForTestsOnlLrdA"));
        QCOMPARE(m_cli
                     ->run({QStringLiteral("config"), QStringLiteral("storage"),
                            QStringLiteral("keychain-and-files")})
                     .exitCode,
                 0);
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), original); // every secret came back
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("option of another command")
            << QStringList{QStringLiteral("list"), QStringLiteral("--activate")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--bogus")};
        QTest::newRow("switch without name") << QStringList{QStringLiteral("switch")};
        QTest::newRow("bad storage mode")
            << QStringList{QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("cloud")};
        QTest::newRow("no-validate without name")
            << QStringList{QStringLiteral("add"), QStringLiteral("--no-validate")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QCOMPARE(m_cli->run(arguments).exitCode, 2);
    }

    void versionAndHelp()
    {
        CliRunner::Run run = m_cli->run({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("hftoken " HFTM_VERSION "\n"));
        run = m_cli->run({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("switch NAME"));
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
