// Issue 12, "window size, splitter, column widths and sort order are remembered": a user sizes the
// window, drags the name column and the splitter, hides and shows columns and sorts by state; the next
// window over the same config folder (a restart) comes back so. A saved layout that no longer fits (a
// bigger screen's size, a column that is gone, widths beyond the screen) is clamped, never applied as is.
#include "LayoutGestures.h"
#include "ScreenTestMain.h"
#include "TwelveTokens.h"

#include "ui/window/TokenTableModel.h"

#include <QDir>
#include <QHeaderView>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTableView>

using namespace hftm;
using namespace hftm::test;

class TestWindowLayoutMemory : public QObject {
    Q_OBJECT

private slots:
    void init() { m_f = twelveTokenFixture(); }
    void cleanup() { m_f.reset(); }

    void aRestartBringsTheLayoutBack()
    {
        auto first = std::make_unique<MainWindow>(m_f->context());
        first->show();
        QVERIFY(QTest::qWaitForWindowExposed(first.get()));
        first->setGeometry(60, 70, 1150, 690);
        QTRY_COMPARE(first->geometry(), QRect(60, 70, 1150, 690));
        QTableView *table = first->table();
        QHeaderView *header = table->horizontalHeader();
        QSplitter *splitter = first->findChild<QSplitter *>();
        QVERIFY(splitter);
        QTRY_VERIFY(table->columnWidth(TokenTableModel::NameColumn) > 200);

        dragDivider(header, TokenTableModel::NameColumn, -60);
        const int name = table->columnWidth(TokenTableModel::NameColumn);
        toggleColumn(table, TokenTableModel::RoleColumn);    // hidden
        toggleColumn(table, TokenTableModel::StorageColumn); // shown
        clickHeader(header, TokenTableModel::StatusColumn);
        if (header->sortIndicatorOrder() != Qt::DescendingOrder)
            clickHeader(header, TokenTableModel::StatusColumn);
        QCOMPARE(header->sortIndicatorSection(), int(TokenTableModel::StatusColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        const int detailsBefore = splitter->sizes().value(1);
        dragSplitter(splitter, -50);
        const int details = splitter->sizes().value(1);
        QVERIFY2(details > detailsBefore,
                 qPrintable(QStringLiteral("%1 %2").arg(details).arg(detailsBefore)));
        QCOMPARE(table->columnWidth(TokenTableModel::NameColumn), name); // the splitter moved nothing else
        const QStringList order = [&] {
            QStringList names;
            for (int row = 0; row < table->model()->rowCount(); ++row)
                names << table->model()->index(row, TokenTableModel::NameColumn).data().toString();
            return names;
        }();
        first.reset(); // quit

        MainWindow second(m_f->context());
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        table = second.table();
        header = table->horizontalHeader();
        QTRY_COMPARE(table->model()->rowCount(), 12);
        QCOMPARE(second.geometry(), QRect(60, 70, 1150, 690));
        QTRY_COMPARE(table->columnWidth(TokenTableModel::NameColumn), name);
        QVERIFY(table->isColumnHidden(TokenTableModel::RoleColumn));
        QVERIFY(!table->isColumnHidden(TokenTableModel::StorageColumn));
        QVERIFY(table->isColumnHidden(TokenTableModel::EndpointColumn)); // as it was: hidden by default
        QCOMPARE(header->sortIndicatorSection(), int(TokenTableModel::StatusColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(second.findChild<QSplitter *>()->sizes().value(1), details);
        QStringList shown;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            shown << table->model()->index(row, TokenTableModel::NameColumn).data().toString();
        QCOMPARE(shown, order);
    }

    void aSavedLayoutThatNoLongerFitsIsClamped()
    {
        // As a larger screen and an older version left it: a window of 2600×1700 far right, a name
        // column wider than this screen, a column that is gone, and the name among the hidden ones.
        const QString path =
            QDir(m_f->store()->options().legacyConfigDir).filePath(QStringLiteral("window.ini"));
        {
            QSettings ini(path, QSettings::IniFormat);
            ini.setValue(QStringLiteral("window/geometry"), QRect(3000, 1200, 2600, 1700));
            ini.setValue(
                QStringLiteral("columns/order"),
                QStringList{QStringLiteral("gone"), QStringLiteral("status"), QStringLiteral("name")});
            ini.setValue(QStringLiteral("columns/hidden"),
                         QStringList{QStringLiteral("role"), QStringLiteral("name")});
            ini.setValue(QStringLiteral("columns/sortColumn"), QStringLiteral("gone"));
            ini.setValue(QStringLiteral("columnWidths/name"), 5000);
            ini.setValue(QStringLiteral("columnWidths/user"), -40);
            ini.setValue(QStringLiteral("columnWidths/gone"), 70);
            ini.setValue(QStringLiteral("splitter/detailsWidth"), 4000);
        }
        MainWindow &w = m_f->shownWindow();
        const QRect available = w.screen()->availableGeometry();
        QTRY_VERIFY2(inside(available, w.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                          .arg(w.frameGeometry().x())
                                                                          .arg(w.frameGeometry().y())
                                                                          .arg(w.frameGeometry().width())
                                                                          .arg(w.frameGeometry().height())));
        QTableView *table = w.table();
        QTRY_COMPARE(table->model()->rowCount(), 12);
        QVERIFY(table->isColumnHidden(TokenTableModel::RoleColumn)); // what still applies, applies
        QVERIFY(!table->isColumnHidden(TokenTableModel::NameColumn));
        QCOMPARE(table->horizontalHeader()->visualIndex(TokenTableModel::StatusColumn), 0);
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(TokenTableModel::NameColumn));
        QVERIFY(table->columnWidth(TokenTableModel::NameColumn) <= available.width() * 2 / 3);
        QVERIFY(table->columnWidth(TokenTableModel::UserColumn) >=
                table->horizontalHeader()->minimumSectionSize());
        QSplitter *splitter = w.findChild<QSplitter *>();
        QVERIFY(splitter->sizes().value(1) <= w.width() / 2);
        QVERIFY(splitter->sizes().value(0) >= w.width() / 2 - 20);
    }

private:
    std::unique_ptr<WindowFixture> m_f;
};

HFTM_SCREEN_TEST_MAIN(TestWindowLayoutMemory, 1280, 800, 1.0)
#include "tst_window_layout_memory.moc"
