// AccessExport: CSV (RFC 4180 quoting, formula-safe) and Markdown (escaped, labelled, with notes) from
// a grid snapshot; the state ids are the CLI's.
#include "core/access/AccessExport.h"
#include "core/access/AccessGrid.h"

#include <QTest>

using hftm::AccessCell;
using hftm::AccessColumn;
using hftm::AccessGrid;
using hftm::AccessState;
using hftm::RepoAccessResult;
using hftm::RepoRef;
using hftm::AccessExport::csvField;
using hftm::AccessExport::markdownText;

namespace {
AccessCell answered(RepoAccessResult::State state, const QString &explanation, int status = 200)
{
    RepoAccessResult result;
    result.state = state;
    result.explanation = explanation;
    result.httpStatus = status;
    AccessCell cell;
    cell.state = hftm::AccessWords::fromResult(state);
    cell.result = result;
    cell.checkedAt = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
    return cell;
}

AccessGrid sampleGrid()
{
    AccessGrid grid;
    grid.setRepos({*RepoRef::parse(QStringLiteral("example-org/tiny_demo")),
                   *RepoRef::parse(QStringLiteral("datasets/acme-research/gated-llm-8b"))});
    grid.setColumns({AccessColumn{QStringLiteral("laptop-read"), QStringLiteral("f1"), {}, {}},
                     AccessColumn{QStringLiteral("team|ci, \"main\""), QStringLiteral("f2"), {}, {}}});
    grid.setCell(
        0, 0,
        answered(RepoAccessResult::State::Readable, QStringLiteral("example-org/tiny_demo is readable.")));
    AccessCell gated = answered(RepoAccessResult::State::Gated,
                                QStringLiteral("The dataset is gated, \"manual\".\nRequest access."), 403);
    gated.result->errorCode = QStringLiteral("GatedRepo");
    gated.result->requestAccessUrl =
        QUrl(QStringLiteral("https://huggingface.co/datasets/acme-research/gated-llm-8b"));
    grid.setCell(1, 1, gated);
    return grid;
}
} // namespace

class TestAccessExport : public QObject {
    Q_OBJECT

private slots:
    void csvFieldEscaping_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << QStringLiteral("readable") << QStringLiteral("readable");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("leading space") << QStringLiteral(" a") << QStringLiteral("\" a\"");
        QTest::newRow("formula =") << QStringLiteral("=HYPERLINK(\"x\")")
                                   << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("formula +") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("formula -") << QStringLiteral("-1") << QStringLiteral("'-1");
        QTest::newRow("formula @") << QStringLiteral("@SUM") << QStringLiteral("'@SUM");
        QTest::newRow("unicode") << QStringLiteral("Zürich…") << QStringLiteral("Zürich…");
    }

    void csvFieldEscaping()
    {
        QFETCH(QString, in);
        QTEST(csvField(in), "out");
    }

    void csvHasOneLinePerCellWithCliStateIds()
    {
        const QString csv = QString::fromUtf8(hftm::AccessExport::toCsv(sampleGrid()));
        QVERIFY(csv.endsWith(QLatin1String("\r\n")));
        QVERIFY(csv.startsWith(
            QLatin1String("repo,token,state,label,http_status,error_code,explanation,hub_message,"
                          "request_access_url,checked_at\r\n")));
        QVERIFY2(csv.contains(QLatin1String("\r\nexample-org/tiny_demo,laptop-read,readable,Readable,200,,"
                                            "example-org/tiny_demo is readable.,,,2026-07-01T12:00:00Z\r\n")),
                 qPrintable(csv));
        QVERIFY2(csv.contains(QLatin1String("\r\nexample-org/tiny_demo,\"team|ci, \"\"main\"\"\",not-checked,"
                                            "Not checked,,,,,,\r\n")),
                 qPrintable(csv));
        QVERIFY2(csv.contains(QLatin1String(
                     "datasets/acme-research/gated-llm-8b,\"team|ci, \"\"main\"\"\",gated,"
                     "Gated,403,GatedRepo,\"The dataset is gated, \"\"manual\"\".\n"
                     "Request access.\",,https://huggingface.co/datasets/acme-research/gated-llm-8b,")),
                 qPrintable(csv));
        QCOMPARE(csv.count(QLatin1String("\r\n")), 1 + 4); // header + 2 repos × 2 tokens
    }

    void markdownTableAndNotes()
    {
        const QString md = hftm::AccessExport::toMarkdown(sampleGrid());
        const QStringList lines = md.split(QLatin1Char('\n'));
        QCOMPARE(lines.at(0), QStringLiteral("| Repo | laptop-read | team\\|ci, \"main\" |"));
        QCOMPARE(lines.at(1), QStringLiteral("| --- | --- | --- |"));
        QCOMPARE(lines.at(2), QStringLiteral("| example-org/tiny\\_demo | Readable | Not checked |"));
        QCOMPARE(lines.at(3),
                 QStringLiteral("| datasets/acme-research/gated-llm-8b | Not checked | Gated |"));
        QVERIFY2(md.contains(QLatin1String(
                     "- **datasets/acme-research/gated-llm-8b** with **team\\|ci, \"main\"**: "
                     "Gated (`gated`). The dataset is gated, \"manual\". Request "
                     "access. [Request access](https://huggingface.co/datasets/acme-research/gated-llm-8b)")),
                 qPrintable(md));
        QVERIFY(!md.contains(QLatin1String("tiny\\_demo** with"))); // readable cells need no note
    }

    void markdownEscapesSpecials()
    {
        QCOMPARE(markdownText(QStringLiteral("a|b*c_d`e[f](g)<h>\\i\nj#k")),
                 QStringLiteral("a\\|b\\*c\\_d\\`e\\[f\\](g)\\<h\\>\\\\i j\\#k"));
    }

    void stateIdsMatchTheCli()
    {
        using S = RepoAccessResult::State;
        for (S state : {S::Readable, S::Gated, S::NoAccess, S::NotFound, S::TokenInvalid, S::RateLimited,
                        S::Unreachable, S::Error})
            QCOMPARE(hftm::AccessWords::stateId(hftm::AccessWords::fromResult(state)),
                     RepoAccessResult::stateId(state));
        QCOMPARE(hftm::AccessWords::stateId(AccessState::NotChecked), QStringLiteral("not-checked"));
    }
};

QTEST_GUILESS_MAIN(TestAccessExport)
#include "tst_accessexport.moc"
