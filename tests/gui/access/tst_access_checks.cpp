// What "check cell / row / column" send to the Hub (only those pairs), and cancel mid-check: nothing
// changes afterwards, the progress stops, unanswered cells keep showing "not checked".
#include "support/gui/AccessFixture.h"

#include "core/hub/RepoAccessChecker.h"
#include "core/runs/AccessRun.h"
#include "ui/access/AccessGridModel.h"

#include <QFile>
#include <QProgressBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
// The repo path and the bearer secret of every request the fake Hub received.
QSet<QString> repoPaths(const FakeHub &hub)
{
    QSet<QString> paths;
    for (const RecordedRequest &request : hub.requests())
        paths << request.path.section(QLatin1Char('/'), 0, 4); // "/api/models/owner/name"
    return paths;
}

QSet<QByteArray> bearers(const FakeHub &hub)
{
    QSet<QByteArray> secrets;
    for (const RecordedRequest &request : hub.requests())
        secrets << request.header("authorization").mid(7);
    return secrets;
}
} // namespace

class TestAccessChecks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AccessFixture> f;

    void checkAndWait(QAction *action)
    {
        AccessWindow &w = f->window();
        QSignalSpy finished(w.runner(), &AccessRun::finished);
        f->hub.resetStats();
        action->trigger();
        QVERIFY(finished.count() == 1 || finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), false);
    }

