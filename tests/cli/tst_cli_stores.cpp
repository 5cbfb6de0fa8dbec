// One token store per stored_tokens path: two HF_HOMEs (or two HF_TOKEN_PATHs) with a token of the same
// name never touch each other's secrets, files or settings; what an earlier version kept for all stores
// at once is taken over without loss. Also: replacing the active token's secret, restoring what
// `hf auth logout` removed, a symlinked `token`, and keychain items a crash left behind.
#include "support/CliRunner.h"
#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/StoreIdentity.h"
#include "core/files/TokenText.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretServiceStore.h"
#include "core/store/MetadataFile.h"
#include "core/store/TokenStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace hftm;
using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::readBytes;
using hftm::test::ScratchEnvironment;
using hftm::test::writeBytes;

namespace {

const QByteArray SecretA = "hf_FAKEstoreAtrainTokenForTestsOnlyAAA";
const QByteArray SecretB = "hf_FAKEstoreBtrainTokenForTestsOnlyBBB";

QByteArray section(const QByteArray &name, const QByteArray &secret)
{
    return "[" + name + "]\nhf_token = " + secret + "\n\n";
}

QJsonObject statusJson(const CliRunner &cli)
{
    return QJsonDocument::fromJson(cli.run({QStringLiteral("status"), QStringLiteral("--json")}).out)
        .object();
}

QStringList listedNames(const CliRunner &cli)
{
    QStringList names;
    const QJsonArray list =
        QJsonDocument::fromJson(cli.run({QStringLiteral("list"), QStringLiteral("--json")}).out).array();
    for (const QJsonValue &value : list)
        names << value.toObject().value(QStringLiteral("name")).toString();
    return names;
}

} // namespace

class TestCliStores : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;

    // Points the environment at store "a" or "b", the way a user switches HF_HOME in a shell.
    void useStore(const QString &variable, const QString &which)
    {
        const QString folder = m_env->root() + QStringLiteral("/homes/") + which;
        m_env->set(variable,
                   variable == QLatin1String("HF_TOKEN_PATH") ? folder + QStringLiteral("/token") : folder);
    }
    // `get` is the one command that prints a secret: it runs outside the transcript the leak check reads.
    QByteArray get(const QString &name) const
    {
        return CliRunner(*m_env).run({QStringLiteral("get"), name}).out.trimmed();
    }
    QString storeFile(const QString &which, const QString &name) const
    {
        return m_env->root() + QStringLiteral("/homes/") + which + QLatin1Char('/') + name;
    }

