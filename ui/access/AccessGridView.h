#pragma once

#include <QList>
#include <QPair>
#include <QTableView>

namespace hftm {

// The grid's table: state-coloured cells, repo names as row headers, token names as column headers,
// columns wide enough for every state label, and the selection read back as cells, rows or columns.
class AccessGridView : public QTableView {
    Q_OBJECT
public:
    explicit AccessGridView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    // The selected (row, column) cells; the current cell when nothing is selected.
    QList<QPair<int, int>> selectedCells() const;
    QList<int> selectedRows() const;
    QList<int> selectedColumns() const;

    // Sizes columns to fit the longest state label and their token name, once, so they don't jump
    // while cells fill in.
    void fitColumns();

Q_SIGNALS:
    // A right click (or the menu key) on a header section, after that row or column was selected.
    void headerMenuRequested(Qt::Orientation orientation, const QPoint &globalPosition);
};

} // namespace hftm
