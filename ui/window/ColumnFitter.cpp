#include "ui/window/ColumnFitter.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace hftm {

ColumnFitter::ColumnFitter(QTableView *view, int elasticColumn, Measure measure)
    : QObject(view)
    , m_view(view)
    , m_header(view->horizontalHeader())
    , m_elastic(elasticColumn)
    , m_measure(std::move(measure))
{
    // One fit per turn of the event loop however many rows changed in it.
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ColumnFitter::fitNow);
    connect(m_header, &QHeaderView::sectionResized, this, &ColumnFitter::onSectionResized);
    // A double-click on a divider means "fit this one to its content" again: it stops being the user's.
    connect(m_header, &QHeaderView::sectionHandleDoubleClicked, this, [this](int column) {
        m_userSized.remove(column);
        m_remeasure = true;
        fitNow();
        emit userResized(column);
    });
    m_header->viewport()->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
}

void ColumnFitter::setContentModel(QAbstractItemModel *content)
{
    if (m_content)
        disconnect(m_content, nullptr, this, nullptr);
    m_content = content;
    m_remeasure = true;
    if (!content)
        return;
    const auto all = [this] {
        m_remeasure = true;
        schedule();
    };
    connect(content, &QAbstractItemModel::modelReset, this, all);
    connect(content, &QAbstractItemModel::rowsRemoved, this, all); // a shorter list may need less room
    connect(
        content, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { grow(first, last, 0, m_header->count() - 1); });
    connect(content, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                grow(topLeft.row(), bottomRight.row(), topLeft.column(), bottomRight.column());
            });
    schedule();
}

QList<int> ColumnFitter::userSizedColumns() const
{
    QList<int> columns(m_userSized.begin(), m_userSized.end());
    std::sort(columns.begin(), columns.end());
    return columns;
}

void ColumnFitter::setUserWidth(int column, int width)
{
    if (column < 0 || column >= m_header->count())
        return;
    m_userSized.insert(column);
    m_laying = true;
    m_header->resizeSection(column, width);
    m_laying = false;
    schedule();
}

void ColumnFitter::fitAll()
{
    m_userSized.clear();
    m_remeasure = true;
    fitNow();
    emit userResized(-1);
}

void ColumnFitter::refit()
{
    m_remeasure = true;
    schedule();
}

void ColumnFitter::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void ColumnFitter::grow(int firstRow, int lastRow, int firstColumn, int lastColumn)
{
    // Measured at once, while the rows that changed are known; applied with the next fit. A column
    // keeps what it had so that a row going from "checking…" to "valid" does not make the others dance.
    if (m_remeasure || !m_content || firstRow < 0)
        return schedule();
    m_needed.resize(m_content->columnCount());
    lastColumn = std::min(lastColumn, int(m_needed.size()) - 1);
    for (int column = std::max(0, firstColumn); column <= lastColumn; ++column) {
        if (!m_header->isSectionHidden(column))
            m_needed[column] = std::max(m_needed[column], m_measure(column, firstRow, lastRow));
    }
    schedule();
}

void ColumnFitter::remeasure()
{
    m_remeasure = false;
    const int columns = m_content ? m_content->columnCount() : 0;
    const int rows = m_content ? m_content->rowCount() : 0;
    m_needed.fill(0, columns);
    for (int column = 0; column < columns; ++column) {
        if (rows > 0 && !m_header->isSectionHidden(column))
            m_needed[column] = m_measure(column, 0, rows - 1);
    }
}

void ColumnFitter::fitNow()
{
    m_timer.stop();
    if (m_remeasure)
        remeasure();
    layOut();
}

void ColumnFitter::layOut()
{
    const int count = m_header->count();
    if (count == 0)
        return;
    m_needed.resize(count);
    QVector<int> width(count, 0);
    int total = 0;
    int last = -1; // the rightmost visible column
    for (int visual = 0; visual < count; ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (m_header->isSectionHidden(column))
            continue;
        last = column;
        if (m_header->sectionResizeMode(column) != QHeaderView::Interactive || m_userSized.contains(column))
            width[column] = m_header->sectionSize(column);
        else
            width[column] = std::max(
                {m_needed[column], m_header->sectionSizeHint(column), m_header->minimumSectionSize()});
        total += width[column];
    }
    const int room = m_view->viewport()->width();
    const auto fits = [this](int column) {
        return column >= 0 && !m_userSized.contains(column) &&
               m_header->sectionResizeMode(column) == QHeaderView::Interactive &&
               !m_header->isSectionHidden(column);
    };
    // Too wide: the name gives way first, down to what still tells names apart (elided in the middle).
    if (total > room && fits(m_elastic)) {
        const int floor =
            std::min(width[m_elastic], std::max(m_elasticMinimum, m_header->minimumSectionSize()));
        const int cut = std::min(total - room, width[m_elastic] - floor);
        width[m_elastic] -= cut;
        total -= cut;
    }
    // Room to spare: the last column takes it, so no empty strip is left at the right.
    if (total < room && fits(last))
        width[last] += room - total;
    m_laying = true;
    for (int column = 0; column < count; ++column) {
        if (fits(column) && m_header->sectionSize(column) != width[column])
            m_header->resizeSection(column, width[column]);
    }
    m_laying = false;
}

void ColumnFitter::onSectionResized(int column, int oldSize, int newSize)
{
    if (m_laying)
        return;
    if (oldSize == 0 || newSize == 0) {
        // Shown or hidden (from the header's menu, or a restored layout): the others make room for it.
        m_remeasure = true;
        schedule();
        return;
    }
    if (!m_dragging || m_header->sectionResizeMode(column) != QHeaderView::Interactive)
        return;
    if (column == m_elastic && newSize < m_elasticMinimum) {
        m_laying = true;
        m_header->resizeSection(column, m_elasticMinimum);
        m_laying = false;
    }
    m_userSized.insert(column);
    emit userResized(column);
}

bool ColumnFitter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_header->viewport()) {
        // Only a resize while a button is down on the header is the user's; the view's own (restoring,
        // fitting, a hidden column coming back) never pins a width.
        if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick)
            m_dragging = true;
        else if (event->type() == QEvent::MouseButtonRelease)
            m_dragging = false;
    } else if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        layOut(); // the window or the splitter moved: the name takes or gives the difference
    }
    return QObject::eventFilter(watched, event);
}

} // namespace hftm
