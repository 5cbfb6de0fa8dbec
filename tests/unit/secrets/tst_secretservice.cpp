// SecretServiceStore against a real gnome-keyring (run by tests/with-keyring.sh): one namespace per
// token store, attributes and labels that other keychain tools show, nothing left behind.
#include "SecretsTestSupport.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretServiceStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {

// secret-tool talks to the Secret Service itself: what it prints is really in gnome-keyring.
QString secretTool(const QStringList &arguments)
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels); // it prints attributes on stderr
    tool.start(QStringLiteral("secret-tool"), arguments);
    tool.closeWriteChannel();
    if (!tool.waitForFinished(20000))
        return {};
    return QString::fromUtf8(tool.readAllStandardOutput());
}

// Everything secret-tool shows for the items of one store, without the secrets.
QStringList describedItems(const QString &storePath)
{
    const QString out =
        secretTool({QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("application"),
                    QStringLiteral("hf-token-manager"), QStringLiteral("store"), storePath});
    QStringList lines;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("label")) || line.startsWith(QLatin1String("attribute.")))
            lines << line;
    }
    return lines;
}

} // namespace

class SecretServiceTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("HFTM_KEYRING_SCRATCH"),
                 "run this test through tests/with-keyring.sh");
        QVERIFY(m_dir.isValid());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::newRow("plain") << QStringLiteral("work")
                               << QStringLiteral("hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        QTest::newRow("spaces") << QStringLiteral("my laptop token") << QStringLiteral("hf_spaces0123456789");
        QTest::newRow("unicode name")
            << QStringLiteral("Käse 東京 🤗") << QStringLiteral("hf_unicodeName0123");
        QTest::newRow("punctuation") << QStringLiteral("a/b:c=d;e'f\"g") << QStringLiteral("hf_punct");
        QTest::newRow("long") << QStringLiteral("long") << QString(4096, QLatin1Char('x'));
    }

    void roundTrip()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("a")));
        const Error written = store.write(key, secret);
        QVERIFY2(!written, qPrintable(written.message));
        QCOMPARE(store.read(key).value(), secret);
        QVERIFY(!store.remove(key));
        QCOMPARE(store.read(key).error().code, ErrorCode::NotFound);
    }

    // The bug this store exists for: two HF_HOMEs with a token of the same name.
    void twoStoresKeepTheirOwnSecrets()
    {
        SecretServiceStore a(secretstest::storeIn(m_dir, QStringLiteral("a")));
        SecretServiceStore b(secretstest::storeIn(m_dir, QStringLiteral("b")));
        QVERIFY(!a.write(QStringLiteral("train"), QStringLiteral("hf_secretOfStoreA")));
        QVERIFY(!b.write(QStringLiteral("train"), QStringLiteral("hf_secretOfStoreB")));
        QCOMPARE(a.read(QStringLiteral("train")).value(), QStringLiteral("hf_secretOfStoreA"));
        QCOMPARE(b.read(QStringLiteral("train")).value(), QStringLiteral("hf_secretOfStoreB"));
        QCOMPARE(a.storedKeys().value(), QStringList{QStringLiteral("train")});
        QVERIFY(!a.remove(QStringLiteral("train")));
        QCOMPARE(b.read(QStringLiteral("train")).value(), QStringLiteral("hf_secretOfStoreB"));
        QVERIFY(a.storedKeys().value().isEmpty());
        QVERIFY(!b.remove(QStringLiteral("train")));
    }

    void itemsSayWhichStoreAndToken()
    {
        const StoreIdentity identity = secretstest::storeIn(m_dir, QStringLiteral("home/.cache/huggingface"));
        SecretServiceStore store(identity);
        QVERIFY(!store.write(QStringLiteral("train"), QStringLiteral("hf_labelled")));
        QVERIFY(!store.write(QStringLiteral("train"), QStringLiteral("hf_labelledAgain")));
        const QStringList lines = describedItems(identity.storedTokensPath);
        // One item (an overwrite replaces), named for people, with the store and token as attributes.
        QCOMPARE(
            lines.filter(QStringLiteral("label = ")),
            QStringList{QStringLiteral("label = Hugging Face token \"train\" (~/home/.cache/huggingface)")});
        QVERIFY(lines.contains(QStringLiteral("attribute.token = train")));
        QVERIFY(lines.contains(QStringLiteral("attribute.store = ") + identity.storedTokensPath));
        QVERIFY(lines.contains(QStringLiteral("attribute.application = hf-token-manager")));
        QVERIFY(!store.remove(QStringLiteral("train")));
        QVERIFY(describedItems(identity.storedTokensPath).isEmpty());
    }

    void probeLeavesNothing()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("a")));
        const Error error = store.probe();
        QVERIFY2(!error, qPrintable(error.message));
        const QString left = secretTool({QStringLiteral("search"), QStringLiteral("--all"),
                                         QStringLiteral("application"), QStringLiteral("hf-token-manager")});
        QVERIFY2(!left.contains(QStringLiteral("attribute.probe")), qPrintable(left));
    }

    void readMissingIsNotFoundAndRemoveMissingSucceeds()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("a")));
        QCOMPARE(store.read(QStringLiteral("never-written")).error().code, ErrorCode::NotFound);
        QVERIFY(!store.remove(QStringLiteral("never-written")));
        QCOMPARE(store.write(QString(), QStringLiteral("hf_x")).code, ErrorCode::InvalidInput);
    }

    // What versions before per-store namespaces wrote, through QtKeychain: found, read, removed one by one.
    void legacyItemsAreListedAndRemoved()
    {
        KeychainSecretStore old(QString::fromLatin1(LegacyKeychainItems::ServiceName));
        QVERIFY(!old.write(QStringLiteral("old-one"), QStringLiteral("hf_legacyOne")));
        QVERIFY(!old.write(QStringLiteral("old-two"), QStringLiteral("hf_legacyTwo")));
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("a")));
        const auto items = store.legacyItems()->list(true);
        QVERIFY2(items.ok(), qPrintable(items.error().message));
        QCOMPARE(items->size(), 2);
        QStringList seen;
        for (const auto &item : *items)
            seen << item.name + QLatin1Char('=') + item.secret;
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("old-one=hf_legacyOne"),
                                    QStringLiteral("old-two=hf_legacyTwo")}));
        QVERIFY(!store.legacyItems()->remove(QStringLiteral("old-one")));
        QCOMPARE(old.read(QStringLiteral("old-one")).error().code, ErrorCode::NotFound);
        QCOMPARE(old.read(QStringLiteral("old-two")).value(), QStringLiteral("hf_legacyTwo"));
        QCOMPARE(store.legacyItems()->list(false).value().size(), 1);
        QVERIFY(!old.remove(QStringLiteral("old-two")));
        // Our own items are never mistaken for legacy ones, nor the other way round.
        QVERIFY(!store.write(QStringLiteral("new"), QStringLiteral("hf_new")));
        QVERIFY(store.legacyItems()->list(false).value().isEmpty());
        QCOMPARE(old.read(QStringLiteral("new")).error().code, ErrorCode::NotFound);
        QVERIFY(!store.remove(QStringLiteral("new")));
    }

    void identityIsCanonical()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("real/hf")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("real")), dir.filePath(QStringLiteral("link"))));
        HfPaths viaLink;
        viaLink.storedTokensPath = dir.filePath(QStringLiteral("link/hf/stored_tokens"));
        HfPaths direct;
        direct.storedTokensPath = dir.filePath(QStringLiteral("real/./hf/stored_tokens"));
        HfPaths notYet;
        notYet.storedTokensPath = dir.filePath(QStringLiteral("link/missing/stored_tokens"));
        QCOMPARE(StoreIdentity::of(viaLink).id, StoreIdentity::of(direct).id);
        QCOMPARE(StoreIdentity::of(viaLink).storedTokensPath,
                 QFileInfo(dir.filePath(QStringLiteral("real/hf"))).canonicalFilePath() +
                     QStringLiteral("/stored_tokens"));
        QCOMPARE(StoreIdentity::of(notYet).storedTokensPath,
                 QFileInfo(dir.filePath(QStringLiteral("real"))).canonicalFilePath() +
                     QStringLiteral("/missing/stored_tokens"));
        QVERIFY(StoreIdentity::of(notYet).id != StoreIdentity::of(direct).id);
    }

    // Not pass/fail: the figure for the README, next to QtKeychain's on the same keyring.
    void timingOfReads()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("timed")));
        KeychainSecretStore qtKeychain(QStringLiteral("hf-token-manager-timing"));
        QVERIFY(!store.write(QStringLiteral("timed"), QStringLiteral("hf_timed")));
        QVERIFY(!qtKeychain.write(QStringLiteral("timed"), QStringLiteral("hf_timed")));
        constexpr int Reads = 200;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < Reads; ++i)
            QVERIFY(store.read(QStringLiteral("timed")).ok());
        const qint64 ours = clock.restart();
        for (int i = 0; i < Reads; ++i)
            QVERIFY(qtKeychain.read(QStringLiteral("timed")).ok());
        const qint64 theirs = clock.restart();
        for (int i = 0; i < 20; ++i)
            QVERIFY(!store.write(QStringLiteral("timed"), QStringLiteral("hf_timed%1").arg(i)));
        const qint64 writes = clock.elapsed();
        qInfo("%d reads: %lld ms through libsecret (SecretServiceStore), %lld ms through QtKeychain; 20 "
              "writes: "
              "%lld ms",
              Reads, ours, theirs, writes);
        QVERIFY(!store.remove(QStringLiteral("timed")));
        QVERIFY(!qtKeychain.remove(QStringLiteral("timed")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(SecretServiceTest)
#include "tst_secretservice.moc"
