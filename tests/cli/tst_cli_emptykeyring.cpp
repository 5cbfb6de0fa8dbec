// A Secret Service that answers but has no keyring to keep anything in (gnome-keyring before its first
// keyring is created, with no display for the prompt): as unusable as no keychain. hftoken exits 3 and
// says so in words; nothing is written anywhere else.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using hftm::test::CliRunner;
using hftm::test::ScratchEnvironment;

class TestCliEmptyKeyring : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("HFTM_EMPTY_KEYRING"), "run through tests/with-empty-keyring.sh");
    }

    void addExitsThreeAndWritesNothing()
    {
        ScratchEnvironment env;
        CliRunner cli(env);
        const CliRunner::Run run =
            cli.run({QStringLiteral("add"), QStringLiteral("work"), QStringLiteral("--no-validate")},
                    "hf_FAKEemptyKeyringTokenForTestsxxxxx");
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("no usable collection"), run.err.constData());
        QVERIFY(run.err.contains("files-only")); // the way out is named
        QVERIFY(!QFileInfo::exists(env.paths().storedTokensPath));
        QVERIFY(!QFileInfo::exists(env.paths().tokenPath));
    }

    void statusSaysUnavailable()
    {
        ScratchEnvironment env;
        CliRunner cli(env);
        const QJsonObject status =
            QJsonDocument::fromJson(cli.run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("keychain")).toString(), QStringLiteral("unavailable"));
        QVERIFY(status.value(QStringLiteral("keychainMessage"))
                    .toString()
                    .contains(QStringLiteral("no usable collection")));
    }

    void filesOnlyIsTheExplicitWayOut()
    {
        ScratchEnvironment env;
        CliRunner cli(env);
        QCOMPARE(cli.run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("files-only")})
                     .exitCode,
                 0);
        const CliRunner::Run run =
            cli.run({QStringLiteral("add"), QStringLiteral("work"), QStringLiteral("--no-validate")},
                    "hf_FAKEemptyKeyringTokenForTestsxxxxx");
        QCOMPARE(run.exitCode, 0);
        QVERIFY(env.readFile(QStringLiteral("stored_tokens")).contains("[work]"));
    }
};

QTEST_GUILESS_MAIN(TestCliEmptyKeyring)
#include "tst_cli_emptykeyring.moc"
