// Issue 12, "readable at a glance": on a 1280×800 screen, twelve tokens of every kind in a window of the
// default size show every name whole, every cell's words uncut and no horizontal scrollbar; columns
// refit when what they show grows, except one the user sized; the header's menu shows and hides columns
// (storage, endpoint and last check step back by default); the name gives way, cut in the middle, only
// when the window is truly too narrow.
#include "LayoutGestures.h"
#include "ScreenTestMain.h"
#include "TwelveTokens.h"

#include "ui/window/ColumnFitter.h"
#include "ui/window/TokenTableModel.h"
#include "ui/window/TokenTableView.h"

#include <QAbstractItemView>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>

using namespace hftm;
using namespace hftm::test;

namespace {
// What a cell needs to show its words uncut: the delegate's size for it (font, icon, margins).
int needed(const QTableView *table, int row, int column)
{
    const QAbstractItemView *view = table; // sizeHintForIndex is public here
    return view->sizeHintForIndex(table->model()->index(row, column)).width();
}

QString cutCells(const QTableView *table)
{
    QStringList cut;
    const QHeaderView *header = table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        if (table->isColumnHidden(column))
            continue;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (needed(table, row, column) > header->sectionSize(column))
                cut << QStringLiteral("%1 (column %2: %3 > %4)")
                           .arg(table->model()->index(row, column).data().toString())
                           .arg(column)
                           .arg(needed(table, row, column))
                           .arg(header->sectionSize(column));
        }
    }
    return cut.join(QStringLiteral("; "));
}

int rowOf(const QTableView *table, const QString &name)
{
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, TokenTableModel::NameColumn).data(TokenTableModel::NameRole) == name)
            return row;
    }
    return -1;
}

} // namespace

class TestTableColumns : public QObject {
    Q_OBJECT

private slots:
    void init() { m_f = twelveTokenFixture(); }
    void cleanup() { m_f.reset(); }

