#pragma once

#include <QList>
#include <QObject>

class QMenu;
class QTableView;

namespace hftm {

class ColumnFitter;

// The table header's context menu: a checkable entry per column the user may show or hide (the columns
// in 'always' are never offered), and "Fit Columns to Content", which gives every width back to the
// fitter. It pops up (no nested event loop) and deletes itself when closed.
class ColumnChooser : public QObject {
    Q_OBJECT
public:
    ColumnChooser(QTableView *view, ColumnFitter *fitter, QList<int> always);

    QMenu *popup(const QPoint &globalPosition); // the menu shown, for tests

signals:
    void columnsChanged(); // a column was shown or hidden, or every width given back

private:
    QTableView *m_view;
    ColumnFitter *m_fitter;
    QList<int> m_always;
};

} // namespace hftm
