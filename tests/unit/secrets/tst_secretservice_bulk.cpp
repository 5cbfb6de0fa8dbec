// SecretServiceStore's asynchronous forms against a real gnome-keyring (tests/with-keyring.sh): readMany
// answers every key in one search (NotFound for a missing one, nothing of another store), never inside
// the call; writeLater/removeLater round-trip; the probe reads only, so the keyring file is untouched.
// Prints (never asserts) 100 secrets read in bulk against 100 read() calls.
#include "SecretsTestSupport.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace hftm;

namespace {

struct Finished {
    Error error;
    QHash<QString, Result<QString>> results;
    int count = 0;
};

// Waits for the job (exactly one finished()), without ever blocking in the keychain.
bool await(SecretJob *job, Finished &into)
{
    QObject::connect(job, &SecretJob::finished, job, [&into](SecretJob *done) {
        ++into.count;
        into.error = done->error();
        into.results = done->results();
    });
    QSignalSpy spy(job, &SecretJob::finished);
    return spy.wait(30000) && into.count == 1;
}

// Every keyring file gnome-keyring keeps in the scratch HOME, with its bytes and modification time.
QMap<QString, QPair<QByteArray, qint64>> keyringFiles()
{
    QMap<QString, QPair<QByteArray, qint64>> files;
    const QString dir = qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/keyrings");
    QDirIterator it(dir, QDir::Files | QDir::Hidden);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            struct stat status {};
            const qint64 mtimeNs = ::stat(QFile::encodeName(path).constData(), &status) == 0
                                       ? qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec
                                       : -1;
            files.insert(path, {file.readAll(), mtimeNs});
        }
    }
    return files;
}

} // namespace

class SecretServiceBulkTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(secretstest::inPrivateKeyring(), "run this test through tests/with-keyring.sh");
        QVERIFY(m_dir.isValid());
    }

    void readManyAnswersEveryKeyInBulk()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("bulk")));
        SecretServiceStore other(secretstest::storeIn(m_dir, QStringLiteral("other")));
        QVERIFY(!store.write(QStringLiteral("one"), QStringLiteral("hf_bulkOne")));
        QVERIFY(!store.write(QStringLiteral("two words"), QStringLiteral("hf_bulkTwo")));
        QVERIFY(!other.write(QStringLiteral("theirs"), QStringLiteral("hf_otherStore")));

        // Nothing of the caller's runs inside readMany(): it only starts the request.
        bool queuedRan = false;
        QMetaObject::invokeMethod(
            this, [&queuedRan] { queuedRan = true; }, Qt::QueuedConnection);
        const QStringList keys{QStringLiteral("one"), QStringLiteral("two words"), QStringLiteral("missing"),
                               QStringLiteral("theirs")};
        SecretJob *job = store.readMany(keys);
        QVERIFY(!queuedRan);
        QVERIFY(!job->isFinished());
        Finished done;
        QVERIFY(await(job, done));
        QVERIFY2(!done.error, qPrintable(done.error.message));
        QCOMPARE(done.results.size(), keys.size());
        QCOMPARE(done.results.value(QStringLiteral("one"), Error{}).value(), QStringLiteral("hf_bulkOne"));
        QCOMPARE(done.results.value(QStringLiteral("two words"), Error{}).value(),
                 QStringLiteral("hf_bulkTwo"));
        QCOMPARE(done.results.value(QStringLiteral("missing"), Error{}).error().code, ErrorCode::NotFound);
        // Another store's item of that name is not this store's.
        QCOMPARE(done.results.value(QStringLiteral("theirs"), Error{}).error().code, ErrorCode::NotFound);
        QVERIFY(!store.remove(QStringLiteral("one")));
        QVERIFY(!store.remove(QStringLiteral("two words")));
        QVERIFY(!other.remove(QStringLiteral("theirs")));
    }

    void writeLaterAndRemoveLaterRoundTrip()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("later")));
        Finished written;
        QVERIFY(await(store.writeLater(QStringLiteral("w"), QStringLiteral("hf_writtenLater")), written));
        QVERIFY2(!written.error, qPrintable(written.error.message));
        QCOMPARE(store.read(QStringLiteral("w")).value(), QStringLiteral("hf_writtenLater"));
        Finished removed;
        QVERIFY(await(store.removeLater(QStringLiteral("w")), removed));
        QVERIFY2(!removed.error, qPrintable(removed.error.message));
        QCOMPARE(store.read(QStringLiteral("w")).error().code, ErrorCode::NotFound);
        Finished empty;
        QVERIFY(await(store.writeLater(QString(), QStringLiteral("hf_x")), empty));
        QCOMPARE(empty.error.code, ErrorCode::InvalidInput);
    }

    // The probe used to write and delete a test item: gnome-keyring re-encrypted and rewrote its whole
    // keyring file twice per start. Now the file must stay byte-identical and untouched.
    void probeWritesNothing()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("probe")));
        // An item first, so that the login keyring exists on disk.
        QVERIFY(!store.write(QStringLiteral("present"), QStringLiteral("hf_present")));
        const auto before = keyringFiles();
        QVERIFY2(!before.isEmpty(), "gnome-keyring keeps no keyring file in the scratch HOME");
        const Error probed = store.probe();
        QVERIFY2(!probed, qPrintable(probed.message));
        Finished later;
        QVERIFY(await(store.probeLater(), later));
        QVERIFY2(!later.error, qPrintable(later.error.message));
        QCOMPARE(store.read(QStringLiteral("nothing-here")).error().code, ErrorCode::NotFound); // probes too
        const auto after = keyringFiles();
        QCOMPARE(after.keys(), before.keys());
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            QVERIFY2(after.value(it.key()).first == it.value().first, qPrintable(it.key()));
            QCOMPARE(after.value(it.key()).second, it.value().second);
        }
        QVERIFY(!store.remove(QStringLiteral("present")));
    }

    // Not pass/fail: the figure for the README.
    void timingBulkAgainstOneByOne()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("timed")));
        constexpr int Count = 100;
        QStringList keys;
        for (int i = 0; i < Count; ++i) {
            keys << QStringLiteral("token-%1").arg(i);
            QVERIFY(!store.write(keys.last(), QStringLiteral("hf_timed%1").arg(i)));
        }
        QElapsedTimer clock;
        clock.start();
        Finished bulk;
        QVERIFY(await(store.readMany(keys), bulk));
        const qint64 bulkMs = clock.restart();
        Finished again;
        QVERIFY(await(store.readMany(keys), again));
        const qint64 againMs = clock.restart();
        for (const QString &key : keys)
            QVERIFY(store.read(key).ok());
        const qint64 oneByOneMs = clock.elapsed();
        int read = 0;
        for (const QString &key : keys)
            read += bulk.results.value(key, Error{}).ok() ? 1 : 0;
        QCOMPARE(read, Count);
        qInfo("%d secrets: %lld ms in bulk (readMany; %lld ms the second time), %lld ms one by one (read)",
              Count, bulkMs, againMs, oneByOneMs);
        for (const QString &key : keys)
            QVERIFY(!store.remove(key));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(SecretServiceBulkTest)
#include "tst_secretservice_bulk.moc"
