// WhoamiParser over the four whoami fixtures and a table of tolerant / refused bodies, plus the
// WhoamiInfo helpers (suggestedName, toJson/fromJson round trip).
#include "core/hub/WhoamiParser.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace hftm;

namespace {
QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(HFTM_TEST_DATA_DIR "/hub/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}
QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toUTC();
}
} // namespace

class TestWhoamiParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void fineGrainedDetails();
    void orgMemberDetails();
    void tolerant_data();
    void tolerant();
    void refused_data();
    void refused();
    void roundTrip_data() { fixtures_data(); }
    void roundTrip();
    void suggestedName();
};

void TestWhoamiParser::fixtures_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("isPro");
    QTest::addColumn<int>("orgCount");
    QTest::addColumn<QDateTime>("createdAt");
    QTest::addColumn<QDateTime>("expiresAt");

    QTest::newRow("read") << QByteArray("whoami_read_token.json") << "alice-example"
                          << "laptop-read"
                          << "read"
                          << "alice@example.com" << false << 0 << utc("2025-11-03T09:14:27.512Z")
                          << QDateTime();
    QTest::newRow("write") << QByteArray("whoami_write_token.json") << "alice-example"
                           << "ci-write"
                           << "write"
                           << "alice@example.com" << true << 0 << utc("2026-01-15T17:02:41.090Z")
                           << QDateTime();
    QTest::newRow("fine-grained") << QByteArray("whoami_fine_grained.json") << "bob-example"
                                  << "bob-finegrained"
                                  << "fineGrained" << QString() << false << 1
                                  << utc("2026-06-01T08:30:00.000Z") << utc("2026-12-31T23:59:59.000Z");
    QTest::newRow("org member") << QByteArray("whoami_org_member.json") << "carol-example"
                                << "Colab notebooks"
                                << "write"
                                << "carol@example.com" << true << 2 << utc("2025-06-20T12:00:05.777Z")
                                << QDateTime();
}

void TestWhoamiParser::fixtures()
{
    QFETCH(QByteArray, file);
    const Result<WhoamiInfo> info = WhoamiParser::parse(fixture(file.constData()));
    QVERIFY2(info.ok(), qPrintable(info.error().message));
    QTEST(info->user, "user");
    QTEST(info->tokenDisplayName, "displayName");
    QTEST(info->role, "role");
    QTEST(info->email, "email");
    QTEST(info->isPro, "isPro");
    QTEST(int(info->orgs.size()), "orgCount");
    QTEST(info->createdAt, "createdAt");
    QTEST(info->expiresAt, "expiresAt");
    QCOMPARE(info->type, QStringLiteral("user"));
    QCOMPARE(info->authType, QStringLiteral("access_token"));
    QVERIFY(info->createdAt.timeSpec() == Qt::UTC);
}

void TestWhoamiParser::fineGrainedDetails()
{
    const Result<WhoamiInfo> info = WhoamiParser::parse(fixture("whoami_fine_grained.json"));
    QVERIFY(info.ok());
    QVERIFY(info->canReadGatedRepos);
    QCOMPARE(info->globalPermissions,
             (QStringList{QStringLiteral("discussion.write"), QStringLiteral("post.write")}));
    QCOMPARE(info->scoped.size(), 3);
    QCOMPARE(info->scoped.at(0).entityType, QStringLiteral("user"));
    QCOMPARE(info->scoped.at(0).entityName, QStringLiteral("bob-example"));
    QCOMPARE(info->scoped.at(0).permissions.size(), 8);
    QCOMPARE(info->scoped.at(2).entityType, QStringLiteral("model"));
    QCOMPARE(info->scoped.at(2).entityName, QStringLiteral("acme-research/private-llm-7b"));
    QVERIFY(info->scoped.at(2).permissions.contains(QStringLiteral("repo.access.read")));
    QCOMPARE(info->orgs.at(0).role, QStringLiteral("write"));
}

void TestWhoamiParser::orgMemberDetails()
{
    const Result<WhoamiInfo> info = WhoamiParser::parse(fixture("whoami_org_member.json"));
    QVERIFY(info.ok());
    QCOMPARE(info->orgs.at(0).name, QStringLiteral("acme-research"));
    QCOMPARE(info->orgs.at(0).role, QStringLiteral("admin"));
    QCOMPARE(info->orgs.at(1).role, QStringLiteral("read"));
    QCOMPARE(info->orgs.at(1).securityRestrictions, QStringList{QStringLiteral("mfa")});
    QVERIFY(info->scoped.isEmpty());
}

