#include "ui/window/TokenTableView.h"

#include "ui/common/RoleBadgeDelegate.h"
#include "ui/window/ColumnChooser.h"
#include "ui/window/ColumnFitter.h"
#include "ui/window/TokenFilterProxy.h"
#include "ui/window/TokenTableModel.h"

#include <QAbstractProxyModel>
#include <QEvent>
#include <QHeaderView>
#include <QStyledItemDelegate>
#include <QTimer>

namespace hftm {

namespace {
// Names often share a prefix ("org-acme-…") and differ at the end: cut in the middle, both ends stay.
class NameDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};
} // namespace

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
    setItemDelegateForColumn(TokenTableModel::NameColumn, new NameDelegate(this));
    setItemDelegateForColumn(TokenTableModel::RoleColumn,
                             new RoleBadgeDelegate(TokenTableModel::RoleKindRole, this));
    m_fitter = new ColumnFitter(this, TokenTableModel::NameColumn, [this](int column, int first, int last) {
        return measure(column, first, last);
    });
    // Wide enough to tell "org-acme-finetune" from "org-acme-eval" once cut in the middle.
    m_fitter->setElasticMinimum(fontMetrics().averageCharWidth() * 18);
    m_chooser =
        new ColumnChooser(this, m_fitter, {TokenTableModel::ActiveColumn, TokenTableModel::NameColumn});
    connect(m_fitter, &ColumnFitter::userResized, this, &TokenTableView::columnsChanged);
    connect(m_chooser, &ColumnChooser::columnsChanged, this, &TokenTableView::columnsChanged);
}

QList<int> TokenTableView::hiddenByDefault()
{
    return {TokenTableModel::CheckColumn, TokenTableModel::StorageColumn, TokenTableModel::EndpointColumn};
}

void TokenTableView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    // No stretched section: a stretched Name was squeezed to "…" whenever the others filled the width,
    // and could not be dragged. The fitter gives spare room to the last column instead.
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TokenTableModel::ActiveColumn, QHeaderView::ResizeToContents);
    for (int column : hiddenByDefault())
        setColumnHidden(column, true);
    m_fitter->setContentModel(const_cast<QAbstractItemModel *>(contentModel()));
    // The current row stays in sight when a sort or a filter moves it.
    connect(header, &QHeaderView::sortIndicatorChanged, this, &TokenTableView::scrollToCurrentSoon);
    if (auto *proxy = qobject_cast<TokenFilterProxy *>(model))
        connect(proxy, &TokenFilterProxy::searchTextChanged, this, &TokenTableView::scrollToCurrentSoon);
}

const QAbstractItemModel *TokenTableView::contentModel() const
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    return proxy && proxy->sourceModel() ? proxy->sourceModel() : model();
}

int TokenTableView::measure(int column, int firstRow, int lastRow) const
{
    const QAbstractItemModel *content = contentModel();
    if (!content)
        return 0;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    QAbstractItemDelegate *delegate = itemDelegateForColumn(column);
    if (!delegate)
        delegate = itemDelegate();
    int width = 0;
    lastRow = std::min(lastRow, content->rowCount() - 1);
    for (int row = std::max(0, firstRow); row <= lastRow; ++row)
        width = std::max(width, delegate->sizeHint(option, content->index(row, column)).width());
    return width;
}

QModelIndex TokenTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    // Rows are what the table is about: Home and End (with or without Ctrl) go to the first and the
    // last one, not to the first and last column of the row, which whole-row selection makes invisible.
    if ((cursorAction == MoveHome || cursorAction == MoveEnd) && model()) {
        const int rows = model()->rowCount(rootIndex());
        if (rows == 0)
            return {};
        const int column = currentIndex().isValid() ? currentIndex().column() : TokenTableModel::NameColumn;
        return model()->index(cursorAction == MoveHome ? 0 : rows - 1, column, rootIndex());
    }
    return QTableView::moveCursor(cursorAction, modifiers);
}

void TokenTableView::scrollToCurrentSoon()
{
    // After the proxy has re-sorted or re-filtered: the current index is where it ends up.
    QTimer::singleShot(0, this, [this] {
        if (currentIndex().isValid())
            scrollTo(currentIndex());
    });
}

void TokenTableView::showEvent(QShowEvent *event)
{
    QTableView::showEvent(event);
    scrollToCurrentSoon(); // a row selected before the window was shown (the active token, row 321)
}

void TokenTableView::changeEvent(QEvent *event)
{
    // Warning colours and badges are derived from the palette at paint time.
    if (event->type() == QEvent::PaletteChange)
        viewport()->update();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_fitter->setElasticMinimum(fontMetrics().averageCharWidth() * 18);
        m_fitter->refit();
    }
    QTableView::changeEvent(event);
}

} // namespace hftm
