// SecretServiceStore::writeMany against the real gnome-keyring (tests/with-keyring.sh): the CreateItem
// calls sent together write every secret as write() would — the same attributes, so libsecret's own
// look-ups and secret-tool find them, one item per token (a second batch replaces, never piles up).
// Prints how long 200 items took next to 200 write() calls on the same keyring (figures, not a verdict).
#include "SecretsTestSupport.h"

#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {

constexpr int Items = 200;

QHash<QString, QString> secretsFor(const QString &tag, int count = Items)
{
    QHash<QString, QString> secrets;
    for (int i = 0; i < count; ++i)
        secrets.insert(
            QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0')),
            QStringLiteral("hf_FAKEbulkWrite%1%2TestsOnlyXXXX").arg(tag).arg(i, 3, 10, QLatin1Char('0')));
    return secrets;
}

// Waits for a job and hands back its results (empty on a timeout, which fails the caller's checks).
QHash<QString, Result<QString>> waitFor(SecretJob *job, Error *error = nullptr)
{
    QHash<QString, Result<QString>> results;
    QObject::connect(job, &SecretJob::finished, job, [&](SecretJob *done) {
        results = done->results();
        if (error)
            *error = done->error();
    });
    QSignalSpy finished(job, &SecretJob::finished);
    if (!finished.wait(120000))
        qWarning("the keychain did not answer");
    return results;
}

QByteArray secretToolLookup(const StoreIdentity &identity, const QString &name)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("application"), QStringLiteral("hf-token-manager"),
                QStringLiteral("store"), identity.storedTokensPath, QStringLiteral("token"), name});
    tool.closeWriteChannel();
    tool.waitForFinished(20000);
    return tool.readAllStandardOutput();
}

} // namespace

class TestSecretServiceBulkWrite : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(secretstest::inPrivateKeyring()); }

    void writesEverySecretAsWriteWould()
    {
        const StoreIdentity identity = secretstest::storeIn(m_dir, QStringLiteral("bulk"));
        SecretServiceStore store(identity);
        const QHash<QString, QString> secrets = secretsFor(QStringLiteral("One"));
        Error error;
        QElapsedTimer clock;
        clock.start();
        const QHash<QString, Result<QString>> written = waitFor(store.writeMany(secrets), &error);
        const qint64 bulkMs = clock.elapsed();
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(written.size(), Items);
        for (auto it = written.cbegin(); it != written.cend(); ++it)
            QVERIFY2(it.value(), qPrintable(it.key() + QLatin1String(": ") + it.value().error().message));

        // One item per token, found by libsecret's look-up with the app's schema and by secret-tool.
        const Result<QStringList> keys = store.storedKeys();
        QVERIFY(keys);
        QStringList expected = secrets.keys();
        expected.sort();
        QCOMPARE(*keys, expected);
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            const Result<QString> value = store.read(it.key());
            QVERIFY2(value, qPrintable(it.key()));
            QCOMPARE(*value, it.value());
        }
        QCOMPARE(secretToolLookup(identity, QStringLiteral("bulk-042")),
                 secrets.value(QStringLiteral("bulk-042")).toUtf8());

        // A second batch for the same tokens replaces their items in place.
        const QHash<QString, QString> next = secretsFor(QStringLiteral("Two"));
        clock.restart();
        const QHash<QString, Result<QString>> replaced = waitFor(store.writeMany(next));
        const qint64 bulkReplaceMs = clock.elapsed();
        QCOMPARE(replaced.size(), Items);
        const Result<QStringList> keysAfter = store.storedKeys();
        QVERIFY(keysAfter);
        QCOMPARE(*keysAfter, expected);
        const QHash<QString, Result<QString>> read = waitFor(store.readMany(next.keys()));
        for (auto it = next.cbegin(); it != next.cend(); ++it) {
            const Result<QString> value = read.value(it.key(), makeError(ErrorCode::NotFound, it.key()));
            QVERIFY2(value, qPrintable(value.error().message));
            QCOMPARE(*value, it.value());
        }

        // The same replacement one write() after the other, on the keyring of the same size: what the
        // batch saves is our side's round trips; the rest is the daemon's rewrite per item.
        const QHash<QString, QString> third = secretsFor(QStringLiteral("Three"));
        clock.restart();
        for (auto it = third.cbegin(); it != third.cend(); ++it)
            QVERIFY(!store.write(it.key(), it.value()));
        const qint64 serialReplaceMs = clock.elapsed();
        qInfo("%d items: writeMany %lld ms into an empty keyring; replacing them all: writeMany %lld ms, "
              "one write() after the other %lld ms",
              Items, bulkMs, bulkReplaceMs, serialReplaceMs);
    }

    void emptyBatchFinishesLater()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("empty")));
        SecretJob *job = store.writeMany({});
        QVERIFY(!job->isFinished()); // never inside the call
        Error error;
        QVERIFY(waitFor(job, &error).isEmpty());
        QVERIFY(!error);
    }
};

QTEST_GUILESS_MAIN(TestSecretServiceBulkWrite)
#include "tst_secretservice_bulkwrite.moc"