void TestWhoamiParser::tolerant_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QDateTime>("expiresAt");
    QTest::addColumn<QString>("displayName");

    QTest::newRow("name only") << QByteArray(R"({"name":"u"})") << QString() << QDateTime() << QString();
    QTest::newRow("unknown role kept") << QByteArray(R"({"name":"u","auth":{"accessToken":{"role":"god"}}})")
                                       << "god" << QDateTime() << QString();
    QTest::newRow("email null") << QByteArray(R"({"name":"u","email":null,"orgs":[]})") << QString()
                                << QDateTime() << QString();
    QTest::newRow("expiry in accessToken.expiration")
        << QByteArray(
               R"({"name":"u","auth":{"accessToken":{"displayName":"t","expiration":"2027-01-02T03:04:05Z"}}})")
        << QString() << utc("2027-01-02T03:04:05.000Z") << "t";
    QTest::newRow("auth.expiresAt wins")
        << QByteArray(
               R"({"name":"u","auth":{"expiresAt":"2027-01-01T00:00:00.123Z","accessToken":{"expiration":"2030-01-01T00:00:00Z"}}})")
        << QString() << utc("2027-01-01T00:00:00.123Z") << QString();
    QTest::newRow("expiry as unix seconds")
        << QByteArray(R"({"name":"u","auth":{"expiresAt":1790000000}})") << QString()
        << QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC) << QString();
    QTest::newRow("expiry with offset")
        << QByteArray(R"({"name":"u","auth":{"expiresAt":"2027-01-01T02:00:00+02:00"}})") << QString()
        << utc("2027-01-01T00:00:00.000Z") << QString();
    QTest::newRow("garbage expiry ignored")
        << QByteArray(R"({"name":"u","auth":{"expiresAt":"soon"}})") << QString() << QDateTime() << QString();
    QTest::newRow("wrong types ignored")
        << QByteArray(
               R"({"name":"u","orgs":"x","auth":{"accessToken":{"role":5,"fineGrained":{"scoped":{}}}}})")
        << QString() << QDateTime() << QString();
    QTest::newRow("oauth (no accessToken)")
        << QByteArray(R"({"name":"u","auth":{"type":"oauth"}})") << QString() << QDateTime() << QString();
}

void TestWhoamiParser::tolerant()
{
    QFETCH(QByteArray, body);
    const Result<WhoamiInfo> info = WhoamiParser::parse(body);
    QVERIFY2(info.ok(), qPrintable(info.error().message));
    QCOMPARE(info->user, QStringLiteral("u"));
    QTEST(info->role, "role");
    QTEST(info->expiresAt, "expiresAt");
    QTEST(info->tokenDisplayName, "displayName");
}

void TestWhoamiParser::refused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"name":"u","auth":{)");
    QTest::newRow("html") << QByteArray("<html><body>Sign in to the Wi-Fi</body></html>");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no name") << QByteArray(R"({"type":"user"})");
    QTest::newRow("name not a string") << QByteArray(R"({"name":42})");
}

void TestWhoamiParser::refused()
{
    QFETCH(QByteArray, body);
    const Result<WhoamiInfo> info = WhoamiParser::parse(body);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, ErrorCode::Hub);
    QVERIFY(!info.error().message.isEmpty());
}

void TestWhoamiParser::roundTrip()
{
    QFETCH(QByteArray, file);
    const WhoamiInfo info = WhoamiParser::parse(fixture(file.constData())).value();
    const QJsonObject json = info.toJson();
    // Through text, as the metadata file stores it.
    const WhoamiInfo back =
        WhoamiInfo::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QCOMPARE(back.toJson(), json);
    QCOMPARE(back.user, info.user);
    QCOMPARE(back.createdAt, info.createdAt);
    QCOMPARE(back.expiresAt, info.expiresAt);
    QCOMPARE(back.scoped.size(), info.scoped.size());
    QCOMPARE(back.orgs.size(), info.orgs.size());
    QVERIFY(!QJsonDocument(json).toJson().contains("hf_")); // metadata never holds a secret
}

void TestWhoamiParser::suggestedName()
{
    WhoamiInfo info;
    QCOMPARE(info.suggestedName(), QString());
    info.user = QStringLiteral("carol-example");
    QCOMPARE(info.suggestedName(), QStringLiteral("oauth-carol-example"));
    info.tokenDisplayName = QStringLiteral("Colab notebooks");
    QCOMPARE(info.suggestedName(), QStringLiteral("Colab notebooks"));
}

QTEST_GUILESS_MAIN(TestWhoamiParser)
#include "tst_whoamiparser.moc"