    void everyNameFitsAtTheDefaultSize()
    {
        QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry().size(), QSize(1280, 800));
        MainWindow &w = m_f->shownWindow();
        QTableView *table = w.table();
        QCOMPARE(table->model()->rowCount(), 12);
        QTRY_VERIFY2(cutCells(table).isEmpty(), qPrintable(cutCells(table)));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
        // The name in its own words: the cell's font (bold for the active one) plus the style's margins.
        const int margin =
            2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        for (int row = 0; row < 12; ++row) {
            const QModelIndex name = table->model()->index(row, TokenTableModel::NameColumn);
            QFont font = table->font();
            if (const QVariant cellFont = name.data(Qt::FontRole); cellFont.isValid())
                font = cellFont.value<QFont>().resolve(table->font());
            const int width = QFontMetrics(font).horizontalAdvance(name.data().toString()) + margin;
            QVERIFY2(width <= table->columnWidth(TokenTableModel::NameColumn),
                     qPrintable(name.data().toString()));
        }
        // What is the same on every row, or said in the details pane, steps back.
        for (int column :
             {TokenTableModel::StorageColumn, TokenTableModel::EndpointColumn, TokenTableModel::CheckColumn})
            QVERIFY2(table->isColumnHidden(column), qPrintable(QString::number(column)));
    }

    void columnsRefitWhenWhatTheyShowGrows()
    {
        MainWindow &w = m_f->shownWindow();
        QTableView *table = w.table();
        QTRY_VERIFY2(cutCells(table).isEmpty(), qPrintable(cutCells(table)));
        const int before = table->columnWidth(TokenTableModel::UserColumn);
        // A check answers for a token with a long user name: the Hub user column grows to show it.
        std::optional<WhoamiInfo> who = twelveWhoami("whoami_read_token.json");
        QVERIFY(who);
        who->user = QStringLiteral("alice-example-research");
        TokenCheck check{TokenStatus::Valid, m_f->now, {}, TokenStatus::Valid, m_f->now, who};
        QVERIFY(!m_f->store()->recordCheck(QStringLiteral("pulp-cache"), check));
        const int row = rowOf(table, QStringLiteral("pulp-cache"));
        QTRY_VERIFY(table->columnWidth(TokenTableModel::UserColumn) >=
                    needed(table, row, TokenTableModel::UserColumn));
        QVERIFY(table->columnWidth(TokenTableModel::UserColumn) > before);
        QTRY_VERIFY2(cutCells(table).isEmpty(), qPrintable(cutCells(table)));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
    }

    void aColumnTheUserSizedKeepsItsWidth()
    {
        MainWindow &w = m_f->shownWindow();
        QTableView *table = w.table();
        QHeaderView *header = table->horizontalHeader();
        QTRY_VERIFY(cutCells(table).isEmpty());
        const int fitted = table->columnWidth(TokenTableModel::UserColumn);
        dragDivider(header, TokenTableModel::UserColumn, -30);
        const int chosen = table->columnWidth(TokenTableModel::UserColumn);
        QVERIFY2(chosen < fitted, qPrintable(QStringLiteral("%1 %2").arg(chosen).arg(fitted)));
        std::optional<WhoamiInfo> who = twelveWhoami("whoami_read_token.json");
        who->user = QStringLiteral("alice-example-research");
        TokenCheck check{TokenStatus::Valid, m_f->now, {}, TokenStatus::Valid, m_f->now, who};
        QVERIFY(!m_f->store()->recordCheck(QStringLiteral("pulp-cache"), check));
        const int row = rowOf(table, QStringLiteral("pulp-cache"));
        QTRY_COMPARE(table->model()->index(row, TokenTableModel::UserColumn).data().toString(), who->user);
        QCoreApplication::processEvents();
        QCOMPARE(table->columnWidth(TokenTableModel::UserColumn), chosen);
        // The name can be dragged too (it was a stretched section that could not be).
        const int name = table->columnWidth(TokenTableModel::NameColumn);
        dragDivider(header, TokenTableModel::NameColumn, -40);
        QCOMPARE(table->columnWidth(TokenTableModel::NameColumn), name - 40);
        // "Fit Columns to Content" gives them back to their content.
        QMenu *menu = openHeaderMenu(table);
        QAction *fit = menu->findChild<QAction *>(QStringLiteral("fitColumns"));
        QVERIFY(fit);
        fit->trigger();
        QTRY_VERIFY2(cutCells(table).isEmpty(), qPrintable(cutCells(table)));
        QCOMPARE(table->columnWidth(TokenTableModel::NameColumn), name);
        menu->close();
    }

    void theHeaderMenuChoosesTheColumns()
    {
        MainWindow &w = m_f->shownWindow();
        QTableView *table = w.table();
        QMenu *menu = openHeaderMenu(table);
        const QAbstractItemModel *model = table->model();
        const auto title = [model](int column) {
            return model->headerData(column, Qt::Horizontal).toString();
        };
        QVERIFY(!menuEntry(menu, title(TokenTableModel::NameColumn))); // the name is never hidden
        for (int column = TokenTableModel::StatusColumn; column < TokenTableModel::ColumnCount; ++column) {
            QAction *action = menuEntry(menu, title(column));
            QVERIFY2(action && action->isCheckable(), qPrintable(title(column)));
            QCOMPARE(action->isChecked(), !table->isColumnHidden(column));
        }
        menuEntry(menu, title(TokenTableModel::EndpointColumn))->trigger();
        menu->close();
        QVERIFY(!table->isColumnHidden(TokenTableModel::EndpointColumn));
        QTRY_VERIFY2(cutCells(table).isEmpty(), qPrintable(cutCells(table)));
        menu = openHeaderMenu(table);
        QVERIFY(menuEntry(menu, title(TokenTableModel::EndpointColumn))->isChecked());
        menuEntry(menu, title(TokenTableModel::RoleColumn))->trigger();
        menu->close();
        QVERIFY(table->isColumnHidden(TokenTableModel::RoleColumn));
    }

    void theNameGivesWayOnlyWhenTheWindowIsTooNarrow()
    {
        MainWindow &w = m_f->shownWindow();
        QTableView *table = w.table();
        QTRY_VERIFY(cutCells(table).isEmpty());
        const int longest = needed(table, rowOf(table, twelveNames().first()), TokenTableModel::NameColumn);
        w.resize(1000, w.height());
        QTRY_VERIFY(table->columnWidth(TokenTableModel::NameColumn) < longest);
        // Cut in the middle, never below a width that still tells names apart; the others stay whole.
        QVERIFY(table->columnWidth(TokenTableModel::NameColumn) >=
                table->fontMetrics().averageCharWidth() * 18);
        for (int column :
             {TokenTableModel::StatusColumn, TokenTableModel::UserColumn, TokenTableModel::RoleColumn}) {
            for (int row = 0; row < 12; ++row)
                QVERIFY(table->columnWidth(column) >= needed(table, row, column));
        }
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        // Room again: the whole name comes back.
        w.resize(1230, w.height());
        QTRY_VERIFY(table->columnWidth(TokenTableModel::NameColumn) >= longest);
    }

    void fiveHundredRowsAreMeasuredWhole()
    {
        // Every row is measured (a long name sorted last, far below the rows in sight, is not cut), and what it costs is printed.
        m_f.reset(); // one scratch world at a time
        WindowFixture f(false);
        QByteArray ini;
        for (int i = 0; i < 500; ++i)
            ini += QStringLiteral("[%1]\nhf_token = hf_FAKEcolumnsFiveHundred%2xxxxxxxxxxxx\n\n")
                       .arg(i == 421 ? QStringLiteral("zeta-long-name-far-down-the-list-%1").arg(i)
                                     : QStringLiteral("tok-%1").arg(i))
                       .arg(i, 3, 10, QLatin1Char('0'))
                       .toUtf8();
        f.env.writeFile(QStringLiteral("stored_tokens"), ini);
        MainWindow &w = f.shownWindow();
        auto *table = static_cast<TokenTableView *>(w.table());
        QTRY_COMPARE(table->model()->rowCount(), 500);
        QElapsedTimer timer;
        timer.start();
        table->fitter()->refit();
        table->fitter()->fitNow();
        qInfo("measuring and laying out 500 rows x %d columns: %lld ms", TokenTableModel::ColumnCount,
              timer.elapsed());
        const int row = rowOf(table, QStringLiteral("zeta-long-name-far-down-the-list-421"));
        QVERIFY(row >= 0);
        QVERIFY(table->columnWidth(TokenTableModel::NameColumn) >=
                needed(table, row, TokenTableModel::NameColumn));
    }

private:
    std::unique_ptr<WindowFixture> m_f;
};

HFTM_SCREEN_TEST_MAIN(TestTableColumns, 1280, 800, 1.0)
#include "tst_table_columns.moc"
