#include "ui/window/TokenTableView.h"

#include "ui/common/RoleBadgeDelegate.h"
#include "ui/window/TokenTableModel.h"

#include <QEvent>
#include <QHeaderView>

namespace hftm {

TokenTableView::TokenTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTabKeyNavigation(false); // Tab leaves the table for the next control; arrows move within it
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    setItemDelegateForColumn(TokenTableModel::RoleColumn,
                             new RoleBadgeDelegate(TokenTableModel::RoleKindRole, this));
}

void TokenTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    // The last column takes what is left: a stretched Name column was squeezed to "…" whenever the
    // fitted columns filled the table's width, hiding the very names the table is for.
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    // Measuring a sample of rows is enough for widths, and keeps a long list off the start-up path.
    header->setResizeContentsPrecision(16);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TokenTableModel::ActiveColumn, QHeaderView::ResizeToContents);
    connect(model, &QAbstractItemModel::modelReset, this, &TokenTableView::fitColumnsOnce);
    fitColumnsOnce();
}

void TokenTableView::fitColumnsOnce()
{
    // Fitted once, when there is something to measure; after that the widths are the user's.
    if (m_fitted || !model() || model()->rowCount() == 0)
        return;
    m_fitted = true;
    for (int column = TokenTableModel::NameColumn; column < TokenTableModel::ColumnCount; ++column)
        resizeColumnToContents(column);
}

void TokenTableView::changeEvent(QEvent *event)
{
    // Warning colours and badges are derived from the palette at paint time.
    if (event->type() == QEvent::PaletteChange)
        viewport()->update();
    QTableView::changeEvent(event);
}

} // namespace hftm
