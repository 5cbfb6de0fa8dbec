// Where no Secret Service exists: a clear failure (exit 3) that changes nothing, and an explicit opt-in
// to keep tokens in huggingface_hub's files alone. Never a silent fallback.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::ScratchEnvironment;

class TestCliNoKeychain : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/without-keyring.sh");
    }

    void init()
    {
        m_env = std::make_unique<ScratchEnvironment>();
        m_cli = std::make_unique<CliRunner>(*m_env);
        m_env->installFixture(QStringLiteral("files/stored_tokens"));
        m_env->installFixture(QStringLiteral("files/token"));
    }

    void addFailsClearlyAndChangesNothing()
    {
        const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
        const CliRunner::Run run = m_cli->run({QStringLiteral("add"), QStringLiteral("new"),
                                               QStringLiteral("--no-validate"), QStringLiteral("--activate")},
                                              "hf_FAKEnoKeychainTokenxxxxxxxxxxxxxNoKc");
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("keychain"), run.err.constData());
        QVERIFY2(run.err.contains("files-only"), run.err.constData()); // says how to choose otherwise
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
        QCOMPARE(m_env->readFile(QStringLiteral("token")),
                 QByteArray("hf_FAKEciWriteTokenForTestsOnlyxxCiWr"));
        QVERIFY(!m_cli->transcript().contains("hf_FAKEnoKeychainToken"));
    }

    void listStillShowsTheFilesAndSaysWhy()
    {
        const CliRunner::Run run = m_cli->run({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(list.size(), 5);
        for (const QJsonValue &value : list)
            QCOMPARE(value.toObject().value(QStringLiteral("storage")).toArray(),
                     QJsonArray({QStringLiteral("stored_tokens")}));
        QVERIFY2(run.err.contains("keychain"), run.err.constData());
        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("keychain")).toString(), QStringLiteral("unavailable"));
        QVERIFY(!status.value(QStringLiteral("keychainMessage")).toString().isEmpty());
    }

    void filesOnlyIsAnExplicitChoice()
    {
        QCOMPARE(
            m_cli->run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("files-only")})
                .exitCode,
            0);
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("add"), QStringLiteral("plain"), QStringLiteral("--no-validate")},
                       "hf_FAKEfilesOnlyTokenxxxxxxxxxxxxxxPlai");
        QCOMPARE(run.exitCode, 0);
        QVERIFY(m_env->readFile(QStringLiteral("stored_tokens"))
                    .contains("[plain]\nhf_token = hf_FAKEfilesOnlyTokenxxxxxxxxxxxxxxPlai\n"));
        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("storage")).toString(), QStringLiteral("files-only"));
        // Going back to the keychain needs one: refused, the mode stays.
        QCOMPARE(m_cli
                     ->run({QStringLiteral("config"), QStringLiteral("storage"),
                            QStringLiteral("keychain-and-files")})
                     .exitCode,
                 3);
        const QJsonObject after =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(after.value(QStringLiteral("storage")).toString(), QStringLiteral("files-only"));
    }

    void nothingIsWrittenAnywhereElse()
    {
        m_cli->run({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--no-validate")},
                   "hf_FAKEnoFallbackTokenxxxxxxxxxxxxxNoFb");
        // QtKeychain's plaintext fallback would write under the config or data folders: nothing may hold it.
        QDirIterator it(m_env->root(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("hf_FAKEnoFallbackToken"), qPrintable(file.fileName()));
        }
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliNoKeychain)
#include "tst_cli_nokeychain.moc"
