#pragma once

#include <QTableView>

namespace hftm {

class ColumnChooser;
class ColumnFitter;

// The token table's look and keyboard behaviour: whole-row single selection, sortable headers, the
// role badge delegate, columns that fit their content (ColumnFitter) and that the header's menu shows or
// hides (ColumnChooser), Home/End through the rows, and a repaint when the palette flips light/dark.
class TokenTableView : public QTableView {
    Q_OBJECT
public:
    explicit TokenTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    ColumnFitter *fitter() const { return m_fitter; }
    ColumnChooser *columnChooser() const { return m_chooser; }
    // Hidden until the user shows them: the same on every row for nearly everyone (storage, endpoint),
    // or said in the details pane next to the table (the last check; the Status column has its verdict).
    static QList<int> hiddenByDefault();

signals:
    // The user resized, showed or hid a column: a layout worth remembering.
    void columnsChanged();

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // The width the cells of these rows need in a column, over every stored row (not the filtered ones).
    int measure(int column, int firstRow, int lastRow) const;
    const QAbstractItemModel *contentModel() const;
    void scrollToCurrentSoon();

    ColumnFitter *m_fitter = nullptr;
    ColumnChooser *m_chooser = nullptr;
};

} // namespace hftm
