// SecretServiceStore on a real gnome-keyring whose login collection is locked with no way to unlock it
// (no display for the prompt): the bulk read must say "locked" for every key, the one it holds and the
// one it does not, never "not found" (a token would look gone); the read-only probe says "locked" too.
#include "SecretsTestSupport.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace hftm;

class SecretServiceLockedTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(secretstest::inPrivateKeyring(), "run this test through tests/with-keyring.sh");
        QVERIFY(m_dir.isValid());
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("locked")));
        QVERIFY(!store.write(QStringLiteral("existing"), QStringLiteral("hf_existingBeforeLock")));
        QVERIFY2(secretstest::lockLoginCollection(), "could not lock the login collection");
    }

    void bulkReadSaysLockedNotMissing()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("locked")), 5000);
        SecretJob *job = store.readMany({QStringLiteral("existing"), QStringLiteral("never-written")});
        int count = 0;
        Error error;
        QHash<QString, Result<QString>> results;
        connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
            ++count;
            error = done->error();
            for (const QString &key : {QStringLiteral("existing"), QStringLiteral("never-written")})
                results.insert(key, done->result(key));
        });
        QTRY_COMPARE_WITH_TIMEOUT(count, 1, 30000);
        qInfo("%s", qPrintable(error.message));
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        for (auto it = results.cbegin(); it != results.cend(); ++it) {
            QVERIFY2(!it.value().ok(), qPrintable(it.key()));
            QCOMPARE(it.value().error().code, ErrorCode::KeychainUnavailable);
            QVERIFY2(it.value().error().message.contains(QStringLiteral("locked")),
                     qPrintable(it.value().error().message));
        }
    }

    void probeSaysLocked()
    {
        SecretServiceStore store(secretstest::storeIn(m_dir, QStringLiteral("locked")), 5000);
        const Error error = store.probe();
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        QVERIFY2(error.message.contains(QStringLiteral("locked")), qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("files-only")));
        QCOMPARE(store.read(QStringLiteral("existing")).error().code, ErrorCode::KeychainUnavailable);
        const Error removed = store.remove(QStringLiteral("existing"));
        QCOMPARE(removed.code, ErrorCode::KeychainUnavailable);
        QVERIFY(removed.message.contains(QStringLiteral("Nothing was removed")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(SecretServiceLockedTest)
#include "tst_secretservice_locked.moc"
