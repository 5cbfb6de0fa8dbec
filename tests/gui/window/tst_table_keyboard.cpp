// Issue 12, small things: Home/End and Ctrl+Home/End move through the rows (they moved between the
// columns of a whole-row selection, so nothing seemed to happen), the current row is scrolled into sight
// (after End, a sort, and when selected before the window showed), a double-click makes a row the
// active token, and an empty table says what to do: "No tokens yet…", or which filter matches nothing.
#include "ScreenTestMain.h"
#include "support/gui/WindowFixture.h"

#include "ui/window/TokenActions.h"
#include "ui/window/TokenTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr int Tokens = 60;

QString nameOf(int i)
{
    return QStringLiteral("token-%1").arg(i, 2, 10, QLatin1Char('0'));
}

void seed(WindowFixture &f)
{
    QByteArray ini;
    for (int i = 0; i < Tokens; ++i)
        ini += QStringLiteral("[%1]\nhf_token = hf_FAKEkeyboardTestToken%2xxxxxxxxxxxx\n\n")
                   .arg(nameOf(i))
                   .arg(i, 2, 10, QLatin1Char('0'))
                   .toUtf8();
    f.env.writeFile(QStringLiteral("stored_tokens"), ini);
}

int currentRow(const QTableView *table)
{
    return table->currentIndex().row();
}

bool inSight(const QTableView *table)
{
    const QRect cell = table->visualRect(table->currentIndex());
    return table->currentIndex().isValid() && table->viewport()->rect().contains(cell.center());
}

// As the window system delivers one: press, release, double-click, release (QTest's widget mouseDClick
// sends the double-click alone).
void doubleClick(QWidget *widget, const QPoint &at)
{
    QTest::mousePress(widget, Qt::LeftButton, {}, at);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, at);
    QTest::mouseDClick(widget, Qt::LeftButton, {}, at);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, at);
}

QLabel *emptyState(MainWindow &w)
{
    return w.table()->viewport()->findChild<QLabel *>();
}
} // namespace

class TestTableKeyboard : public QObject {
    Q_OBJECT

private slots:
    void homeAndEndMoveThroughTheRows()
    {
        WindowFixture f(false);
        seed(f);
        MainWindow &w = f.shownWindow();
        QTableView *table = w.table();
        QTRY_COMPARE(table->model()->rowCount(), Tokens);
        QVERIFY(w.selectToken(nameOf(10)));
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_End);
        QCOMPARE(currentRow(table), Tokens - 1);
        QCOMPARE(w.currentName(), nameOf(Tokens - 1)); // selected, not only focused
        QTRY_VERIFY(inSight(table));
        QTest::keyClick(table, Qt::Key_Home);
        QCOMPARE(currentRow(table), 0);
        QCOMPARE(w.currentName(), nameOf(0));
        QTRY_VERIFY(inSight(table));
        QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(currentRow(table), Tokens - 1);
        QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(currentRow(table), 0);
        QCOMPARE(w.currentName(), nameOf(0));
    }

    void theCurrentRowStaysInSight()
    {
        WindowFixture f(false);
        seed(f);
        // Selected before the window is shown, far down the list.
        MainWindow &w = f.window();
        w.loadStore();
        QVERIFY(w.selectToken(nameOf(50)));
        f.shownWindow();
        QTableView *table = w.table();
        QTRY_VERIFY(inSight(table));
        // A sort moves it to the other end: it is followed there.
        table->horizontalHeader()->setSortIndicator(TokenTableModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(w.currentName(), nameOf(50));
        QTRY_VERIFY(inSight(table));
        QTest::keyClick(table, Qt::Key_End);
        QTRY_VERIFY(inSight(table));
    }

    void aDoubleClickMakesTheRowActive()
    {
        WindowFixture f(false);
        seed(f);
        MainWindow &w = f.shownWindow();
        QTableView *table = w.table();
        QTRY_COMPARE(table->model()->rowCount(), Tokens);
        QVERIFY(w.selectToken(nameOf(3)));
        QTRY_VERIFY(w.actions()->makeActive->isEnabled()); // once the start-up edits are done
        QSignalSpy triggered(w.actions()->makeActive, &QAction::triggered);
        const QRect cell = table->visualRect(table->model()->index(3, TokenTableModel::NameColumn));
        doubleClick(table->viewport(), cell.center());
        QCOMPARE(triggered.count(), 1);
        QTRY_COMPARE(f.store()->active().name, nameOf(3));
        // The active row has nothing more to become.
        QTRY_VERIFY(!w.actions()->makeActive->isEnabled());
        doubleClick(table->viewport(), cell.center());
        QCOMPARE(triggered.count(), 1);
    }

    void anEmptyTableSaysWhatToDo()
    {
        WindowFixture f(false);
        MainWindow &w = f.shownWindow();
        QTRY_VERIFY(emptyState(w) && emptyState(w)->isVisible());
        QCOMPARE(emptyState(w)->text(),
                 QStringLiteral("No tokens yet: Add Token (Ctrl+N) or run \u201Chf auth login\u201D."));
        const QLabel *label = emptyState(w);
        QVERIFY(label->height() >= label->heightForWidth(label->width())); // never clipped
        QVERIFY(w.table()->viewport()->rect().contains(label->geometry()));
    }

    void aFilterThatMatchesNothingSaysSo()
    {
        WindowFixture f(false);
        seed(f);
        MainWindow &w = f.shownWindow();
        QTRY_COMPARE(w.table()->model()->rowCount(), Tokens);
        QVERIFY(!emptyState(w) || !emptyState(w)->isVisible());
        QTest::keyClicks(w.searchField(), QStringLiteral("xyz"));
        QTRY_COMPARE(w.table()->model()->rowCount(), 0);
        QTRY_VERIFY(emptyState(w) && emptyState(w)->isVisible());
        QCOMPARE(emptyState(w)->text(), QStringLiteral("No token matches \u201Cxyz\u201D."));
        w.searchField()->clear();
        QTRY_COMPARE(w.table()->model()->rowCount(), Tokens);
        QVERIFY(!emptyState(w)->isVisible());
    }
};

HFTM_SCREEN_TEST_MAIN(TestTableKeyboard, 1280, 800, 1.0)
#include "tst_table_keyboard.moc"
