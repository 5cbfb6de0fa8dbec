// SecretServiceStore where gnome-keyring runs but has no keyring and cannot create one (run by
// tests/with-empty-keyring.sh): the read-only probe says "no usable collection", synchronously and not,
// and leaves no keyring file behind (the probe that wrote a test item made gnome-keyring try).
#include "SecretsTestSupport.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;

class SecretServiceEmptyKeyringTest : public QObject {
    Q_OBJECT

private slots:
    void probeSaysNoCollectionAndWritesNothing()
    {
        QVERIFY2(qEnvironmentVariableIsSet("HFTM_EMPTY_KEYRING"),
                 "run this test through tests/with-empty-keyring.sh");
        QTemporaryDir dir;
        SecretServiceStore store(secretstest::storeIn(dir, QStringLiteral("hf")), 10000);
        const Error error = store.probe();
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        QVERIFY2(error.message.contains(QStringLiteral("no usable collection")), qPrintable(error.message));

        Error later;
        SecretJob *job = store.probeLater();
        connect(job, &SecretJob::finished, this, [&later](SecretJob *done) { later = done->error(); });
        QSignalSpy finished(job, &SecretJob::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(later.code, ErrorCode::KeychainUnavailable);
        QVERIFY2(later.message.contains(QStringLiteral("no usable collection")), qPrintable(later.message));

        QStringList files;
        QDirIterator it(qEnvironmentVariable("XDG_DATA_HOME"), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        QVERIFY2(files.filter(QStringLiteral(".keyring")).isEmpty(),
                 qPrintable(files.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(SecretServiceEmptyKeyringTest)
#include "tst_secretservice_emptykeyring.moc"
