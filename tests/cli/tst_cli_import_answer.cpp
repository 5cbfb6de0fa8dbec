// `hftoken` answers while the keychain copies of what `hf` just added are still being written: `get`
// prints from stored_tokens at once and exits only once the copies are in the real keychain; `list` and
// edits wait for the copies first. The ordering is proven without timing: the test stops the private
// gnome-keyring (SIGSTOP) before the command starts, so no keychain request can be answered until the
// test lets it go on — an answer that arrives meanwhile did not wait for the keychain.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include "core/files/StoreIdentity.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"
#include "core/store/MetadataFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace hftm;
using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {

constexpr int Tokens = 200;

QString nameOf(int i)
{
    return QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0'));
}

QByteArray secretOf(int i, const QByteArray &tag = "Init")
{
    return "hf_FAKEimportAnswer" + tag + QByteArray::number(i).rightJustified(3, '0') + "TestsOnlyXX";
}

// stored_tokens as `hf auth login` leaves it after adding `count` tokens.
QByteArray storedTokens(int count, const QByteArray &tag = "Init")
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i)
        bytes += "[" + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i, tag) + "\n\n";
    return bytes;
}

// The private gnome-keyring of this test's D-Bus session, held still while a command runs. Always let go.
class FrozenKeyring {
public:
    FrozenKeyring()
    {
        QProcess gdbus;
        gdbus.start(QStringLiteral("gdbus"),
                    {QStringLiteral("call"), QStringLiteral("--session"), QStringLiteral("--dest"),
                     QStringLiteral("org.freedesktop.DBus"), QStringLiteral("--object-path"),
                     QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("--method"),
                     QStringLiteral("org.freedesktop.DBus.GetConnectionUnixProcessID"),
                     QStringLiteral("org.freedesktop.secrets")});
        gdbus.waitForFinished(20000);
        // "(uint32 12345,)"
        const QByteArray reply = gdbus.readAllStandardOutput();
        const qsizetype at = reply.indexOf("uint32 ");
        if (at >= 0)
            m_pid = reply.mid(at + 7).split(',').value(0).trimmed().toInt();
        if (m_pid > 0 && ::kill(m_pid, SIGSTOP) != 0)
            m_pid = 0;
    }
    ~FrozenKeyring() { thaw(); }
    bool isFrozen() const { return m_pid > 0; }
    void thaw()
    {
        if (m_pid > 0)
            ::kill(m_pid, SIGCONT);
        m_pid = 0;
    }

private:
    pid_t m_pid = 0;
};

int inKeychainCount(const QString &configDir)
{
    const Result<MetadataFile::Content> content = MetadataFile(configDir).load();
    int n = 0;
    if (content) {
        for (const TokenMetadata &entry : content->tokens)
            n += entry.inKeychain ? 1 : 0;
    }
    return n;
}

} // namespace

class TestCliImportAnswer : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;

    // What the real keychain holds for this store, read in one bulk request.
    QHash<QString, Result<QString>> keychain(const QStringList &names)
    {
        SecretServiceStore store(StoreIdentity::of(m_env->paths(), m_env->environment()));
        SecretJob *job = store.readMany(names);
        QSignalSpy finished(job, &SecretJob::finished);
        QHash<QString, Result<QString>> results;
        connect(job, &SecretJob::finished, this, [&results](SecretJob *done) { results = done->results(); });
        if (!finished.wait(60000))
            qWarning("the keychain did not answer");
        return results;
    }

    QStringList allNames() const
    {
        QStringList names;
        for (int i = 0; i < Tokens; ++i)
            names << nameOf(i);
        return names;
    }

    void verifyAllInKeychain(const QByteArray &tag = "Init")
    {
        const QHash<QString, Result<QString>> held = keychain(allNames());
        for (int i = 0; i < Tokens; ++i) {
            const Result<QString> value = held.value(nameOf(i), makeError(ErrorCode::NotFound, QString()));
            QVERIFY2(value, qPrintable(nameOf(i)));
            QCOMPARE(value->toUtf8(), secretOf(i, tag));
        }
    }

    // Reads what the process prints until stdout holds as many bytes as `expected` (or it exited, or
    // the deadline passed), while the keychain stays stopped.
    void readAnswer(QProcess *process, const QByteArray &expected, QByteArray *out)
    {
        QTRY_VERIFY_WITH_TIMEOUT((*out += process->readAllStandardOutput()).size() >= expected.size() ||
                                     process->state() == QProcess::NotRunning,
                                 15000);
        *out += process->readAllStandardOutput();
    }

