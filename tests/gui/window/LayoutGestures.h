#pragma once

// What a user does to a window's layout, through the mouse as they would: drag a header divider or the
// splitter, click a header to sort, open the header's column menu; and the geometry checks the layout
// tests share.
#include <QApplication>
#include <QHeaderView>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTest>

namespace hftm::test {

// Drags the right edge of a column's header by dx.
inline void dragDivider(QHeaderView *header, int column, int dx)
{
    const int edge = header->sectionViewportPosition(column) + header->sectionSize(column) - 1;
    const QPoint from(edge, header->height() / 2);
    QTest::mousePress(header->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(header->viewport(), from + QPoint(dx / 2, 0));
    QTest::mouseMove(header->viewport(), from + QPoint(dx, 0));
    QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, from + QPoint(dx, 0));
}

inline void clickHeader(QHeaderView *header, int column)
{
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
}

// Drags the handle between the table and the details by dx.
inline void dragSplitter(QSplitter *splitter, int dx)
{
    QWidget *handle = splitter->handle(1);
    const QPoint centre = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, centre);
    QTest::mouseMove(handle, centre + QPoint(dx, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, centre + QPoint(dx, 0));
}

// The header's context menu, open: it pops up and the request returns (no exec() on the test's stack).
inline QMenu *openHeaderMenu(QTableView *table)
{
    QHeaderView *header = table->horizontalHeader();
    emit header->customContextMenuRequested(QPoint(header->sectionViewportPosition(2) + 5, 5));
    QMenu *menu = nullptr;
    [&] { QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget()))); }();
    return menu;
}

inline QAction *menuEntry(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

// Shows or hides a column through the header's menu.
inline void toggleColumn(QTableView *table, int column)
{
    QMenu *menu = openHeaderMenu(table);
    QVERIFY(menu);
    QAction *entry = menuEntry(menu, table->model()->headerData(column, Qt::Horizontal).toString());
    QVERIFY(entry);
    entry->trigger();
    menu->close();
}

inline bool inside(const QRect &outer, const QRect &inner)
{
    return outer.contains(inner.topLeft()) && outer.contains(inner.bottomRight());
}

inline QString rectText(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace hftm::test
