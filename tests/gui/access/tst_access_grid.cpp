// The access grid against the fake Hub over real sockets: every cell of the repo table gets the state
// and the plain-words explanation the Hub's answer means; cells fill in as answers arrive; the details
// pane shows the Hub's answer, the scopes and the request-access link.
#include "support/gui/AccessFixture.h"

#include "core/hub/RepoAccessChecker.h"
#include "core/runs/AccessRun.h"
#include "ui/access/AccessDetailsPane.h"
#include "ui/access/AccessGridModel.h"

#include <QAbstractItemModelTester>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString Laptop = QStringLiteral("laptop-read");
const QString CiWrite = QStringLiteral("ci-write");
const QString Bob = QStringLiteral("bob-finegrained");
const QString Colab = QStringLiteral("Colab notebooks");
const QString Oauth = QStringLiteral("oauth-carol-example");
} // namespace

class TestAccessGrid : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AccessFixture> f;

private slots:
    void init()
    {
        f = std::make_unique<AccessFixture>();
        QVERIFY(f->isValid());
    }
    void cleanup() { f.reset(); }

    void everyCellSaysWhatTheHubMeans_data()
    {
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("explains");
        const QString tiny = RepoTable.at(0), data = RepoTable.at(1), secret = RepoTable.at(2),
                      gated = RepoTable.at(3), missing = RepoTable.at(4);
        QTest::newRow("public") << tiny << Laptop << QStringLiteral("readable")
                                << QStringLiteral("example-org/tiny-demo-gpt is readable.");
        QTest::newRow("public, fine-grained")
            << tiny << Bob << QStringLiteral("readable") << QStringLiteral("is readable.");
        QTest::newRow("private with access")
            << data << Colab << QStringLiteral("readable") << QStringLiteral("(a private repo)");
        QTest::newRow("private with access, write")
            << data << CiWrite << QStringLiteral("readable") << QStringLiteral("(a private repo)");
        QTest::newRow("private, scope missing") << data << Bob << QStringLiteral("no-access")
                                                << QStringLiteral("its permissions are insufficient");
        QTest::newRow("private without access")
            << data << Laptop << QStringLiteral("not-found")
            << QStringLiteral("doesn't exist, or it is private and this token can't see it");
        QTest::newRow("private, nobody")
            << secret << CiWrite << QStringLiteral("not-found") << QStringLiteral("this token can't see it");
        QTest::newRow("gated accepted") << gated << CiWrite << QStringLiteral("readable")
                                        << QStringLiteral("(a gated repo; access was granted)");
        QTest::newRow("gated accepted, fine-grained")
            << gated << Bob << QStringLiteral("readable") << QStringLiteral("access was granted");
        QTest::newRow("gated not accepted")
            << gated << Laptop << QStringLiteral("gated") << QStringLiteral("has not been granted access");
        QTest::newRow("gated not accepted, org member")
            << gated << Colab << QStringLiteral("gated") << QStringLiteral("Request access at");
        QTest::newRow("missing") << missing << Colab << QStringLiteral("not-found")
                                 << QStringLiteral("The Space spaces/example-org/does-not-exist");
        QTest::newRow("invalid token, public") << tiny << Oauth << QStringLiteral("token-invalid")
                                               << QStringLiteral("The Hub rejected this token");
        QTest::newRow("invalid token, gated") << gated << Oauth << QStringLiteral("token-invalid")
                                              << QStringLiteral("revoked, expired or mistyped");
    }

    void everyCellSaysWhatTheHubMeans()
    {
        QFETCH(QString, repo);
        QFETCH(QString, token);
        QFETCH(QString, state);
        QFETCH(QString, explains);
        AccessWindow &w = f->window();
        QCOMPARE(f->stateId(repo, token), QStringLiteral("not-checked"));
        w.actions().checkAll->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 20000);
        QCOMPARE(f->stateId(repo, token), state);
        QVERIFY2(f->explanation(repo, token).contains(explains), qPrintable(f->explanation(repo, token)));
        const QModelIndex cell = w.model()->index(f->row(repo), f->column(token));
        QVERIFY(!cell.data(Qt::DisplayRole).toString().isEmpty()); // a label, never colour alone
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(f->explanation(repo, token)));
        QCOMPARE(cell.data(AccessGridModel::RequestAccessUrlRole).toUrl().isValid(),
                 state == QLatin1String("gated"));
    }

    void wholeGridAndTheModelContract()
    {
        AccessWindow &w = f->window();
        QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(w.model()->rowCount(), int(RepoTable.size()));
        QCOMPARE(w.model()->columnCount(), 5);
        QCOMPARE(w.model()->headerData(0, Qt::Vertical).toString(), RepoTable.at(0));
        w.actions().checkAll->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 20000);
        // Columns follow stored_tokens: Colab notebooks, bob-finegrained, ci-write, laptop-read, oauth-…
        const QString expected = QStringLiteral("readable readable readable readable token-invalid "
                                                "readable no-access readable not-found token-invalid "
                                                "not-found not-found not-found not-found token-invalid "
                                                "gated readable readable gated token-invalid "
                                                "not-found not-found not-found not-found token-invalid");
        QCOMPARE(f->stateIds(), expected.split(QLatin1Char(' ')));
        // Reordering and a token list reload keep every answer with its repo.
        w.view()->setCurrentIndex(w.model()->index(3, 0));
        w.actions().moveUp->trigger();
        QCOMPARE(f->stateId(RepoTable.at(3), Laptop), QStringLiteral("gated"));
        QCOMPARE(f->row(RepoTable.at(3)), 2);
        f->recordWhoami(Bob, QStringLiteral("whoami_fine_grained.json"));
        QCOMPARE(f->stateId(RepoTable.at(1), Bob), QStringLiteral("no-access"));
    }

    void cellsFillInAsAnswersArrive()
    {
        AccessWindow &w = f->window();
        f->hub.setLatencyMs(250);
        w.runner()->checker()->setMaxConcurrentPerHost(2);
        w.actions().checkAll->trigger();
        QVERIFY(w.progressBar()->isVisibleTo(&w));
        QCOMPARE(w.progressBar()->maximum(), 25);
        QVERIFY(w.actions().cancel->isEnabled());
        // Partial: some cells answered while others are still being asked.
        QTRY_VERIFY_WITH_TIMEOUT(f->stateIds().contains(QStringLiteral("readable")) &&
                                     f->stateIds().contains(QStringLiteral("checking")),
                                 10000);
        QVERIFY(w.progressBar()->value() > 0 && w.progressBar()->value() < 25);
        QVERIFY(f->hub.maxInFlight() <= 2);
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 30000);
        QTRY_VERIFY(!w.progressBar()->isVisibleTo(&w));
        QVERIFY(!w.actions().cancel->isEnabled());
    }

    void detailsPaneExplainsAGatedCell()
    {
        f->recordWhoami(Laptop, QStringLiteral("whoami_read_token.json"));
        AccessWindow &w = f->window();
        const QModelIndex cell = w.model()->index(f->row(RepoTable.at(3)), f->column(Laptop));
        w.view()->setCurrentIndex(cell);
        QCOMPARE(w.details()->stateText(), QStringLiteral("Not checked"));
        QVERIFY(!w.details()->requestAccessButton()->isVisibleTo(w.details()));
        w.actions().checkCells->trigger();
        QTRY_COMPARE(w.details()->stateText(), QStringLiteral("Gated"));
        QVERIFY(w.details()->explanationText().contains(QLatin1String("Request access at ")));
        QVERIFY2(w.details()->hubText().contains(QLatin1String("HTTP 403 (GatedRepo)")),
                 qPrintable(w.details()->hubText()));
        QVERIFY(w.details()->hubText().contains(QLatin1String("you are not in the authorized list")));
        QVERIFY2(w.details()->scopeText().contains(QLatin1String("Read token")),
                 qPrintable(w.details()->scopeText()));
        QVERIFY(w.details()->requestAccessButton()->isVisibleTo(w.details()));
        w.details()->requestAccessButton()->click();
        QCOMPARE(f->openedUrls,
                 QStringList{f->hub.endpoint() + QStringLiteral("/acme-research/gated-llm-8b")});
        QVERIFY(w.actions().requestAccess->isEnabled());
        w.actions().openRepoPage->trigger();
        QCOMPARE(f->openedUrls.size(), 2);
    }

    void detailsPaneShowsFineGrainedScopesNextToTheAnswer()
    {
        f->recordWhoami(Bob, QStringLiteral("whoami_fine_grained.json"));
        AccessWindow &w = f->window();
        w.view()->setCurrentIndex(w.model()->index(f->row(RepoTable.at(1)), f->column(Bob)));
        w.actions().checkCells->trigger();
        QTRY_COMPARE(w.details()->stateText(), QStringLiteral("No access"));
        const QString scopes = w.details()->scopeText();
        QVERIFY2(scopes.contains(QLatin1String("the organization acme-research (repo.content.read")),
                 qPrintable(scopes));
        QVERIFY2(scopes.contains(QLatin1String("role in acme-research: write")), qPrintable(scopes));
        QVERIFY2(scopes.contains(QLatin1String("yet the Hub refused")),
                 qPrintable(scopes)); // promise vs answer
        QVERIFY(w.details()->hubText().contains(QLatin1String("HTTP 403")));
        QVERIFY(!w.details()->requestAccessButton()->isVisibleTo(w.details()));
        QVERIFY(w.model()
                    ->headerData(f->column(Bob), Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("bob-example")));
    }
};

QTEST_MAIN(TestAccessGrid)
#include "tst_access_grid.moc"
