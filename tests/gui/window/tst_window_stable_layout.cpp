// Issue 12, "the layout jumps": the details pane resized the table on every selection, and "Stop
// Validating" pushed the toolbar 110 px so that a click meant for Copy landed on Repo Access. Selecting
// every token in turn leaves the table and the splitter as they were; a validation run starting and
// ending moves no toolbar button.
#include "ScreenTestMain.h"
#include "TwelveTokens.h"

#include "support/FakeHub.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"

#include <QSplitter>
#include <QTableView>
#include <QToolBar>

using namespace hftm;
using namespace hftm::test;

namespace {
void settle()
{
    // Layout requests are posted events: a few turns of the loop carry them out.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}
} // namespace

class TestWindowStableLayout : public QObject {
    Q_OBJECT

private slots:
    void selectingTokensLeavesTheTableAlone()
    {
        WindowFixture f(false);
        seedTwelveTokens(f);
        MainWindow &w = f.shownWindow();
        QTRY_COMPARE(w.table()->model()->rowCount(), 12);
        QTRY_VERIFY(!w.isCheckingKeychain()); // its banner comes and goes by itself
        settle();
        auto *splitter = w.findChild<QSplitter *>();
        QVERIFY(splitter);
        // Across: banners above may come and go with the selection (one offers to make it active).
        const int table = w.table()->width();
        const QList<int> sizes = splitter->sizes();
        const int nameWidth = w.table()->columnWidth(1);
        // Some token's details need more width than the pane has (a long name without a place to wrap):
        // a pane sized by its content would push the splitter for it.
        int widest = 0;
        for (const QString &name : twelveNames()) {
            QVERIFY(w.selectToken(name));
            settle();
            widest = std::max(widest, w.details()->minimumSizeHint().width());
        }
        QVERIFY2(widest > sizes.value(1), qPrintable(QStringLiteral("%1 %2").arg(widest).arg(sizes.value(1))));
        QCOMPARE(splitter->sizes(), sizes);
        for (int pass = 0; pass < 2; ++pass) {
            for (const QString &name : twelveNames()) {
                QVERIFY(w.selectToken(name));
                settle();
                QCOMPARE(w.currentName(), name);
                QCOMPARE(w.table()->width(), table);
                QCOMPARE(splitter->sizes(), sizes);
                QCOMPARE(w.table()->columnWidth(1), nameWidth);
            }
        }
    }

    void aValidationRunMovesNoToolbarButton()
    {
        WindowFixture f(false);
        FakeHub hub;
        QVERIFY(hub.start());
        hub.setLatencyMs(5000); // the run lasts until it is stopped
        f.env.set(QStringLiteral("HF_ENDPOINT"), hub.endpoint());
        seedTwelveTokens(f);
        MainWindow &w = f.shownWindow();
        auto *toolbar = w.findChild<QToolBar *>(QStringLiteral("TokenToolBar"));
        QVERIFY(toolbar);
        TokenActions *actions = w.actions();
        settle();
        QWidget *validateAll = toolbar->widgetForAction(actions->validateAll);
        QWidget *stop = toolbar->widgetForAction(actions->cancelValidation);
        QList<QAction *> after{actions->checkAccess, actions->copy,   actions->reveal,
                               actions->rename,      actions->remove, actions->settings};
        QList<QRect> before;
        for (QAction *action : after)
            before << toolbar->widgetForAction(action)->geometry();
        QVERIFY(validateAll->isVisible());
        QVERIFY(!stop->isVisible());
        const int slot = validateAll->x();

        WindowFixture::trigger(actions->validateAll);
        QTRY_VERIFY(stop->isVisible());
        settle();
        QVERIFY(!validateAll->isVisible()); // Stop Validating takes its place
        for (int i = 0; i < after.size(); ++i)
            QCOMPARE(toolbar->widgetForAction(after.at(i))->geometry(), before.at(i));
        QCOMPARE(stop->x(), slot);

        WindowFixture::trigger(actions->cancelValidation);
        QTRY_VERIFY(validateAll->isVisible());
        settle();
        for (int i = 0; i < after.size(); ++i)
            QCOMPARE(toolbar->widgetForAction(after.at(i))->geometry(), before.at(i));
    }
};

HFTM_SCREEN_TEST_MAIN(TestWindowStableLayout, 1280, 800, 1.0)
#include "tst_window_stable_layout.moc"
