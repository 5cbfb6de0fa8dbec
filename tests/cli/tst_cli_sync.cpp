// Changes made by huggingface_hub (`hf auth login/logout`, OAuth refresh) are picked up by hftoken, and
// concurrent writers never lose each other's tokens.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include "core/files/StoredTokensLock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using hftm::test::CliFiles;
using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {
QJsonObject entry(const CliRunner &cli, const QString &name)
{
    const QJsonArray list =
        QJsonDocument::fromJson(cli.run({QStringLiteral("list"), QStringLiteral("--json")}).out).array();
    for (const QJsonValue &value : list) {
        if (value.toObject().value(QStringLiteral("name")).toString() == name)
            return value.toObject();
    }
    return {};
}
} // namespace

class TestCliSync : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli, CliFiles::Fixtures);
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0); // first import
    }

    void tokenAddedByHfIsImported()
    {
        QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        file.insert(file.indexOf("[laptop-read]"),
                    "[hf-added]\nhf_token = hf_FAKEaddedByHfLoginxxxxxxxxxxxxAdd1\n\n");
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        const CliRunner::Run run = m_cli->run({QStringLiteral("list")});
        QVERIFY(run.err.contains("Imported \"hf-added\""));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("hf-added")),
                 QByteArray("hf_FAKEaddedByHfLoginxxxxxxxxxxxxAdd1"));
        QCOMPARE(entry(*m_cli, QStringLiteral("hf-added")).value(QStringLiteral("storage")).toArray().size(),
                 2);
    }

    void secretRefreshedInPlaceIsAdopted()
    {
        QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        file.replace("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa",
                     "hf_oauth_FAKErefreshedCarolTokenxxxxxxxNew1");
        file.replace("expires_at = 1790000000", "expires_at = 1900000000");
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        const CliRunner::Run run = m_cli->run({QStringLiteral("list")});
        QVERIFY(run.err.contains("Adopted the new secret of \"oauth-carol-example\""));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("oauth-carol-example")),
                 QByteArray("hf_oauth_FAKErefreshedCarolTokenxxxxxxxNew1"));
        QCOMPARE(
            entry(*m_cli, QStringLiteral("oauth-carol-example")).value(QStringLiteral("expires")).toString(),
            QStringLiteral("2030-03-17T17:46:40Z"));
    }

    void tokenRemovedByHfIsFlaggedNotDeleted()
    {
        QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        file.replace("[laptop-read]\nhf_token = hf_FAKElaptopReadTokenForTestsOnlLrdA\n\n", "");
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        const CliRunner::Run run = m_cli->run({QStringLiteral("list")});
        QVERIFY(run.err.contains("\"laptop-read\" was removed from"));
        const QJsonObject laptop = entry(*m_cli, QStringLiteral("laptop-read"));
        QCOMPARE(laptop.value(QStringLiteral("missingFromFiles")).toBool(), true);
        QCOMPARE(laptop.value(QStringLiteral("storage")).toArray(), QJsonArray({QStringLiteral("keychain")}));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("laptop-read")),
                 QByteArray("hf_FAKElaptopReadTokenForTestsOnlLrdA"));
        // Switching to it still works: the keychain has the secret.
        QCOMPARE(m_cli->run({QStringLiteral("switch"), QStringLiteral("laptop-read")}).exitCode, 0);
        QCOMPARE(m_env->readFile(QStringLiteral("token")),
                 QByteArray("hf_FAKElaptopReadTokenForTestsOnlLrdA"));
    }

    void logoutOfEverythingByHfKeepsTheKeychainCopies()
    {
        QFile::remove(m_env->paths().storedTokensPath);
        QFile::remove(m_env->paths().tokenPath);
        m_cli->run({QStringLiteral("list")});
        const QJsonObject ci = entry(*m_cli, QStringLiteral("ci-write"));
        QCOMPARE(ci.value(QStringLiteral("missingFromFiles")).toBool(), true);
        QCOMPARE(ci.value(QStringLiteral("active")).toBool(), false);
    }

    void unparseableFileIsNeverRewritten_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("lineHint");
        QTest::newRow("duplicate section")
            << QByteArray("[a]\nhf_token = hf_1\n\n[a]\nhf_token = hf_2\n") << QByteArray("line 4");
        QTest::newRow("junk line") << QByteArray("[a]\nhf_token = hf_1\nthis is junk\n")
                                   << QByteArray("line 3");
        QTest::newRow("byte-order mark")
            << QByteArray("\xef\xbb\xbf[a]\nhf_token = hf_1\n") << QByteArray("line 1");
    }

    void unparseableFileIsNeverRewritten()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, lineHint);
        m_env->writeFile(QStringLiteral("stored_tokens"), bytes);
        CliRunner::Run run = m_cli->run({QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("stored_tokens") && run.err.contains(lineHint), run.err.constData());
        run = m_cli->run({QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--no-validate")},
                         "hf_FAKEwouldBeLostxxxxxxxxxxxxxxxxLost");
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(m_cli->run({QStringLiteral("remove"), QStringLiteral("ci-write")}).exitCode, 1);
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), bytes);
    }

    void concurrentAddsLoseNothing()
    {
        constexpr int Writers = 8;
        QList<QProcess *> processes;
        for (int i = 0; i < Writers; ++i) {
            const QByteArray secret =
                QByteArray("hf_FAKEconcurrentWriterxxxxxxxxxxxxW") + QByteArray::number(i);
            processes << m_cli->start(
                {QStringLiteral("add"), QStringLiteral("writer-%1").arg(i), QStringLiteral("--no-validate")},
                secret, this);
        }
        for (QProcess *process : processes) {
            QVERIFY(process->waitForFinished(120000));
            QCOMPARE(process->exitCode(), 0);
        }
        const QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        for (int i = 0; i < Writers; ++i)
            QVERIFY2(file.contains(QStringLiteral("[writer-%1]").arg(i).toUtf8()),
                     qPrintable(QString::number(i)));
        QVERIFY(file.contains(
            "[oauth-carol-example]\nhf_token = hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa\n"
            "refresh_token = FAKE-refresh-token-carol-example-0001\nexpires_at = 1790000000\n"));
    }

    void writerHoldingTheLockIsWaitedFor()
    {
        // huggingface_hub's OAuth refresh holds stored_tokens.lock; an add started meanwhile waits, then
        // re-reads, so the refreshed secret written under the lock survives.
        auto lock = hftm::StoredTokensLock::acquire(m_env->paths().lockPath, 1000);
        QVERIFY(lock.ok());
        QProcess *adder =
            m_cli->start({QStringLiteral("add"), QStringLiteral("late"), QStringLiteral("--no-validate")},
                         "hf_FAKEaddedWhileLockedxxxxxxxxxxxLate", this);
        QVERIFY(adder->waitForStarted());
        QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        file.replace("hf_FAKElaptopReadTokenForTestsOnlLrdA", "hf_FAKErefreshedUnderTheLockxxxxxxRfsh");
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        QVERIFY(
            !adder->waitForFinished(300)); // still waiting for the lock (bounded check, not a timing goal)
        lock.value().release();
        QVERIFY(adder->waitForFinished(60000));
        QCOMPARE(adder->exitCode(), 0);
        const QByteArray after = m_env->readFile(QStringLiteral("stored_tokens"));
        QVERIFY(after.contains("hf_FAKErefreshedUnderTheLockxxxxxxRfsh"));
        QVERIFY(after.contains("[late]\nhf_token = hf_FAKEaddedWhileLockedxxxxxxxxxxxLate\n"));
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_cli_sync.moc"
