// Security checklist row 17: a Secret Service that never answers (DBUS_SESSION_BUS_ADDRESS points at a
// socket of ours that accepts and stays silent) is an error after the store's timeout — never a reason
// to write a secret somewhere else — and the window keeps running its timers and painting meanwhile.
#include "support/gui/WindowFixture.h"

#include "core/files/TokenText.h"
#include "core/secrets/KeychainSecretStore.h"

#include <QAction>
#include <QClipboard>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr int TimeoutMs = 1500;
const QString Canary = QStringLiteral("hf_CANARYslowKeychainNeverWrittenxSlow");

bool anyFileContains(const QString &root, const QByteArray &needle)
{
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}
} // namespace

class SlowKeychainTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/without-keyring.sh");
        QVERIFY(m_scratch.isValid());
        for (const char *name : {"HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"}) {
            const QString path = m_scratch.filePath(QString::fromLatin1(name));
            QVERIFY(QDir().mkpath(path));
            qputenv(name, path.toUtf8());
        }
        const QString socket = m_scratch.filePath(QStringLiteral("silent-bus"));
        QVERIFY2(m_silentBus.listen(socket), qPrintable(m_silentBus.errorString()));
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket.toUtf8());
    }

    void addWritesNowhereElseWhenTheKeychainHangs()
    {
        ScratchEnvironment env;
        env.installFixture(QStringLiteral("files/stored_tokens"));
        env.installFixture(QStringLiteral("files/token"));
        KeychainSecretStore keychain(QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs);
        TokenStore store(TokenStore::Options::fromEnvironment(env.environment()), &keychain, nullptr);
        const Result<TokenRecord> added =
            store.add(QStringLiteral("new"), Canary, AddOptions{true, false, false});
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, ErrorCode::KeychainUnavailable);
        QCOMPARE(env.readFile(QStringLiteral("stored_tokens")),
                 ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
        QCOMPARE(env.readFile(QStringLiteral("token")),
                 ScratchEnvironment::fixture(QStringLiteral("files/token")));
        QVERIFY(!anyFileContains(env.root(), Canary.toUtf8()));
        QVERIFY(!anyFileContains(m_scratch.path(), Canary.toUtf8()));
    }

    void copyWaitsWithoutFreezingAndSaysWhy()
    {
        WindowFixture f(false, std::make_unique<KeychainSecretStore>(
                                   QString::fromLatin1(KeychainSecretStore::ServiceName), TimeoutMs));
        // A keychain-only token, as tokens.json records it: the secret exists nowhere but the keychain.
        QDir().mkpath(f.env.configDir());
        QFile meta(QDir(f.env.configDir()).filePath(QStringLiteral("tokens.json")));
        QVERIFY(meta.open(QIODevice::WriteOnly));
        meta.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("settings"),
                     QJsonObject{{QStringLiteral("storage"), QStringLiteral("keychain-only")}}},
                    {QStringLiteral("tokens"),
                     QJsonObject{{QStringLiteral("vault-only"),
                                  QJsonObject{{QStringLiteral("fingerprint"), TokenText::fingerprint(Canary)},
                                              {QStringLiteral("masked"), TokenText::mask(Canary)},
                                              {QStringLiteral("inKeychain"), true},
                                              {QStringLiteral("inFiles"), false}}}}},
                })
                .toJson());
        meta.close();
        MainWindow &window = f.shownWindow();
        QVERIFY(window.selectToken(QStringLiteral("vault-only")));
        QAction *copy = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Copy))
                copy = action;
        }
        QVERIFY(copy);
        QGuiApplication::clipboard()->clear();

        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(50);
        QElapsedTimer clock;
        clock.start();
        WindowFixture::trigger(copy); // returns at once: the keychain answers (here: times out) later
        // The failure is reported (a warning) once the keychain call has timed out.
        QTRY_VERIFY_WITH_TIMEOUT(!f.context().messages().asked().isEmpty(), TimeoutMs * 4);
        const qint64 waited = clock.elapsed();
        ticker.stop();

        QVERIFY2(waited >= TimeoutMs, qPrintable(QString::number(waited)));
        // The event loop kept turning during the wait: timers fired, so painting did too.
        QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        const QStringList seen = f.visibleStrings();
        QVERIFY2(std::any_of(seen.cbegin(), seen.cend(),
                             [](const QString &s) {
                                 return s.contains(QLatin1String("keychain"), Qt::CaseInsensitive);
                             }),
                 qPrintable(seen.join(QStringLiteral(" | "))));
        QVERIFY(!anyFileContains(f.env.root(), Canary.toUtf8()));
    }

private:
    QTemporaryDir m_scratch;
    QLocalServer m_silentBus;
};

QTEST_MAIN(SlowKeychainTest)
#include "tst_slowkeychain.moc"