private slots:
    void init() { freshCliWorld(m_env, m_cli); }

    void cleanup()
    {
        const QByteArray transcript = m_cli->transcript();
        QVERIFY2(!transcript.contains(SecretA) && !transcript.contains(SecretB),
                 "a secret reached the output");
    }

    void twoStoresWithTheSameName_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::newRow("two HF_HOMEs") << QStringLiteral("HF_HOME");
        QTest::newRow("two HF_TOKEN_PATHs") << QStringLiteral("HF_TOKEN_PATH");
    }

    void twoStoresWithTheSameName()
    {
        QFETCH(QString, variable);
        for (const auto &[which, secret] :
             {std::pair{QStringLiteral("a"), SecretA}, std::pair{QStringLiteral("b"), SecretB}}) {
            writeBytes(storeFile(which, QStringLiteral("stored_tokens")), section("train", secret));
            writeBytes(storeFile(which, QStringLiteral("token")), secret);
        }
        const QByteArray fileB = readBytes(storeFile(QStringLiteral("b"), QStringLiteral("stored_tokens")));

        // Back and forth, as a user with two shells would: nobody adopts, flags or imports the other's.
        for (int round = 0; round < 2; ++round) {
            for (const QString &which : {QStringLiteral("a"), QStringLiteral("b")}) {
                useStore(variable, which);
                const CliRunner::Run run = m_cli->run({QStringLiteral("list")});
                QCOMPARE(run.exitCode, 0);
                QVERIFY2(!run.err.contains("Adopted") && !run.err.contains("removed from"),
                         run.err.constData());
                QVERIFY2(round == 0 || !run.err.contains("Imported"), run.err.constData());
            }
        }
        useStore(variable, QStringLiteral("a"));
        QCOMPARE(get(QStringLiteral("train")), SecretA);
        useStore(variable, QStringLiteral("b"));
        QCOMPARE(get(QStringLiteral("train")), SecretB);

        // Keychain-only in store a moves a's secret out of a's file, and never touches b.
        useStore(variable, QStringLiteral("a"));
        QCOMPARE(
            m_cli->run({QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("keychain-only")})
                .exitCode,
            0);
        QVERIFY(
            !readBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens"))).contains(SecretA));
        QCOMPARE(readBytes(storeFile(QStringLiteral("b"), QStringLiteral("stored_tokens"))), fileB);
        QCOMPARE(get(QStringLiteral("train")), SecretA);
        useStore(variable, QStringLiteral("b"));
        QCOMPARE(statusJson(*m_cli).value(QStringLiteral("storage")).toString(),
                 QStringLiteral("keychain-and-files"));
        QCOMPARE(get(QStringLiteral("train")), SecretB);
        QCOMPARE(readBytes(storeFile(QStringLiteral("b"), QStringLiteral("stored_tokens"))), fileB);

        // And back: a's secret returns to a's file; both secrets survived everything.
        useStore(variable, QStringLiteral("a"));
        QCOMPARE(m_cli
                     ->run({QStringLiteral("config"), QStringLiteral("storage"),
                            QStringLiteral("keychain-and-files")})
                     .exitCode,
                 0);
        QVERIFY(readBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens"))).contains(SecretA));
        const StoreIdentity a = StoreIdentity::of(HfPaths::fromEnvironment(m_env->environment()));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("train"), a.storedTokensPath), SecretA);
        useStore(variable, QStringLiteral("b"));
        const StoreIdentity b = StoreIdentity::of(HfPaths::fromEnvironment(m_env->environment()));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("train"), b.storedTokensPath), SecretB);
        QVERIFY(a.id != b.id);
    }

    // An earlier version kept one tokens.json for every store and keychain items keyed by name alone.
    void earlierVersionIsTakenOverWithoutLoss()
    {
        const QByteArray keychainOnly = "hf_FAKEkeychainOnlyTokenForTestsOnlyKC";
        const QByteArray otherStore = "hf_FAKEotherStoreTokenForTestsOnlyOTHR";
        writeBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens")),
                   section("train", SecretA));
        writeBytes(storeFile(QStringLiteral("b"), QStringLiteral("stored_tokens")),
                   section("other", otherStore));

        const QString legacyDir = m_env->root() + QStringLiteral("/config/hf-token-manager");
        const Result<MetadataFile::Content> legacy =
            MetadataFile(legacyDir).update([&](MetadataFile::Content &c) {
                c.settings.expiryWarningDays = 3;
                auto entry = [&](const QString &name, const QByteArray &secret, bool inFiles) {
                    TokenMetadata &m = c.tokens[name];
                    m.fingerprint = TokenText::fingerprint(QString::fromLatin1(secret));
                    m.masked = TokenText::mask(QString::fromLatin1(secret));
                    m.inKeychain = true;
                    m.inFiles = inFiles;
                };
                entry(QStringLiteral("train"), SecretA, true);
                entry(QStringLiteral("kc-only"), keychainOnly, false);
                entry(QStringLiteral("other"), otherStore, true);
                return true;
            });
        QVERIFY(legacy.ok());
        KeychainSecretStore oldKeychain(QString::fromLatin1(LegacyKeychainItems::ServiceName));
        QVERIFY(!oldKeychain.write(QStringLiteral("train"), QString::fromLatin1(SecretA)));
        QVERIFY(!oldKeychain.write(QStringLiteral("kc-only"), QString::fromLatin1(keychainOnly)));
        QVERIFY(!oldKeychain.write(QStringLiteral("other"), QString::fromLatin1(otherStore)));

        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        const CliRunner::Run first = m_cli->run({QStringLiteral("list")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.contains("Took over 2 token"), first.err.constData());
        QVERIFY2(first.err.contains("Kept the keychain item “other”"), first.err.constData());
        QCOMPARE(listedNames(*m_cli), (QStringList{QStringLiteral("kc-only"), QStringLiteral("train")}));
        const StoreIdentity a = StoreIdentity::of(HfPaths::fromEnvironment(m_env->environment()));
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("train"), a.storedTokensPath), SecretA);
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("kc-only"), a.storedTokensPath), keychainOnly);
        QCOMPARE(get(QStringLiteral("kc-only")), keychainOnly);
        // Moved items left the old namespace; the one that is not a's stayed, and status says so.
        QCOMPARE(oldKeychain.read(QStringLiteral("train")).error().code, ErrorCode::NotFound);
        QCOMPARE(oldKeychain.read(QStringLiteral("kc-only")).error().code, ErrorCode::NotFound);
        QCOMPARE(oldKeychain.read(QStringLiteral("other")).value(), QString::fromLatin1(otherStore));
        QCOMPARE(statusJson(*m_cli).value(QStringLiteral("legacyKeychainItems")).toArray(),
                 QJsonArray{QStringLiteral("other")});
        QCOMPARE(MetadataFile(m_env->configDir()).load()->settings.expiryWarningDays, 3);
        QVERIFY2(!m_cli->run({QStringLiteral("list")}).err.contains("Took over"), "migrated twice");
        // The old global file is left as it was: another HF_HOME takes its part from it later.
        QVERIFY(QFileInfo::exists(legacyDir + QStringLiteral("/tokens.json")));

        useStore(QStringLiteral("HF_HOME"), QStringLiteral("b"));
        QCOMPARE(listedNames(*m_cli), QStringList{QStringLiteral("other")});
        QCOMPARE(get(QStringLiteral("other")), otherStore);
        QCOMPARE(oldKeychain.read(QStringLiteral("other")).error().code, ErrorCode::NotFound);
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        QVERIFY(statusJson(*m_cli).value(QStringLiteral("legacyKeychainItems")).toArray().isEmpty());
    }

    // An old item whose secret is not the one this store has under that name belongs to someone else.
    void ambiguousOldItemIsKept()
    {
        writeBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens")),
                   section("train", SecretA));
        const QString legacyDir = m_env->root() + QStringLiteral("/config/hf-token-manager");
        QVERIFY(MetadataFile(legacyDir)
                    .update([&](MetadataFile::Content &c) {
                        TokenMetadata &m = c.tokens[QStringLiteral("train")];
                        m.fingerprint = TokenText::fingerprint(QString::fromLatin1(SecretA));
                        m.inKeychain = m.inFiles = true;
                        return true;
                    })
                    .ok());
        KeychainSecretStore oldKeychain(QString::fromLatin1(LegacyKeychainItems::ServiceName));
        QVERIFY(!oldKeychain.write(QStringLiteral("train"), QString::fromLatin1(SecretB))); // b's secret won
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0);
        QCOMPARE(get(QStringLiteral("train")), SecretA);
        QCOMPARE(oldKeychain.read(QStringLiteral("train")).value(), QString::fromLatin1(SecretB));
    }

    void replacingTheActiveSecretKeepsItActive()
    {
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("work"), QStringLiteral("--no-validate"),
                            QStringLiteral("--activate")},
                           SecretA)
                     .exitCode,
                 0);
        QCOMPARE(readBytes(storeFile(QStringLiteral("a"), QStringLiteral("token"))), SecretA);
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("work"), QStringLiteral("--no-validate"),
                            QStringLiteral("--force")},
                           SecretB)
                     .exitCode,
                 0);
        QCOMPARE(readBytes(storeFile(QStringLiteral("a"), QStringLiteral("token"))), SecretB);
        QCOMPARE(statusJson(*m_cli)
                     .value(QStringLiteral("active"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("work"));
        // Replacing a token that is not active leaves `token` alone.
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("spare"), QStringLiteral("--no-validate")},
                           "hf_FAKEspareTokenForTestsOnlyxxxxxSPR1")
                     .exitCode,
                 0);
        QCOMPARE(m_cli
                     ->run({QStringLiteral("add"), QStringLiteral("spare"), QStringLiteral("--no-validate"),
                            QStringLiteral("--force")},
                           "hf_FAKEspareTokenForTestsOnlyxxxxxSPR2")
                     .exitCode,
                 0);
        QCOMPARE(readBytes(storeFile(QStringLiteral("a"), QStringLiteral("token"))), SecretB);
    }

    void restoreAfterHfLogout()
    {
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        const QString file = storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens"));
        writeBytes(file, section("kept", SecretA) + section("train", SecretB));
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0);
        writeBytes(file, section("train", SecretB)); // what `hf auth logout --token-name kept` leaves
        const CliRunner::Run flagged = m_cli->run({QStringLiteral("list")});
        QVERIFY2(flagged.err.contains("hftoken restore kept"), flagged.err.constData());
        const CliRunner::Run restored = m_cli->run({QStringLiteral("restore"), QStringLiteral("kept")});
        QCOMPARE(restored.exitCode, 0);
        QCOMPARE(readBytes(file), section("kept", SecretA) + section("train", SecretB));
        QVERIFY(!m_cli->run({QStringLiteral("list")}).err.contains("removed from"));
        // Nothing to restore: said in words, exit 1, file untouched.
        const CliRunner::Run again = m_cli->run({QStringLiteral("restore"), QStringLiteral("train")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("nothing to restore"));
        QCOMPARE(readBytes(file), section("kept", SecretA) + section("train", SecretB));
    }

    void symlinkedTokenIsReportedAsPythonSeesIt()
    {
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        writeBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens")),
                   section("train", SecretA) + section("zeta", SecretB));
        const QString target = m_env->root() + QStringLiteral("/dotfiles/hf-token");
        writeBytes(target, SecretA);
        QVERIFY(QFile::link(target, storeFile(QStringLiteral("a"), QStringLiteral("token"))));
        const QJsonObject active = statusJson(*m_cli).value(QStringLiteral("active")).toObject();
        QCOMPARE(active.value(QStringLiteral("name")).toString(), QStringLiteral("train"));
        QCOMPARE(active.value(QStringLiteral("tokenFileIsLink")).toBool(), true);
        QVERIFY(m_cli->run({QStringLiteral("status")}).out.contains("symbolic link"));
        // Still never written through.
        QCOMPARE(m_cli->run({QStringLiteral("switch"), QStringLiteral("zeta")}).exitCode, 1);
        QCOMPARE(readBytes(target), SecretA);
    }

    void orphanedItemsAreOfferedForCleanup()
    {
        useStore(QStringLiteral("HF_HOME"), QStringLiteral("a"));
        writeBytes(storeFile(QStringLiteral("a"), QStringLiteral("stored_tokens")),
                   section("train", SecretA));
        QCOMPARE(m_cli->run({QStringLiteral("list")}).exitCode, 0);
        // A crash between the keychain write and the file write leaves an item no token knows.
        SecretServiceStore keychain(StoreIdentity::of(HfPaths::fromEnvironment(m_env->environment())));
        QVERIFY(!keychain.write(QStringLiteral("crashed"),
                                QStringLiteral("hf_FAKEcrashedHalfwayxxxxxxxxxxxxxxx")));
        QCOMPARE(statusJson(*m_cli).value(QStringLiteral("orphanedKeychainItems")).toArray(),
                 QJsonArray{QStringLiteral("crashed")});
        QVERIFY(m_cli->run({QStringLiteral("status")}).out.contains("hftoken cleanup"));
        const CliRunner::Run cleaned = m_cli->run({QStringLiteral("cleanup")});
        QCOMPARE(cleaned.exitCode, 0);
        QVERIFY(cleaned.err.contains("crashed"));
        QCOMPARE(keychain.read(QStringLiteral("crashed")).error().code, ErrorCode::NotFound);
        QCOMPARE(keychain.read(QStringLiteral("train")).value(), QString::fromLatin1(SecretA));
        QVERIFY(statusJson(*m_cli).value(QStringLiteral("orphanedKeychainItems")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliStores)
#include "tst_cli_stores.moc"
