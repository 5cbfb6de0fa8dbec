// ScopeCoverage: what a token's role and fine-grained scopes promise about one repo, per the spec's
// interpretation guidance (§4.3), over the real whoami fixtures.
#include "core/access/ScopeCoverage.h"
#include "core/hub/RepoAccessResult.h"
#include "core/hub/WhoamiParser.h"

#include <QFile>
#include <QTest>

using hftm::RepoRef;
using hftm::ScopeCoverage;
using hftm::WhoamiInfo;
using Kind = ScopeCoverage::Kind;
using Visibility = ScopeCoverage::Visibility;
using ReadVia = ScopeCoverage::ReadVia;

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(Visibility)
Q_DECLARE_METATYPE(ReadVia)

namespace {
std::optional<WhoamiInfo> fixture(const QString &name)
{
    if (name.isEmpty())
        return std::nullopt;
    QFile file(QStringLiteral(HFTM_TEST_DATA_DIR "/hub/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const hftm::Result<WhoamiInfo> info = hftm::WhoamiParser::parse(file.readAll());
    return info ? std::optional<WhoamiInfo>(*info) : std::nullopt;
}
} // namespace

class TestScopeCoverage : public QObject {
    Q_OBJECT

private slots:
    void table_data()
    {
        QTest::addColumn<QString>("whoami");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<Visibility>("visibility");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("canRead");
        QTest::addColumn<ReadVia>("readVia");
        QTest::addColumn<bool>("canWrite");
        QTest::addColumn<QStringList>("entities");
        QTest::addColumn<QString>("orgRole");

        const QString bob = QStringLiteral("whoami_fine_grained.json");
        const QString alice = QStringLiteral("whoami_read_token.json");
        const QString aliceWrite = QStringLiteral("whoami_write_token.json");
        const QString carol = QStringLiteral("whoami_org_member.json");
        const QString none;
        QTest::newRow("fine: own user scope")
            << bob << QStringLiteral("bob-example/notes") << Visibility::Private << Kind::FineGrained << true
            << ReadVia::Entity << true << QStringList{QStringLiteral("bob-example")} << QString();
        QTest::newRow("fine: org scope reads, cannot write")
            << bob << QStringLiteral("acme-research/eval-7b") << Visibility::Private << Kind::FineGrained
            << true << ReadVia::Entity << false << QStringList{QStringLiteral("acme-research")}
            << QStringLiteral("write");
        QTest::newRow("fine: repo scope adds write")
            << bob << QStringLiteral("acme-research/private-llm-7b") << Visibility::Unknown
            << Kind::FineGrained << true << ReadVia::Entity << true
            << QStringList{QStringLiteral("acme-research"), QStringLiteral("acme-research/private-llm-7b")}
            << QStringLiteral("write");
        QTest::newRow("fine: repo scope is case-insensitive")
            << bob << QStringLiteral("ACME-research/Private-LLM-7b") << Visibility::Unknown
            << Kind::FineGrained << true << ReadVia::Entity << true
            << QStringList{QStringLiteral("acme-research"), QStringLiteral("acme-research/private-llm-7b")}
            << QStringLiteral("write");
        QTest::newRow("fine: model scope does not cover a dataset")
            << bob << QStringLiteral("datasets/acme-research/private-llm-7b") << Visibility::Private
            << Kind::FineGrained << true << ReadVia::Entity << false
            << QStringList{QStringLiteral("acme-research")} << QStringLiteral("write");
        QTest::newRow("fine: public gated via flag")
            << bob << QStringLiteral("meta-llama/Llama-3.1-8B") << Visibility::PublicGated
            << Kind::FineGrained << true << ReadVia::GatedRepos << false << QStringList{} << QString();
        QTest::newRow("fine: public, no scope needed")
            << bob << QStringLiteral("datasets/other/open") << Visibility::Public << Kind::FineGrained << true
            << ReadVia::PublicRepo << false << QStringList{} << QString();
        QTest::newRow("fine: private elsewhere")
            << bob << QStringLiteral("other/secret") << Visibility::Private << Kind::FineGrained << false
            << ReadVia::None << false << QStringList{} << QString();
        QTest::newRow("fine: visibility unknown")
            << bob << QStringLiteral("other/secret") << Visibility::Unknown << Kind::FineGrained << false
            << ReadVia::None << false << QStringList{} << QString();
        QTest::newRow("read token, not a member")
            << alice << QStringLiteral("acme-research/x") << Visibility::Private << Kind::Classic << true
            << ReadVia::Role << false << QStringList{} << QString();
        QTest::newRow("write token, own namespace")
            << aliceWrite << QStringLiteral("alice-example/x") << Visibility::Private << Kind::Classic << true
            << ReadVia::Role << true << QStringList{} << QString();
        QTest::newRow("write token, org admin")
            << carol << QStringLiteral("spaces/acme-research/demo") << Visibility::Public << Kind::Classic
            << true << ReadVia::Role << true << QStringList{} << QStringLiteral("admin");
        QTest::newRow("write token, org read role")
            << carol << QStringLiteral("open-widgets/w") << Visibility::Public << Kind::Classic << true
            << ReadVia::Role << false << QStringList{} << QStringLiteral("read");
        QTest::newRow("never validated")
            << none << QStringLiteral("a/b") << Visibility::Public << Kind::Unknown << false << ReadVia::None
            << false << QStringList{} << QString();
    }

    void table()
    {
        QFETCH(QString, whoami);
        QFETCH(QString, repo);
        QFETCH(Visibility, visibility);
        const std::optional<WhoamiInfo> info = fixture(whoami);
        QCOMPARE(info.has_value(), !whoami.isEmpty());
        const ScopeCoverage c = ScopeCoverage::evaluate(info, *RepoRef::parse(repo), visibility);
        QTEST(c.kind, "kind");
        QTEST(c.canRead, "canRead");
        QTEST(c.readVia, "readVia");
        QTEST(c.canWrite, "canWrite");
        QStringList entities;
        for (const hftm::ScopedPermission &scope : c.entities)
            entities << scope.entityName;
        QTEST(entities, "entities");
        QTEST(c.orgRole, "orgRole");
        QVERIFY(!c.summary().isEmpty());
    }

    void fineGrainedSummaryNamesEntityPermissionsAndRole()
    {
        const ScopeCoverage c =
            ScopeCoverage::evaluate(fixture(QStringLiteral("whoami_fine_grained.json")),
                                    *RepoRef::parse(QStringLiteral("acme-research/private-llm-7b")));
        QCOMPARE(c.permissions.first(), QStringLiteral("repo.content.read"));
        QVERIFY(c.permissions.contains(QStringLiteral("repo.access.read")));
        const QString text = c.summary();
        QVERIFY2(text.contains(
                     QLatin1String("the organization acme-research (repo.content.read, collection.read")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("the model acme-research/private-llm-7b")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("role in acme-research: write")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("allow writing")), qPrintable(text));
    }

    void unknownRoleIsShownNotInterpreted()
    {
        WhoamiInfo info;
        info.user = QStringLiteral("dave");
        info.role = QStringLiteral("superRole");
        const ScopeCoverage c = ScopeCoverage::evaluate(info, *RepoRef::parse(QStringLiteral("a/b")));
        QCOMPARE(c.kind, Kind::Other);
        QVERIFY(!c.canRead);
        QVERIFY(c.summary().contains(QLatin1String("superRole")));
    }

    void visibilityComesFromTheCheck()
    {
        hftm::RepoAccessResult result;
        QCOMPARE(ScopeCoverage::visibilityOf(result), Visibility::Unknown);
        result.exists = true;
        QCOMPARE(ScopeCoverage::visibilityOf(result), Visibility::Public);
        result.gated = QStringLiteral("manual");
        QCOMPARE(ScopeCoverage::visibilityOf(result), Visibility::PublicGated);
        result.isPrivate = true;
        QCOMPARE(ScopeCoverage::visibilityOf(result), Visibility::Private);
    }
};

QTEST_GUILESS_MAIN(TestScopeCoverage)
#include "tst_scopecoverage.moc"
