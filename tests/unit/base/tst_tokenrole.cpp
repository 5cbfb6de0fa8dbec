// TokenRole: the Hub's role word parsed once, where a whoami answer is parsed and where our metadata is
// loaded; the Hub's spelling kept byte for byte (persistence, and the only name of an unknown role).
#include "core/base/TokenRole.h"
#include "core/base/WhoamiInfo.h"
#include "core/hub/WhoamiParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hftm;

class TokenRoleTest : public QObject {
    Q_OBJECT
private slots:
    void parsedOnceAndKeptAsSpelled_data()
    {
        QTest::addColumn<QString>("hubRole");
        QTest::addColumn<TokenRole>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("read") << QStringLiteral("read") << TokenRole::Read << QStringLiteral("read");
        QTest::newRow("write") << QStringLiteral("write") << TokenRole::Write << QStringLiteral("write");
        QTest::newRow("fineGrained") << QStringLiteral("fineGrained") << TokenRole::FineGrained
                                     << QStringLiteral("fine-grained");
        QTest::newRow("unknown role")
            << QStringLiteral("superRole") << TokenRole::Unknown << QStringLiteral("superRole");
        QTest::newRow("case matters")
            << QStringLiteral("Write") << TokenRole::Unknown << QStringLiteral("Write");
        QTest::newRow("none") << QString() << TokenRole::Unknown << QString();
    }

    void parsedOnceAndKeptAsSpelled()
    {
        QFETCH(QString, hubRole);
        QFETCH(TokenRole, kind);
        QFETCH(QString, words);
        // The Hub's /api/whoami-v2 shape.
        QJsonObject accessToken{{QStringLiteral("displayName"), QStringLiteral("ci")}};
        if (!hubRole.isNull())
            accessToken.insert(QStringLiteral("role"), hubRole);
        const QJsonObject root{
            {QStringLiteral("type"), QStringLiteral("user")},
            {QStringLiteral("name"), QStringLiteral("alice")},
            {QStringLiteral("auth"), QJsonObject{{QStringLiteral("type"), QStringLiteral("access_token")},
                                                 {QStringLiteral("accessToken"), accessToken}}},
        };
        const Result<WhoamiInfo> parsed = WhoamiParser::parse(QJsonDocument(root).toJson());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->roleKind, kind);
        QCOMPARE(parsed->role, hubRole);
        QCOMPARE(tokenRoleText(parsed->roleKind, parsed->role), words);

        // Our metadata keeps the Hub's word as it came, and loading it parses it again, once.
        const QJsonObject saved = parsed->toJson();
        QCOMPARE(saved.value(QStringLiteral("role")).toString(), hubRole);
        const WhoamiInfo loaded = WhoamiInfo::fromJson(saved);
        QCOMPARE(loaded.roleKind, kind);
        QCOMPARE(loaded.role, hubRole);
        QCOMPARE(loaded.toJson(), saved);
        QCOMPARE(parseTokenRole(hubRole), kind);
    }
};

QTEST_GUILESS_MAIN(TokenRoleTest)
#include "tst_tokenrole.moc"
