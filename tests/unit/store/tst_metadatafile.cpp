// MetadataFile, Settings and TokenRecord's persisted form: round trips, clamping, an unreadable
// tokens.json that no operation may overwrite, and updates from several writers that all survive.
#include "support/TestWorld.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

#include <functional>
#include <thread>

using namespace hftm;
using hftm::test::TestWorld;

#include <sys/stat.h>

Q_DECLARE_METATYPE(hftm::TokenStatus)
Q_DECLARE_METATYPE(hftm::StorageMode)

namespace {
using Operation = std::function<void(TokenStore &)>;

int unixMode(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

TokenMetadata sampleMetadata()
{
    TokenMetadata m;
    m.fingerprint = QStringLiteral("0123456789abcdef");
    m.masked = QStringLiteral("hf_****abcd");
    m.inKeychain = true;
    m.missingFromFiles = true;
    m.gitRegistered = true;
    m.endpoint = QStringLiteral("https://hub.example.org");
    m.check.status = TokenStatus::Unreachable;
    m.check.checkedAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);
    m.check.message = QStringLiteral("timed out");
    m.check.verdict = TokenStatus::Valid;
    m.check.verdictAt = QDateTime(QDate(2025, 3, 1), QTime(0, 0), Qt::UTC);
    WhoamiInfo whoami;
    whoami.user = QStringLiteral("alice");
    whoami.role = QStringLiteral("fineGrained");
    whoami.expiresAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    m.check.whoami = whoami;
    return m;
}
} // namespace

Q_DECLARE_METATYPE(Operation)

class TestMetadataFile : public QObject {
    Q_OBJECT

private slots:
    void missingOrEmptyFileMeansDefaults()
    {
        TestWorld world(false);
        const MetadataFile file(world.env.configDir());
        QCOMPARE(QFileInfo(file.path()).fileName(), QStringLiteral("tokens.json"));
        Result<MetadataFile::Content> content = file.load();
        QVERIFY(content);
        QVERIFY(content->tokens.isEmpty());
        QCOMPARE(content->settings.storageMode, StorageMode::KeychainAndFiles);
        world.writeMetadata(" \n");
        content = file.load();
        QVERIFY(content);
        QCOMPARE(content->settings.expiryWarningDays, 7);
    }

    void contentRoundTripsThroughTheFile()
    {
        TestWorld world(false);
        const MetadataFile file(world.env.configDir());
        const TokenMetadata sample = sampleMetadata();
        QVERIFY(file.update([&](MetadataFile::Content &c) {
            c.tokens.insert(QStringLiteral("name with spaces"), sample);
            c.settings.endpoint = QStringLiteral("https://hub.example.org");
            return true;
        }));
        QCOMPARE(unixMode(file.path()), 0600); // settings are not secret, but what a token can do is private
        const Result<MetadataFile::Content> loaded = file.load();
        QVERIFY(loaded);
        const TokenMetadata back = loaded->tokens.value(QStringLiteral("name with spaces"));
        QCOMPARE(back.fingerprint, sample.fingerprint);
        QCOMPARE(back.masked, sample.masked);
        QCOMPARE(back.inKeychain, true);
        QCOMPARE(back.inFiles, false);
        QCOMPARE(back.missingFromFiles, true);
        QCOMPARE(back.gitRegistered, true);
        QCOMPARE(back.endpoint, sample.endpoint);
        QCOMPARE(back.check.status, TokenStatus::Unreachable);
        QCOMPARE(back.check.checkedAt, sample.check.checkedAt); // milliseconds survive
        QCOMPARE(back.check.message, sample.check.message);
        QCOMPARE(back.check.verdict, TokenStatus::Valid);
        QCOMPARE(back.check.verdictAt, sample.check.verdictAt);
        QVERIFY(back.check.whoami);
        QCOMPARE(back.check.whoami->user, QStringLiteral("alice"));
        QCOMPARE(back.check.whoami->expiresAt, sample.check.whoami->expiresAt);
        QCOMPARE(loaded->settings.endpoint, QStringLiteral("https://hub.example.org"));
    }

    void tokenStatusIds_data()
    {
        QTest::addColumn<TokenStatus>("status");
        QTest::addColumn<QString>("id");
        QTest::newRow("unchecked") << TokenStatus::Unchecked << QStringLiteral("unchecked");
        QTest::newRow("valid") << TokenStatus::Valid << QStringLiteral("valid");
        QTest::newRow("expired") << TokenStatus::Expired << QStringLiteral("expired");
        QTest::newRow("invalid") << TokenStatus::Invalid << QStringLiteral("invalid");
        QTest::newRow("rate-limited") << TokenStatus::RateLimited << QStringLiteral("rate-limited");
        QTest::newRow("unreachable") << TokenStatus::Unreachable << QStringLiteral("unreachable");
    }

