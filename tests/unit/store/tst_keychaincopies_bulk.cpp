// The keychain copies of what `hf` added go to the real gnome-keyring in batches (one writeMany request
// each): in keychain-only mode every token whose copy was written leaves stored_tokens, and one item the
// keychain refuses costs only that item — its section stays in the file, nothing is lost, the others are
// written and leave the file, and the refusal is a note that never holds a secret.
#include "core/secrets/SecretJob.h"
#include "core/secrets/SystemSecretStore.h"
#include "core/store/KeychainCopies.h"
#include "support/TestWorld.h"

#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {

// More than one batch, so that a refusal in one batch is seen not to stop the next.
constexpr int Tokens = KeychainCopies::Batch + 8;

QString nameOf(int i)
{
    return QStringLiteral("copy-%1").arg(i, 3, 10, QLatin1Char('0'));
}

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEcopiesBulk%1TestsOnlyXXXXXX").arg(i, 3, 10, QLatin1Char('0'));
}

// The real keychain, except that it refuses one item of every batch write, the way a keychain may
// refuse a single CreateItem (a policy, a full disk) while it takes the others.
class RefusesOne final : public SecretStore {
public:
    RefusesOne(SecretStore &real, QString refused)
        : m_real(real)
        , m_refused(std::move(refused))
    {
    }
    Result<QString> read(const QString &key) override { return m_real.read(key); }
    Error write(const QString &key, const QString &secret) override { return m_real.write(key, secret); }
    Error remove(const QString &key) override { return m_real.remove(key); }
    Error probe() override { return m_real.probe(); }
    QString displayName() const override { return m_real.displayName(); }
    Result<QStringList> storedKeys() override { return m_real.storedKeys(); }
    SecretJob *readMany(const QStringList &keys) override { return m_real.readMany(keys); }
    SecretJob *removeLater(const QString &key) override { return m_real.removeLater(key); }
    SecretJob *probeLater() override { return m_real.probeLater(); }
    SecretJob *writeMany(const QHash<QString, QString> &secrets) override
    {
        ++m_batches;
        QHash<QString, QString> taken = secrets;
        const bool refuses = taken.remove(m_refused) > 0;
        auto *job = new SecretJob;
        SecretJob *real = m_real.writeMany(taken);
        QObject::connect(
            real, &SecretJob::finished, job, [job, refuses, refused = m_refused](SecretJob *done) {
                QHash<QString, Result<QString>> results = done->results();
                if (refuses)
                    results.insert(refused,
                                   makeError(ErrorCode::Keychain, QStringLiteral("refused by the test")));
                job->finishLater(done->error(), results);
            });
        return job;
    }
    int batches() const { return m_batches; }

private:
    SecretStore &m_real;
    QString m_refused;
    int m_batches = 0;
};

} // namespace

class TestKeychainCopiesBulk : public QObject {
    Q_OBJECT

private slots:
    void oneRefusedItemLosesNothingInKeychainOnlyMode()
    {
        TestWorld world(false);
        const std::unique_ptr<SecretStore> keychain =
            makeSystemSecretStore(StoreIdentity::of(world.env.paths(), world.env.environment()));
        if (const Error error = keychain->probe())
            QFAIL(qPrintable(error.message));
        const QString refused = nameOf(5);
        RefusesOne refusing(*keychain, refused);
        auto store = world.makeStore(nullptr, &refusing);
        QVERIFY(!store->setStorageMode(StorageMode::KeychainOnly).isError());

        QByteArray file;
        for (int i = 0; i < Tokens; ++i)
            file += "[" + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
        world.env.writeFile(QStringLiteral("stored_tokens"), file);
        QSignalSpy finished(store.get(), &TokenStore::importFinished);
        QVERIFY(!store->importChanges().isError());
        QVERIFY(finished.wait(120000));
        QCOMPARE(refusing.batches(), 2); // Tokens items, Batch at a time

        // The refused one is still in stored_tokens with its secret, and only it.
        const QByteArray after = world.storedTokens();
        QVERIFY2(after.contains("[" + refused.toUtf8() + "]"), after.constData());
        QVERIFY(after.contains(secretOf(5).toUtf8()));
        for (int i = 0; i < Tokens; ++i) {
            if (i != 5)
                QVERIFY2(!after.contains(secretOf(i).toUtf8()), qPrintable(nameOf(i)));
        }
        // Every other secret is in the real keychain, and every record says where its secret is.
        for (int i = 0; i < Tokens; ++i) {
            const std::optional<TokenRecord> record = store->token(nameOf(i));
            QVERIFY2(record, qPrintable(nameOf(i)));
            if (i == 5) {
                QCOMPARE(record->storage, StorageLocations(StorageLocation::StoredTokens));
                QCOMPARE(keychain->read(nameOf(i)).error().code, ErrorCode::NotFound);
                continue;
            }
            QCOMPARE(record->storage, StorageLocations(StorageLocation::Keychain));
            const Result<QString> value = keychain->read(nameOf(i));
            QVERIFY2(value, qPrintable(nameOf(i)));
            QCOMPARE(*value, secretOf(i));
        }
        const QString notes = store->syncNotes().join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(QStringLiteral("Could not copy \"%1\"").arg(refused)), qPrintable(notes));
        QVERIFY(!notes.contains(QStringLiteral("hf_FAKE")));
    }
};

QTEST_GUILESS_MAIN(TestKeychainCopiesBulk)
#include "tst_keychaincopies_bulk.moc"
