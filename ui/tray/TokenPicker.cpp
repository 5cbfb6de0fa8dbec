#include "ui/tray/TokenPicker.h"

#include "core/notify/TokenStateView.h"
#include "ui/common/TokenStateStyle.h"
#include "ui/tray/TrayMenuTokens.h"

#include <QApplication>
#include <QCursor>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyle>
#include <QVBoxLayout>

namespace hftm {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;
constexpr QSize DefaultSize(460, 420);
} // namespace

TokenPicker::TokenPicker(QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("All Tokens \u2014 HF Token Manager"));
    setObjectName(QStringLiteral("trayTokenPicker"));
    setModal(false);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Find a token to make active:"), this);
    label->setBuddy(m_filter);
    layout->addWidget(label);
    m_filter->setPlaceholderText(tr("Name, user or state (\u201Cinvalid\u201D, \u201Cexpires\u201D)"));
    m_filter->setAccessibleName(tr("Filter tokens"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list->setModel(m_proxy);
    m_list->setAccessibleName(tr("Stored tokens"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true); // 200 rows laid out without measuring each
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_list->setIconSize(QSize(icon, icon)); // a state mark beside the words, not a picture
    layout->addWidget(m_list, 1);
    auto *hint = new QLabel(tr("Enter makes the selected token active; Esc closes."), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
    resize(DefaultSize);

    // The filter line keeps the focus; the keys that move through the list are handed to it.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &TokenPicker::onFilterChanged);
    connect(m_list, &QListView::activated, this, [this] { pickCurrent(); });
}

void TokenPicker::setTokens(const QList<TokenRecord> &records, const QString &activeName,
                            const QDateTime &now, int warningDays)
{
    const QString keep = currentName();
    m_model->clear();
    for (const TokenRecord &record : records) {
        const TokenStateView view = tokenStateView(record, now, warningDays);
        QString text = TrayMenuTokens::text(record, now, warningDays);
        if (!TrayMenuTokens::hasWarning(record, now, warningDays))
            text = tr("%1  \u00B7  %2", "token label · state").arg(text, tokenStateText(view.judged));
        const bool active = record.name == activeName;
        if (active)
            text = tr("%1  (active)").arg(text);
        auto *item = new QStandardItem(TokenStateStyle::icon(view.judged, style()), text);
        item->setData(record.name, NameRole);
        item->setData(
            QStringList{record.name, record.user(), tokenStateSearchWords(view).join(QLatin1Char(' '))}.join(
                QLatin1Char('\n')),
            SearchRole);
        if (active) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        item->setToolTip(TokenStateStyle::explanation(view, record, now));
        m_model->appendRow(item);
    }
    const QStringList names = shownNames();
    selectRow(qMax(0, int(names.indexOf(keep))));
}

void TokenPicker::present()
{
    m_filter->clear();
    selectRow(0);
    if (!isVisible()) {
        // Where the user is looking: the screen with the pointer (the tray's screen), centred.
        if (const QScreen *screen = QGuiApplication::screenAt(QCursor::pos())) {
            const QRect area = screen->availableGeometry();
            resize(size().boundedTo(area.size()));
            move(area.center() - rect().center());
        }
    }
    show();
    raise();
    activateWindow();
    m_filter->setFocus(Qt::OtherFocusReason);
}

QStringList TokenPicker::shownNames() const
{
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        names << m_proxy->index(row, 0).data(NameRole).toString();
    return names;
}

QString TokenPicker::currentName() const
{
    return m_list->currentIndex().data(NameRole).toString();
}

void TokenPicker::onFilterChanged(const QString &text)
{
    const QString keep = currentName();
    m_proxy->setFilterFixedString(text.trimmed());
    const qsizetype row = shownNames().indexOf(keep);
    selectRow(row < 0 ? 0 : int(row)); // the best match (the first) is one Enter away
}

void TokenPicker::selectRow(int row)
{
    const QModelIndex index = m_proxy->index(row, 0);
    m_list->setCurrentIndex(index);
    if (index.isValid())
        m_list->scrollTo(index);
}

void TokenPicker::pickCurrent()
{
    const QString name = currentName();
    if (name.isEmpty())
        return;
    hide(); // first: a question about this token must not open behind the picker
    Q_EMIT picked(name);
}

bool TokenPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QApplication::sendEvent(m_list, key);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            pickCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace hftm