    void tokenStatusIds()
    {
        QFETCH(TokenStatus, status);
        QFETCH(QString, id);
        QCOMPARE(tokenStatusId(status), id);
        QCOMPARE(tokenStatusFromId(id), status);
        QVERIFY(!tokenStatusText(status).isEmpty());
        // A newer version's status must not be mistaken for a verdict by an older one.
        QCOMPARE(tokenStatusFromId(id.toUpper()), TokenStatus::Unchecked);
    }

    void settingsAreClampedWhenRead_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("warningDays");
        QTest::addColumn<int>("clipboardSeconds");
        QTest::addColumn<int>("revalidateHours");
        QTest::addColumn<StorageMode>("mode");
        QTest::newRow("defaults") << QByteArray("{}") << 7 << 30 << 6 << StorageMode::KeychainAndFiles;
        QTest::newRow("in range") << QByteArray(R"({"expiryWarningDays":14,"clipboardTimeoutSeconds":45,)"
                                                R"("revalidateIntervalHours":24,"storage":"files-only"})")
                                  << 14 << 45 << 24 << StorageMode::FilesOnly;
        QTest::newRow("below") << QByteArray(R"({"expiryWarningDays":-3,"clipboardTimeoutSeconds":1,)"
                                             R"("revalidateIntervalHours":0})")
                               << 0 << 5 << 1 << StorageMode::KeychainAndFiles;
        QTest::newRow("above") << QByteArray(R"({"expiryWarningDays":9999,"clipboardTimeoutSeconds":9999,)"
                                             R"("revalidateIntervalHours":9999,"storage":"keychain-only"})")
                               << 365 << 600 << 168 << StorageMode::KeychainOnly;
        QTest::newRow("wrong types") << QByteArray(
                                            R"({"expiryWarningDays":"3","clipboardTimeoutSeconds":null,)"
                                            R"("storage":"cloud"})")
                                     << 7 << 30 << 6 << StorageMode::KeychainAndFiles;
    }

    void settingsAreClampedWhenRead()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, warningDays);
        QFETCH(int, clipboardSeconds);
        QFETCH(int, revalidateHours);
        QFETCH(StorageMode, mode);
        const Settings settings = Settings::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(settings.expiryWarningDays, warningDays);
        QCOMPARE(settings.clipboardTimeoutSeconds, clipboardSeconds);
        QCOMPARE(settings.revalidateIntervalHours, revalidateHours);
        QCOMPARE(settings.storageMode, mode);
        // What we read back is stable: a second round trip changes nothing.
        const Settings again = Settings::fromJson(settings.toJson());
        QCOMPARE(again.toJson(), settings.toJson());
    }

    void saveSettingsRoundTripsButNeverChangesTheStorageMode()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        Settings wanted;
        wanted.storageMode = StorageMode::FilesOnly; // must be ignored: only setStorageMode() moves secrets
        wanted.endpoint = QStringLiteral("https://hub.example.org");
        wanted.expiryWarningDays = 1000;
        wanted.clipboardTimeoutSeconds = 12;
        wanted.revalidateIntervalHours = 48;
        wanted.openAtLogin = true;
        wanted.trayHintShown = true;
        QVERIFY(!store->saveSettings(wanted).isError());

        const Settings got = world.makeStore()->settings();
        QCOMPARE(got.storageMode, StorageMode::KeychainAndFiles);
        QCOMPARE(got.endpoint, wanted.endpoint);
        QCOMPARE(got.expiryWarningDays, 365);
        QCOMPARE(got.clipboardTimeoutSeconds, 12);
        QCOMPARE(got.revalidateIntervalHours, 48);
        QVERIFY(got.openAtLogin);
        QVERIFY(got.trayHintShown);
        QCOMPARE(store->endpointFor(QStringLiteral("ci-write")), wanted.endpoint);
        QVERIFY(
            !store->setEndpoint(QStringLiteral("ci-write"), QStringLiteral("https://own.example")).isError());
        QCOMPARE(store->endpointFor(QStringLiteral("ci-write")), QStringLiteral("https://own.example"));
        QCOMPARE(store->endpointFor(QStringLiteral("laptop-read")), wanted.endpoint);
        QCOMPARE(world.secrets.entries().size(), test::fixtureTokens().size()); // nothing moved
    }

    void corruptMetadataIsNeverOverwritten_data()
    {
        QTest::addColumn<Operation>("operation");
        AddOptions activate;
        activate.activate = true;
        QTest::newRow("reload") << Operation([](TokenStore &s) { s.reload(); });
        QTest::newRow("add") << Operation(
            [=](TokenStore &s) { s.add(QStringLiteral("new"), test::fixture::Canary, activate); });
        QTest::newRow("record check") << Operation([](TokenStore &s) {
            TokenCheck check;
            check.status = TokenStatus::Valid;
            s.recordCheck(QStringLiteral("ci-write"), check);
        });
        QTest::newRow("save settings") << Operation([](TokenStore &s) { s.saveSettings(Settings{}); });
        QTest::newRow("set endpoint") << Operation([](TokenStore &s) {
            s.setEndpoint(QStringLiteral("ci-write"), QStringLiteral("https://x.example"));
        });
        QTest::newRow("storage mode")
            << Operation([](TokenStore &s) { s.setStorageMode(StorageMode::KeychainOnly); });
        QTest::newRow("switch") << Operation(
            [](TokenStore &s) { s.switchTo(QStringLiteral("laptop-read")); });
        QTest::newRow("rename") << Operation(
            [](TokenStore &s) { s.rename(QStringLiteral("laptop-read"), QStringLiteral("lr")); });
        QTest::newRow("remove") << Operation([](TokenStore &s) { s.remove(QStringLiteral("laptop-read")); });
    }

    void corruptMetadataIsNeverOverwritten()
    {
        QFETCH(Operation, operation);
        TestWorld world;
        const QByteArray corrupt = "{\"version\": 1, \"tokens\": {";
        world.writeMetadata(corrupt);
        auto store = world.makeStore();

        const Error error = store->reload();
        QCOMPARE(error.code, ErrorCode::FileUnparseable);
        QVERIFY2(error.message.contains(world.metadataPath()), qPrintable(error.message));
        QCOMPARE(store->lastLoadError().code, ErrorCode::FileUnparseable);
        // The files are still shown, read-only: nothing is imported while the metadata cannot record it.
        QCOMPARE(test::namesOf(store->tokens()), test::fixtureNames());
        QCOMPARE(world.secrets.operationCount(), 0);

        operation(*store);
        QCOMPARE(world.metadataBytes(), corrupt);
        QVERIFY(world.secrets.entries().isEmpty());
        if (QByteArray(QTest::currentDataTag()) != "switch") // the token file is not ours to guard here
            QCOMPARE(world.env.readFile(QStringLiteral("token")),
                     test::fixtureSecret(QStringLiteral("ci-write")).toUtf8());
        // The errors all say "Nothing was changed", and add() and setStorageMode() do refuse up front.
        // rename() and remove() must refuse before touching stored_tokens when the metadata cannot follow.
        QCOMPARE(world.storedTokens(),
                 test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    }

    void updatesFromTwoWritersAreBothKept()
    {
        TestWorld world(false);
        const MetadataFile first(world.env.configDir());
        const MetadataFile second(world.env.configDir());
        // 'first' read before 'second' wrote; its update must still start from what is on disk now.
        const Result<MetadataFile::Content> stale = first.load();
        QVERIFY(stale);
        QVERIFY(second.update([](MetadataFile::Content &c) {
            c.tokens[QStringLiteral("from-second")].masked = QStringLiteral("hf_****0002");
            return true;
        }));
        QVERIFY(first.update([](MetadataFile::Content &c) {
            c.tokens[QStringLiteral("from-first")].masked = QStringLiteral("hf_****0001");
            return true;
        }));
        const Result<MetadataFile::Content> both = second.load();
        QVERIFY(both);
        QCOMPARE(both->tokens.keys(),
                 (QStringList{QStringLiteral("from-first"), QStringLiteral("from-second")}));
        // An update that reports "no change" writes nothing.
        const QByteArray before = world.metadataBytes();
        QVERIFY(first.update([](MetadataFile::Content &c) {
            c.tokens.clear();
            return false;
        }));
        QCOMPARE(world.metadataBytes(), before);
    }

    void concurrentUpdatesLoseNothing()
    {
        TestWorld world(false);
        constexpr int PerWriter = 20;
        // Separate MetadataFile objects on separate threads take separate flocks, like two processes.
        auto writer = [&](const QString &prefix) {
            const MetadataFile file(world.env.configDir());
            for (int i = 0; i < PerWriter; ++i) {
                file.update([&](MetadataFile::Content &c) {
                    c.tokens[prefix + QString::number(i)].masked = QStringLiteral("hf_****");
                    return true;
                });
            }
        };
        std::thread a(writer, QStringLiteral("a"));
        std::thread b(writer, QStringLiteral("b"));
        a.join();
        b.join();
        const Result<MetadataFile::Content> content = MetadataFile(world.env.configDir()).load();
        QVERIFY(content);
        QCOMPARE(content->tokens.size(), 2 * PerWriter);
    }
};

QTEST_GUILESS_MAIN(TestMetadataFile)
#include "tst_metadatafile.moc"
