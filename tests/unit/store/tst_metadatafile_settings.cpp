// MetadataFile::loadSettings, the read the window does before its first frame: for every file, the
// settings (or the error) load() gives, whether it took the quick path past the tokens or the full parse.
// Hand-written files cover what tokens.json may hold after a person edited it; thousands of mutations of
// a real file (bytes changed, dropped, added, the end cut) cover what a half-written or damaged one may.
// JsonPeek itself is held to QJsonDocument: whatever it vouches for, QJsonDocument reads the same way.
#include "core/store/JsonPeek.h"
#include "core/store/MetadataFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {

// What load() makes of the file, the reference loadSettings() must agree with.
QString expected(const MetadataFile &file)
{
    const Result<MetadataFile::Content> content = file.load();
    if (!content)
        return QStringLiteral("error %1: %2").arg(int(content.error().code)).arg(content.error().message);
    return QString::fromUtf8(QJsonDocument(content->settings.toJson()).toJson(QJsonDocument::Compact));
}

QString actual(const MetadataFile &file)
{
    const Result<Settings> settings = file.loadSettings();
    if (!settings)
        return QStringLiteral("error %1: %2").arg(int(settings.error().code)).arg(settings.error().message);
    return QString::fromUtf8(QJsonDocument(settings->toJson()).toJson(QJsonDocument::Compact));
}

// What JsonPeek says must never be looser than QJsonDocument: vouched for means it parses as an object,
// and the member found is the member QJsonDocument has.
bool peekAgreesWithQt(const QByteArray &bytes, JsonPeek::Peek *peek)
{
    QByteArrayView member;
    *peek = JsonPeek::topLevelMember(bytes, "settings", &member);
    if (*peek == JsonPeek::Peek::Unsure)
        return true;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return false;
    const QJsonObject object = doc.object();
    if (*peek == JsonPeek::Peek::Absent)
        return !object.contains(QStringLiteral("settings"));
    const QJsonDocument alone = QJsonDocument::fromJson("[" + member.toByteArray() + "]");
    return alone.isArray() && alone.array().size() == 1 &&
           alone.array().at(0) == object.value(QStringLiteral("settings"));
}

} // namespace

