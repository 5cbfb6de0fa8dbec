#include "ui/window/TableEmptyState.h"

#include "ui/window/TokenFilterProxy.h"

#include <QAbstractItemView>
#include <QEvent>

namespace hftm {

TableEmptyState::TableEmptyState(QAbstractItemView *view, TokenFilterProxy *proxy)
    : QLabel(view->viewport())
    , m_view(view)
    , m_proxy(proxy)
{
    setObjectName(QStringLiteral("tableEmptyState"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);                 // the filter text is the user's, never markup
    setForegroundRole(QPalette::PlaceholderText); // secondary text in any theme
    setAttribute(Qt::WA_TransparentForMouseEvents);
    view->viewport()->installEventFilter(this);
    connect(proxy, &QAbstractItemModel::modelReset, this, &TableEmptyState::refresh);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &TableEmptyState::refresh);
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &TableEmptyState::refresh);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &TableEmptyState::refresh);
    connect(proxy, &TokenFilterProxy::searchTextChanged, this, &TableEmptyState::refresh);
    refresh();
}

QString TableEmptyState::noTokensText()
{
    return tr("No tokens yet: Add Token (Ctrl+N) or run \u201Chf auth login\u201D.");
}

QString TableEmptyState::noMatchText(const QString &filter)
{
    return tr("No token matches \u201C%1\u201D.").arg(filter);
}

void TableEmptyState::setLoading(bool loading)
{
    m_loading = loading;
    refresh();
}

void TableEmptyState::refresh()
{
    const QAbstractItemModel *all = m_proxy->sourceModel();
    const bool empty = !m_loading && m_proxy->rowCount() == 0;
    if (empty)
        setText(all && all->rowCount() > 0 ? noMatchText(m_proxy->searchText()) : noTokensText());
    setVisible(empty);
    if (empty)
        place();
}

void TableEmptyState::place()
{
    // The viewport's width with a margin, and the height the wrapped text needs: never clipped.
    const QRect room = m_view->viewport()->rect().adjusted(16, 16, -16, -16);
    const int height = std::max(heightForWidth(room.width()), sizeHint().height());
    setGeometry(room.left(), room.top() + std::max(0, (room.height() - height) / 3), room.width(), height);
}

bool TableEmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && !isHidden())
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace hftm
