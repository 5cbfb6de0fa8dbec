#include "ui/access/AccessGridView.h"

#include "core/access/AccessGrid.h"
#include "ui/access/AccessCellDelegate.h"

#include <QHeaderView>

#include <algorithm>

namespace hftm {

namespace {
QList<int> sortedUnique(QList<int> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}
} // namespace

AccessGridView::AccessGridView(QWidget *parent)
    : QTableView(parent)
{
    setItemDelegate(new AccessCellDelegate(this));
    setAccessibleName(tr("Access grid: repos by tokens"));
    setShowGrid(false);
    setWordWrap(false);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    horizontalHeader()->setMinimumSectionSize(90);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 18);
    verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (QHeaderView *header : {horizontalHeader(), verticalHeader()}) {
        header->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &position) {
            const int section = header->logicalIndexAt(position);
            if (section < 0)
                return;
            if (header->orientation() == Qt::Vertical)
                selectRow(section);
            else
                selectColumn(section);
            Q_EMIT headerMenuRequested(header->orientation(), header->mapToGlobal(position));
        });
    }
}

void AccessGridView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &AccessGridView::fitColumns);
    connect(model, &QAbstractItemModel::headerDataChanged, this, &AccessGridView::fitColumns);
    fitColumns();
}

void AccessGridView::fitColumns()
{
    if (!model())
        return;
    int widest = 0;
    for (int s = int(AccessState::NotChecked); s <= int(AccessState::Error); ++s)
        widest = std::max(widest, fontMetrics().horizontalAdvance(AccessWords::label(AccessState(s))));
    for (int column = 0; column < model()->columnCount(); ++column) {
        // The header's own hint, measured with the bold font the current section uses.
        QFont bold = horizontalHeader()->font();
        bold.setBold(true);
        const int title =
            QFontMetrics(bold).horizontalAdvance(model()->headerData(column, Qt::Horizontal).toString());
        setColumnWidth(column, std::max(widest, title) + 28);
    }
}

QList<QPair<int, int>> AccessGridView::selectedCells() const
{
    QList<QPair<int, int>> cells;
    for (const QModelIndex &index : selectionModel()->selectedIndexes())
        cells.append({index.row(), index.column()});
    if (cells.isEmpty() && currentIndex().isValid())
        cells.append({currentIndex().row(), currentIndex().column()});
    return cells;
}

QList<int> AccessGridView::selectedRows() const
{
    QList<int> rows;
    for (const auto &[row, column] : selectedCells())
        rows << row;
    return sortedUnique(rows);
}

QList<int> AccessGridView::selectedColumns() const
{
    QList<int> columns;
    for (const auto &[row, column] : selectedCells())
        columns << column;
    return sortedUnique(columns);
}

} // namespace hftm
