#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVector>

#include <functional>

class QAbstractItemModel;
class QHeaderView;
class QTableView;

namespace hftm {

// Keeps a table's columns as wide as what they show: each column is refitted when its content changes
// (rows reset, added or changed), unless the user sized it by dragging its header divider. When the
// fitted columns do not fit the view, the elastic column (the name) gives way down to its minimum, and
// only then does the table scroll; when they leave room, the last visible column takes it.
class ColumnFitter : public QObject {
    Q_OBJECT
public:
    // measure(column, firstRow, lastRow): the width the cells of those rows need, over 'content' (the
    // rows as stored, so that typing a filter never moves the columns).
    using Measure = std::function<int(int column, int firstRow, int lastRow)>;
    ColumnFitter(QTableView *view, int elasticColumn, Measure measure);

    void setContentModel(QAbstractItemModel *content);
    void setElasticMinimum(int width) { m_elasticMinimum = width; }
    int elasticMinimum() const { return m_elasticMinimum; }

    bool isUserSized(int column) const { return m_userSized.contains(column); }
    QList<int> userSizedColumns() const;
    // A width the user chose before (restored from the last run): kept as if dragged there.
    void setUserWidth(int column, int width);
    // Forgets every width the user chose: all columns follow their content again.
    void fitAll();
    // Measures every row again soon (the font or the style changed what a cell needs).
    void refit();
    // Measures and lays out now what is due (it otherwise waits for the event loop to turn once).
    void fitNow();

signals:
    void userResized(int column); // a header divider was dragged (or double-clicked back to "fit")

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void remeasure(); // every row of every shown column (one shown again is measured then)
    // Only these cells; a column never shrinks for them.
    void grow(int firstRow, int lastRow, int firstColumn, int lastColumn);
    void schedule();
    void layOut(); // the widths from the measured ones and the room there is
    void onSectionResized(int column, int oldSize, int newSize);

    QTableView *m_view;
    QHeaderView *m_header;
    int m_elastic;
    Measure m_measure;
    QAbstractItemModel *m_content = nullptr;
    QVector<int> m_needed; // per column, what its cells need (0 until measured)
    QSet<int> m_userSized;
    int m_elasticMinimum = 0;
    bool m_remeasure = true; // the next fit measures every row
    bool m_laying = false;   // the fitter's own resizes are not the user's
    bool m_dragging = false; // a mouse button is down on the header
    QTimer m_timer;
};

} // namespace hftm