private slots:
    void init() { freshCliWorld(m_env, m_cli); }

    void getAnswersFromTheFileBeforeTheCopiesAreWritten()
    {
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens(Tokens));
        FrozenKeyring frozen;
        QVERIFY(frozen.isFrozen());
        std::unique_ptr<QProcess> get(m_cli->start({QStringLiteral("get"), nameOf(123)}, {}, nullptr));
        const QByteArray expected = secretOf(123) + "\n";
        QByteArray out;
        readAnswer(get.get(), expected, &out);
        if (QTest::currentTestFailed())
            return;
        // The whole answer, while the keychain could not have written a single copy...
        QCOMPARE(out, expected);
        QCOMPARE(inKeychainCount(m_env->configDir()), 0);
        // ...and the process waits for the copies before it exits.
        QCOMPARE(get->state(), QProcess::Running);
        frozen.thaw();
        QTRY_COMPARE_WITH_TIMEOUT(get->state(), QProcess::NotRunning, 60000);
        QCOMPARE(get->exitCode(), 0);
        const QByteArray err = get->readAllStandardError();
        QVERIFY2(!err.contains("hf_FAKE"), err.constData());
        // Every copy was written before it exited, and the next command sees them there.
        QCOMPARE(inKeychainCount(m_env->configDir()), Tokens);
        verifyAllInKeychain();
        const QJsonArray list =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array();
        QCOMPARE(list.size(), Tokens);
        for (const QJsonValue &entry : list)
            QVERIFY(entry.toObject()
                        .value(QStringLiteral("storage"))
                        .toArray()
                        .contains(QStringLiteral("keychain")));
    }

    void firstListShowsEveryCopyInTheKeychain()
    {
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens(Tokens));
        const CliRunner::Run run = m_cli->run({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(list.size(), Tokens);
        for (const QJsonValue &entry : list)
            QCOMPARE(entry.toObject().value(QStringLiteral("storage")).toArray(),
                     QJsonArray({QStringLiteral("keychain"), QStringLiteral("stored_tokens")}));
        verifyAllInKeychain();
    }

    void getOfASecretRefreshedInPlaceAnswersTheNewOne()
    {
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens(3));
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0); // the old secrets in the keychain
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens(3, "Next"));
        FrozenKeyring frozen;
        QVERIFY(frozen.isFrozen());
        std::unique_ptr<QProcess> get(m_cli->start({QStringLiteral("get"), nameOf(1)}, {}, nullptr));
        const QByteArray expected = secretOf(1, "Next") + "\n";
        QByteArray out;
        readAnswer(get.get(), expected, &out);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(out, expected); // not the keychain's older copy
        frozen.thaw();
        QTRY_COMPARE_WITH_TIMEOUT(get->state(), QProcess::NotRunning, 60000);
        QCOMPARE(get->exitCode(), 0);
        QCOMPARE(CliRunner::keychainLookup(nameOf(1), m_env->paths().storedTokensPath), secretOf(1, "Next"));
    }

    void failedCopyIsANoteAndTheSectionStays()
    {
        QCOMPARE(
            m_cli->run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("keychain-only")})
                .exitCode,
            0);
        const QByteArray file = storedTokens(3);
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        m_env->set(QStringLiteral("HFTM_KEYCHAIN_TIMEOUT_MS"), QStringLiteral("1000"));
        {
            FrozenKeyring frozen; // no copy can be written: each times out
            QVERIFY(frozen.isFrozen());
            const CliRunner::Run run = m_cli->run({QStringLiteral("get"), nameOf(2)});
            QCOMPARE(run.out, secretOf(2) + "\n");
            QCOMPARE(run.exitCode, 0); // get's own answer: the copy is a note
            QVERIFY2(run.err.contains("Could not copy"), run.err.constData());
            QVERIFY2(!run.err.contains("hf_FAKE"), run.err.constData());
            // Keychain-only, but nothing was copied: every section stays in stored_tokens.
            QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), file);
        }
        m_env->unset(QStringLiteral("HFTM_KEYCHAIN_TIMEOUT_MS"));
        // With the keychain back, the next command copies them and they leave the file.
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0);
        QVERIFY(!m_env->readFile(QStringLiteral("stored_tokens")).contains("hf_FAKE"));
        QCOMPARE(CliRunner::keychainLookup(nameOf(2), m_env->paths().storedTokensPath), secretOf(2));
    }

    void renameWaitsForTheCopiesAndLeavesNoOrphan()
    {
        m_env->writeFile(QStringLiteral("stored_tokens"), storedTokens(Tokens));
        const CliRunner::Run run =
            m_cli->run({QStringLiteral("rename"), nameOf(7), QStringLiteral("renamed")});
        QCOMPARE(run.exitCode, 0);
        const QString store = m_env->paths().storedTokensPath;
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("renamed"), store), secretOf(7));
        QCOMPARE(CliRunner::keychainLookup(nameOf(7), store), QByteArray());
        const QJsonObject status =
            QJsonDocument::fromJson(m_cli->run({QStringLiteral("status"), QStringLiteral("--json")}).out)
                .object();
        QCOMPARE(status.value(QStringLiteral("orphanedKeychainItems")).toArray(), QJsonArray());
        const QByteArray file = m_env->readFile(QStringLiteral("stored_tokens"));
        QVERIFY(file.contains("[renamed]") && !file.contains("[" + nameOf(7).toUtf8() + "]"));
        QCOMPARE(inKeychainCount(m_env->configDir()), Tokens);
    }

    void cleanupTestCase() { CliRunner::keychainClear(); }
};

QTEST_GUILESS_MAIN(TestCliImportAnswer)
#include "tst_cli_import_answer.moc"
