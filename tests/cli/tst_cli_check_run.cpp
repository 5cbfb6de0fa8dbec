// `hftoken check --all` end to end on the shared CheckRun: the real binary, the real keychain, the fake
// Hub on 127.0.0.1. It prints the table and the JSON it always printed, and writes tokens.json exactly
// once per run (counted by the kernel's inotify events), in keychain-and-files and keychain-only mode.
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/MetadataWrites.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::MetadataWrites;
using hftm::test::ScratchEnvironment;

namespace {
constexpr int Tokens = 12;

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEcliCheckRunToken%1xxxxxxxxxxx").arg(i, 3, 10, QLatin1Char('0'));
}
QString nameOf(int i)
{
    return QStringLiteral("run-%1").arg(i, 3, 10, QLatin1Char('0'));
}
} // namespace

class TestCliCheckRun : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;

    QString metadataPath() const { return QDir(m_env->configDir()).filePath(QStringLiteral("tokens.json")); }

private slots:
    void init()
    {
        CliRunner::keychainClear();
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_env = std::make_unique<ScratchEnvironment>();
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
        QByteArray ini;
        for (int i = 0; i < Tokens; ++i) {
            ini += '[' + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
            m_hub->addToken(secretOf(i), i == 3 ? QStringLiteral("whoami_write_token.json")
                                                : QStringLiteral("whoami_read_token.json"));
        }
        m_hub->removeToken(secretOf(7)); // the Hub refuses one: 401, invalid
        m_env->writeFile(QStringLiteral("stored_tokens"), ini);
        m_cli = std::make_unique<CliRunner>(*m_env);
        // Imports what `hf` added (its own writes), so the check below only records answers.
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0);
        QVERIFY(QFileInfo::exists(metadataPath()));
    }

    void cleanup()
    {
        for (int i = 0; i < Tokens; ++i)
            QVERIFY2(!m_cli->transcript().contains(secretOf(i).toUtf8()), "a token leaked into output");
    }

    void tablePrintedAsBeforeAndOneWrite()
    {
        MetadataWrites writes(metadataPath());
        QVERIFY(writes.isValid());
        const CliRunner::Run run = m_cli->run({QStringLiteral("check"), QStringLiteral("--all")});
        QCOMPARE(run.exitCode, 1); // one refusal
        QCOMPARE(writes.count(), 1);
        QCOMPARE(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), Tokens);

        const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + Tokens);
        const QStringList header =
            lines.first().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        QCOMPARE(header,
                 (QStringList{QStringLiteral("NAME"), QStringLiteral("STATUS"), QStringLiteral("USER"),
                              QStringLiteral("ROLE"), QStringLiteral("EXPIRES"), QStringLiteral("DETAILS")}));
        for (int i = 0; i < Tokens; ++i) {
            const QStringList cells =
                lines.at(1 + i).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            QCOMPARE(cells.first(), nameOf(i)); // in the order the store lists them
            if (i == 7) {
                QCOMPARE(cells.at(1), QStringLiteral("invalid"));
                continue;
            }
            QCOMPARE(cells.at(1), QStringLiteral("valid"));
            QCOMPARE(cells.at(2), QStringLiteral("alice-example"));
            QCOMPARE(cells.at(3), i == 3 ? QStringLiteral("write") : QStringLiteral("read"));
        }
    }

    void jsonPrintedAsBeforeAndOneWriteInKeychainOnlyMode()
    {
        QCOMPARE(
            m_cli->run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("keychain-only")})
                .exitCode,
            0);
        QVERIFY(!m_env->readFile(QStringLiteral("stored_tokens")).contains("hf_FAKE")); // keychain only now
        MetadataWrites writes(metadataPath());
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("check"), QStringLiteral("--all"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(writes.count(), 1);
        const QJsonArray checked = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(checked.size(), Tokens);
        for (int i = 0; i < Tokens; ++i) {
            const QJsonObject entry = checked.at(i).toObject();
            QCOMPARE(entry.value(QStringLiteral("name")).toString(), nameOf(i));
            for (const char *key : {"status", "message", "httpStatus"})
                QVERIFY2(entry.contains(QLatin1String(key)), key);
            if (i == 7) {
                QCOMPARE(entry.value(QStringLiteral("status")).toString(), QStringLiteral("invalid"));
                QCOMPARE(entry.value(QStringLiteral("httpStatus")).toInt(), 401);
                continue;
            }
            QCOMPARE(entry.value(QStringLiteral("status")).toString(), QStringLiteral("valid"));
            QCOMPARE(entry.value(QStringLiteral("httpStatus")).toInt(), 200);
            QVERIFY(entry.contains(QStringLiteral("fullname")));
            QVERIFY(entry.contains(QStringLiteral("tokenDisplayName")));
            QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("alice-example"));
        }
        // What was printed is what was remembered.
        const QJsonArray list =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array();
        QCOMPARE(list.size(), Tokens);
        for (const QJsonValue &item : list) {
            const QJsonObject entry = item.toObject();
            const bool refused = entry.value(QStringLiteral("name")).toString() == nameOf(7);
            QCOMPARE(entry.value(QStringLiteral("status")).toString(),
                     refused ? QStringLiteral("invalid") : QStringLiteral("valid"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCheckRun)
#include "tst_cli_check_run.moc"