class TestMetadataFileSettings : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    MetadataFile file() const { return MetadataFile(m_dir.path()); }
    void write(const QByteArray &bytes) const
    {
        QFile out(file().path());
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(out.write(bytes), bytes.size());
    }

    // A tokens.json as this program writes it: settings away from the defaults and tokens whose names
    // need UTF-8 and escapes.
    QByteArray realFile() const
    {
        QFile::remove(file().path());
        const Result<MetadataFile::Content> written = file().update([](MetadataFile::Content &c) {
            c.settings.storageMode = StorageMode::KeychainOnly;
            c.settings.endpoint = QStringLiteral("https://hub.example.org");
            c.settings.expiryWarningDays = 12;
            c.settings.openAtLogin = true;
            c.storedTokensPath = QStringLiteral("/home/someone/.cache/huggingface/stored_tokens");
            const QStringList names = {QStringLiteral("plain"),
                                       QStringLiteral("caf\u00e9"),
                                       QStringLiteral("\u540d\u524d"),
                                       QStringLiteral("quote\"and\\slash"),
                                       QStringLiteral("emoji \U0001F600"),
                                       QStringLiteral("tab\there")};
            for (const QString &name : names) {
                TokenMetadata m;
                m.fingerprint = QStringLiteral("0123456789abcdef");
                m.masked = QStringLiteral("hf_****abcd");
                m.inKeychain = true;
                m.check.status = m.check.verdict = TokenStatus::Valid;
                m.check.checkedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);
                m.check.message = QStringLiteral("ok \u2013 %1").arg(name);
                WhoamiInfo who;
                who.user = name;
                who.role = QStringLiteral("write");
                m.check.whoami = who;
                c.tokens.insert(name, m);
            }
            return true;
        });
        QFile in(file().path());
        if (!written || !in.open(QIODevice::ReadOnly))
            return QByteArray();
        return in.readAll();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sameAsLoad_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("quick"); // JsonPeek vouches for it: the tokens are never parsed
        const QByteArray s =
            R"("settings":{"storage":"keychain-only","expiryWarningDays":3,"openAtLogin":true})";
        QTest::newRow("as written") << ("{" + s + R"(,"tokens":{"a":{"masked":"hf_****abcd"}},"version":1})")
                                    << true;
        QTest::newRow("tokens first, spaces")
            << ("\n\t{ \"tokens\" : { \"a\" : [ 1 , -2.5 , true , false , null ] } ,\r\n " + s + " }\n ")
            << true;
        QTest::newRow("no settings") << QByteArray(R"({"tokens":{},"version":1})") << true;
        QTest::newRow("empty object") << QByteArray("{}") << true;
        QTest::newRow("settings not an object") << QByteArray(R"({"settings":[1,2],"tokens":{}})") << true;
        QTest::newRow("settings a string") << QByteArray(R"({"settings":"keychain-only"})") << true;
        QTest::newRow("settings out of range")
            << QByteArray(R"({"settings":{"expiryWarningDays":9999,"storage":"nonsense"}})") << true;
        QTest::newRow("escapes in values")
            << ("{" + s + ",\"tokens\":{\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\":{\"m\":\"\\u20ac\"}}}")
            << true;
        QTest::newRow("utf-8 names") << ("{" + s +
                                         ",\"tokens\":{\"caf\xc3\xa9\":{},\"\xf0\x9f\x98\x80\":{}}}")
                                     << true;
        QTest::newRow("two settings")
            << QByteArray(R"({"settings":{"expiryWarningDays":3},"settings":{"expiryWarningDays":9}})")
            << false;
        QTest::newRow("escaped key") << QByteArray(R"({"settin\u0067s":{"expiryWarningDays":3}})") << false;
        QTest::newRow("byte-order mark") << ("\xef\xbb\xbf{" + s + "}") << false;
        QTest::newRow("exponent") << ("{" + s + R"(,"n":1e5})") << false;
        QTest::newRow("huge exponent") << ("{" + s + R"(,"n":1e999})") << false;
        QTest::newRow("long number") << ("{" + s + R"(,"n":123456789012345678901234567890})") << false;
        QTest::newRow("lone surrogate") << ("{" + s + R"(,"n":"\ud800"})") << false;
        QTest::newRow("surrogate pair") << ("{" + s + R"(,"n":"\ud83d\ude00"})") << false;
        QTest::newRow("deep") << ("{" + s + ",\"n\":" + QByteArray(300, '[') + QByteArray(300, ']') + "}")
                              << false;
        QTest::newRow("trailing comma") << ("{" + s + R"(,"tokens":{"a":1,}})") << false;
        QTest::newRow("garbage after") << ("{" + s + "} x") << false;
        QTest::newRow("second document") << ("{" + s + "}{}") << false;
        QTest::newRow("cut short") << ("{" + s + R"(,"tokens":{"a":)") << false;
        QTest::newRow("bad utf-8") << ("{" + s + ",\"tokens\":{\"caf\xc3\":{}}}") << false;
        QTest::newRow("overlong utf-8") << ("{" + s + ",\"tokens\":{\"\xc0\xaf\":{}}}") << false;
        QTest::newRow("encoded surrogate") << ("{" + s + ",\"tokens\":{\"\xed\xa0\x80\":{}}}") << false;
        QTest::newRow("control char") << ("{" + s + ",\"tokens\":{\"a\x01\":{}}}") << false;
        QTest::newRow("nul") << ("{" + s + QByteArray(",\0\"x\":1}", 8)) << false;
        QTest::newRow("leading zero") << ("{" + s + R"(,"n":01})") << false;
        QTest::newRow("bare minus") << ("{" + s + R"(,"n":-})") << false;
        QTest::newRow("single quotes") << ("{" + s + R"(,'n':1})") << false;
        QTest::newRow("top-level array") << QByteArray(R"([{"settings":{}}])") << false;
        QTest::newRow("unknown escape") << ("{" + s + R"(,"n":"\x"})") << false;
        QTest::newRow("only spaces") << QByteArray(" \n\t ") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void sameAsLoad()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, quick);
        write(bytes);
        QCOMPARE(actual(file()), expected(file()));
        JsonPeek::Peek peek = JsonPeek::Peek::Unsure;
        QVERIFY(peekAgreesWithQt(bytes, &peek));
        QCOMPARE(peek != JsonPeek::Peek::Unsure, quick);
    }

    void missingFileMeansDefaults()
    {
        QFile::remove(file().path());
        QCOMPARE(actual(file()), expected(file()));
        QVERIFY(bool(file().loadSettings()));
    }

    void realFileTakesTheQuickPath()
    {
        const QByteArray bytes = realFile();
        QVERIFY(!bytes.isEmpty());
        JsonPeek::Peek peek = JsonPeek::Peek::Unsure;
        QVERIFY(peekAgreesWithQt(bytes, &peek));
        QCOMPARE(peek, JsonPeek::Peek::Found);
        const Result<Settings> settings = file().loadSettings();
        QVERIFY(bool(settings));
        QCOMPARE(settings->storageMode, StorageMode::KeychainOnly);
        QCOMPARE(settings->expiryWarningDays, 12);
        QVERIFY(settings->openAtLogin);
        QCOMPARE(actual(file()), expected(file()));
    }

    // Damaged copies of a real file: loadSettings() agrees with load() on every one, and JsonPeek never
    // vouches for one QJsonDocument reads differently. Both paths must have been taken many times.
    void damagedFilesSameAsLoad()
    {
        const QByteArray original = realFile();
        QVERIFY(!original.isEmpty());
        const QByteArray interesting("{}[]\",:\\ 0-.eEtfnu\x00\x1f\x7f\x80\xbf\xc3\xe2\xed\xf0\xff", 28);
        QRandomGenerator random(20261201); // fixed: a failure is the same failure on every run
        int quick = 0, full = 0;
        for (int round = 0; round < 4000; ++round) {
            QByteArray bytes = original;
            const int edits = 1 + int(random.bounded(3));
            for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
                const qsizetype at = random.bounded(int(bytes.size()));
                const char with = interesting.at(random.bounded(int(interesting.size())));
                switch (random.bounded(4)) {
                case 0:
                    bytes[at] = with;
                    break;
                case 1:
                    bytes.remove(at, 1);
                    break;
                case 2:
                    bytes.insert(at, with);
                    break;
                default:
                    bytes.truncate(at);
                    break;
                }
            }
            write(bytes);
            JsonPeek::Peek peek = JsonPeek::Peek::Unsure;
            if (!peekAgreesWithQt(bytes, &peek))
                QFAIL(qPrintable(QStringLiteral("JsonPeek vouched for what QJsonDocument reads otherwise: %1")
                                     .arg(QString::fromLatin1(bytes.toPercentEncoding()))));
            const QString got = actual(file()), want = expected(file());
            if (got != want)
                QFAIL(qPrintable(QStringLiteral("%1 vs %2 for %3")
                                     .arg(got, want, QString::fromLatin1(bytes.toPercentEncoding()))));
            ++(peek == JsonPeek::Peek::Unsure ? full : quick);
        }
        qInfo("quick path %d, full parse %d", quick, full);
        QVERIFY(quick > 200);
        QVERIFY(full > 200);
    }
};

QTEST_GUILESS_MAIN(TestMetadataFileSettings)
#include "tst_metadatafile_settings.moc"