private slots:
    void init()
    {
        f = std::make_unique<AccessFixture>();
        QVERIFY(f->isValid());
    }
    void cleanup() { f.reset(); }

    void checkCellAsksOnlyThatPair()
    {
        AccessWindow &w = f->window();
        w.view()->setCurrentIndex(
            w.model()->index(f->row(RepoTable.at(3)), f->column(QStringLiteral("laptop-read"))));
        checkAndWait(w.actions().checkCells);
        QCOMPARE(f->hub.requestCount(), 2); // repo info, then auth-check
        QCOMPARE(repoPaths(f->hub), QSet<QString>{QStringLiteral("/api/models/acme-research/gated-llm-8b")});
        QCOMPARE(bearers(f->hub), QSet<QByteArray>{LaptopReadSecret.toUtf8()});
        QCOMPARE(f->stateIds().count(QStringLiteral("not-checked")), 24);
    }

    void checkRowAsksThatRepoWithEveryToken()
    {
        AccessWindow &w = f->window();
        w.view()->setCurrentIndex(w.model()->index(f->row(RepoTable.at(1)), 0));
        checkAndWait(w.actions().checkRows);
        QCOMPARE(repoPaths(f->hub),
                 QSet<QString>{QStringLiteral("/api/datasets/acme-research/private-data")});
        QCOMPARE(bearers(f->hub),
                 (QSet<QByteArray>{LaptopReadSecret.toUtf8(), CiWriteSecret.toUtf8(), BobSecret.toUtf8(),
                                   ColabSecret.toUtf8(), OauthSecret.toUtf8()}));
        QCOMPARE(f->stateIds().count(QStringLiteral("not-checked")), 20);
    }

    void checkColumnAsksEveryRepoWithThatToken()
    {
        AccessWindow &w = f->window();
        w.view()->setCurrentIndex(w.model()->index(0, f->column(QStringLiteral("ci-write"))));
        checkAndWait(w.actions().checkColumns);
        QCOMPARE(bearers(f->hub), QSet<QByteArray>{CiWriteSecret.toUtf8()});
        QCOMPARE(repoPaths(f->hub).size(), 5);
        QCOMPARE(f->stateIds().count(QStringLiteral("not-checked")), 20);
        // A multi-cell selection checks exactly the selected cells.
        w.view()->clearSelection();
        w.view()->selectionModel()->select(w.model()->index(0, 0), QItemSelectionModel::Select);
        w.view()->selectionModel()->select(w.model()->index(4, 4), QItemSelectionModel::Select);
        checkAndWait(w.actions().checkCells);
        QCOMPARE(bearers(f->hub), (QSet<QByteArray>{ColabSecret.toUtf8(), OauthSecret.toUtf8()}));
        QCOMPARE(f->stateIds().count(QStringLiteral("not-checked")), 18);
    }

    void keyboardShortcutsCheck()
    {
        AccessWindow &w = f->window();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        w.view()->setFocus();
        w.view()->setCurrentIndex(w.model()->index(0, 0));
        QSignalSpy finished(w.runner(), &AccessRun::finished);
        // F5 asks about the selection and Shift+F5 about everything, as in the main window.
        QTest::keyClick(w.view(), Qt::Key_F5);
        QVERIFY(finished.wait(20000));
        QCOMPARE(f->stateIds().count(QStringLiteral("not-checked")), 24);
        QTest::keyClick(w.view(), Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 20000);
    }

    void cancelMidCheck()
    {
        AccessWindow &w = f->window();
        f->hub.setLatencyMs(300);
        w.runner()->checker()->setMaxConcurrentPerHost(2);
        AccessGridModel *model = w.model();
        // The user presses Cancel right after the first answers appear.
        int answered = 0;
        connect(w.runner(), &AccessRun::cellAnswered, &w, [&] {
            if (++answered == 2)
                w.actions().cancel->trigger();
        });
        QSignalSpy finished(w.runner(), &AccessRun::finished);
        w.actions().checkAll->trigger();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true); // cancelled
        QCOMPARE(answered, 2);
        const QStringList afterCancel = f->stateIds();
        QCOMPARE(afterCancel.count(QStringLiteral("not-checked")), 23); // reverted, not left "checking"
        QVERIFY(!afterCancel.contains(QStringLiteral("checking")));
        QVERIFY(!w.progressBar()->isVisibleTo(&w));
        QVERIFY(!w.actions().cancel->isEnabled());
        QVERIFY(!w.runner()->isRunning());

        // Nothing arrives later: no cell changes, no new request is sent, the progress stays put. The fake
        // Hub shares this event loop, so it may still log the (at most 2) requests that were already on the
        // wire when Cancel aborted them; what matters is that the client sends nothing more.
        const quint64 sentAtCancel = f->client->requestsSent();
        const int requestsAtCancel = f->hub.requestCount();
        QSignalSpy changes(model, &QAbstractItemModel::dataChanged);
        QSignalSpy progress(w.runner(), &AccessRun::progress);
        QVERIFY(!changes.wait(1200)); // longer than two more answers would take
        QCOMPARE(progress.count(), 0);
        QCOMPARE(f->stateIds(), afterCancel);
        QCOMPARE(f->client->requestsSent(), sentAtCancel);
        QVERIFY(f->hub.requestCount() <= requestsAtCancel + 2);

        // And the next run starts cleanly.
        f->hub.setLatencyMs(0);
        w.actions().checkAll->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 20000);
    }

    void anUnreadableSecretIsAnErrorCellAndNothingIsSent()
    {
        AccessWindow &w = f->window();
        // The secret vanished from stored_tokens (and the memory keychain never had it).
        QVERIFY(QFile::remove(f->env.paths().storedTokensPath));
        f->secrets.setUnavailable(true);
        w.view()->setCurrentIndex(w.model()->index(0, f->column(QStringLiteral("laptop-read"))));
        checkAndWait(w.actions().checkCells);
        QCOMPARE(f->hub.requestCount(), 0);
        QCOMPARE(f->stateId(RepoTable.at(0), QStringLiteral("laptop-read")), QStringLiteral("error"));
        QVERIFY(f->explanation(RepoTable.at(0), QStringLiteral("laptop-read"))
                    .contains(QLatin1String("Could not read")));
    }
};

QTEST_MAIN(TestAccessChecks)
#include "tst_access_checks.moc"
