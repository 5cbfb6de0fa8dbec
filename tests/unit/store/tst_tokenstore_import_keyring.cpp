// 200 tokens that `hf` added, imported into a real gnome-keyring (run by tests/with-keyring.sh): the
// event loop keeps turning while the keychain copies are written, and every copy arrives. Prints how long
// the import took and the longest the event loop was held up.
#include "core/secrets/SecretJob.h"
#include "core/secrets/SystemSecretStore.h"
#include "support/TestWorld.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
constexpr int Tokens = 200;
constexpr int ProbeMs = 5;
constexpr int ImportDeadlineMs = 120000;

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEbulk%1xxxxxxxxxxxxxxxxxxxxxxx").arg(10000000 + i);
}
} // namespace

class TestTokenStoreImportKeyring : public QObject {
    Q_OBJECT

private slots:
    void twoHundredHfTokensImportWithoutStallingTheEventLoop()
    {
        TestWorld world(false);
        const std::unique_ptr<SecretStore> keychain =
            makeSystemSecretStore(StoreIdentity::of(world.env.paths(), world.env.environment()));
        QVERIFY(keychain);
        if (const Error error = keychain->probe())
            QFAIL(qPrintable(error.message));
        QByteArray file;
        QStringList names;
        for (int i = 0; i < Tokens; ++i) {
            names << QStringLiteral("bulk-%1").arg(i, 3, 10, QLatin1Char('0'));
            file += "[" + names.last().toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
        }
        world.env.writeFile(QStringLiteral("stored_tokens"), file);
        auto store = world.makeStore(nullptr, keychain.get());
        QSignalSpy finished(store.get(), &TokenStore::importFinished);

        // A probe on the event loop: how often it ran while copies were pending, and the longest gap.
        int ticksWhilePending = 0;
        qint64 longestGapMs = 0;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setInterval(ProbeMs);
        connect(&probe, &QTimer::timeout, this, [&] {
            longestGapMs = std::max(longestGapMs, sinceTick.restart());
            if (store->importPending())
                ++ticksWhilePending;
        });
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        probe.start();

        QVERIFY(!store->importChanges().isError());
        const qint64 answeredMs = wall.elapsed();
        QCOMPARE(store->tokens().size(), Tokens); // listed at once, held by the files
        QVERIFY(store->importPending());
        QVERIFY(finished.wait(ImportDeadlineMs));
        const qint64 importedMs = wall.elapsed();
        probe.stop();
        qInfo("%d tokens: listed after %lld ms, keychain copies written after %lld ms; longest event-loop "
              "gap %lld ms (%d probe ticks while copying)",
              Tokens, answeredMs, importedMs, longestGapMs, ticksWhilePending);

        QVERIFY(ticksWhilePending > 0); // the loop turned while the keyring was being written
        for (const TokenRecord &record : store->tokens())
            QVERIFY2(record.storage.testFlag(StorageLocation::Keychain), qPrintable(record.name));
        QHash<QString, Result<QString>> read;
        SecretJob *job = keychain->readMany(names);
        int answers = 0;
        connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
            read = done->results();
            ++answers;
        });
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, ImportDeadlineMs);
        for (int i = 0; i < Tokens; ++i)
            QCOMPARE(read.value(names.at(i), Error{}).value(), secretOf(i));
        for (const QString &name : std::as_const(names))
            keychain->remove(name);
    }
};

QTEST_GUILESS_MAIN(TestTokenStoreImportKeyring)
#include "tst_tokenstore_import_keyring.moc"
