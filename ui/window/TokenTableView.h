#pragma once

#include <QTableView>

namespace hftm {

// The token table's look and keyboard behaviour: whole-row single selection, sortable headers, the
// role badge delegate, sensible column widths, and a repaint when the system palette flips light/dark.
class TokenTableView : public QTableView {
    Q_OBJECT
public:
    explicit TokenTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitColumnsOnce();
    bool m_fitted = false;
};

} // namespace hftm
