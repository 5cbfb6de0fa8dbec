#include "ui/window/WindowLayoutMemory.h"

#include "ui/window/ColumnFitter.h"
#include "ui/window/TokenTableModel.h"
#include "ui/window/TokenTableView.h"

#include <QDir>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QWidget>

#include <algorithm>

namespace hftm {

namespace {
// Beyond this a bigger window only adds blank table rows and a wider last column.
constexpr QSize LargestDefault(1360, 880);

const QString WindowGroup = QStringLiteral("window");
const QString ColumnsGroup = QStringLiteral("columns");
const QString WidthsGroup = QStringLiteral("columnWidths");

QStringList keysOf(const QList<int> &columns)
{
    QStringList keys;
    for (int column : columns)
        keys << TokenTableModel::columnKey(column);
    return keys;
}
} // namespace

WindowLayoutMemory::WindowLayoutMemory(const QString &path, QWidget *window, QSplitter *splitter,
                                       TokenTableView *table)
    : QObject(window)
    , m_window(window)
    , m_splitter(splitter)
    , m_table(table)
{
    if (!path.isEmpty())
        m_settings = std::make_unique<QSettings>(path, QSettings::IniFormat);
}

WindowLayoutMemory::~WindowLayoutMemory()
{
    if (m_settings)
        m_settings->sync();
}

QString WindowLayoutMemory::pathIn(const QString &configHome)
{
    return configHome.isEmpty() ? QString() : QDir(configHome).filePath(QStringLiteral("window.ini"));
}

QRect WindowLayoutMemory::fitToScreen(const QRect &wanted, const QRect &available, const QMargins &frame)
{
    const QRect room = available.marginsRemoved(frame); // where the client area may go
    if (room.isEmpty())
        return wanted;
    const QSize size = wanted.size().boundedTo(room.size()).expandedTo(QSize(1, 1));
    const int x = std::clamp(wanted.x(), room.left(), room.right() + 1 - size.width());
    const int y = std::clamp(wanted.y(), room.top(), room.bottom() + 1 - size.height());
    return {QPoint(x, y), size};
}

QRect WindowLayoutMemory::defaultGeometry(const QRect &available, const QMargins &frame)
{
    const QRect room = available.marginsRemoved(frame);
    // A little of the desktop stays visible around it, which says "a window" rather than "maximized".
    const QSize size(std::min(LargestDefault.width(), room.width() - room.width() / 32),
                     std::min(LargestDefault.height(), room.height() - room.height() / 24));
    QRect geometry({0, 0}, size);
    geometry.moveCenter(room.center());
    return fitToScreen(geometry, available, frame);
}

int WindowLayoutMemory::defaultDetailsWidth() const
{
    return std::clamp(m_window->fontMetrics().averageCharWidth() * 48, 240, 420);
}

QMargins WindowLayoutMemory::frameEstimate() const
{
    // Before it is shown, nobody knows the frame a window manager will draw; a title bar of two text
    // lines and thin borders is a fair guess, and keepOnScreen() corrects with the real one.
    const int border = 4;
    return {border, m_window->fontMetrics().height() * 2 + border, border, border};
}

QRect WindowLayoutMemory::availableFor(const QRect &geometry) const
{
    QScreen *screen = geometry.isValid() ? QGuiApplication::screenAt(geometry.center()) : nullptr;
    if (!screen)
        screen = m_window->screen();
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect();
}

void WindowLayoutMemory::restore()
{
    restoreWindow();
    restoreSplitter();
    restoreColumns();
    if (m_restored)
        return;
    m_restored = true;
    // Saved as they happen, so a session that ends without a clean close keeps them too.
    m_window->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this, &WindowLayoutMemory::saveSplitter);
    QHeaderView *header = m_table->horizontalHeader();
    connect(m_table, &TokenTableView::columnsChanged, this, &WindowLayoutMemory::saveColumns);
    connect(header, &QHeaderView::sectionMoved, this, &WindowLayoutMemory::saveColumns);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &WindowLayoutMemory::saveColumns);
}

void WindowLayoutMemory::restoreWindow()
{
    QRect saved;
    bool maximized = false;
    if (m_settings) {
        m_settings->beginGroup(WindowGroup);
        saved = m_settings->value(QStringLiteral("geometry")).toRect();
        maximized = m_settings->value(QStringLiteral("maximized"), false).toBool();
        m_settings->endGroup();
    }
    const QRect available = availableFor(saved);
    const QRect geometry = saved.isValid() && !saved.isEmpty()
                               ? fitToScreen(saved, available, frameEstimate())
                               : defaultGeometry(available, frameEstimate());
    m_window->setGeometry(geometry);
    if (maximized)
        m_window->setWindowState(m_window->windowState() | Qt::WindowMaximized);
}

void WindowLayoutMemory::restoreSplitter()
{
    if (m_splitter->count() != 2)
        return;
    int details = defaultDetailsWidth();
    if (m_settings && m_settings->contains(QStringLiteral("splitter/detailsWidth")))
        details = m_settings->value(QStringLiteral("splitter/detailsWidth")).toInt();
    // The table keeps at least half of a window that got smaller since.
    const int total = m_window->width();
    const int least = std::max(m_splitter->widget(1)->minimumSizeHint().width(), 120);
    details = std::clamp(details, least, std::max(least, total / 2));
    m_splitter->setSizes({total - details, details});
}

void WindowLayoutMemory::restoreColumns()
{
    if (!m_settings)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    m_settings->beginGroup(ColumnsGroup);
    // The saved order of the columns known now; a column that is gone is skipped, a new one stays put.
    int visual = 0;
    for (const QString &key : m_settings->value(QStringLiteral("order")).toStringList()) {
        const int column = TokenTableModel::columnOfKey(key);
        if (column < 0 || column >= header->count())
            continue;
        header->moveSection(header->visualIndex(column), visual++);
    }
    if (m_settings->contains(QStringLiteral("hidden"))) {
        const QStringList hidden = m_settings->value(QStringLiteral("hidden")).toStringList();
        for (int column = 0; column < header->count(); ++column) {
            if (column == TokenTableModel::ActiveColumn || column == TokenTableModel::NameColumn)
                continue; // never hidden: the menu offers no way back for them
            m_table->setColumnHidden(column, hidden.contains(TokenTableModel::columnKey(column)));
        }
    }
    const QString sortKey = m_settings->value(QStringLiteral("sortColumn")).toString();
    const int sortColumn = TokenTableModel::columnOfKey(sortKey);
    if (sortColumn >= 0 && sortColumn < header->count()) {
        const bool descending =
            m_settings->value(QStringLiteral("sortOrder")).toString() == QLatin1String("descending");
        m_table->sortByColumn(sortColumn, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    m_settings->endGroup();

    // Widths the user chose, within what the screen can show; a width from a larger screen is cut down.
    const int widest = std::max(availableFor(m_window->geometry()).width() * 2 / 3, 200);
    m_settings->beginGroup(WidthsGroup);
    for (const QString &key : m_settings->childKeys()) {
        const int column = TokenTableModel::columnOfKey(key);
        bool ok = false;
        const int width = m_settings->value(key).toInt(&ok);
        if (column < 0 || column >= header->count() || !ok)
            continue;
        const int least = column == TokenTableModel::NameColumn ? m_table->fitter()->elasticMinimum()
                                                                : header->minimumSectionSize();
        m_table->fitter()->setUserWidth(column, std::clamp(width, least, std::max(least, widest)));
    }
    m_settings->endGroup();
}

void WindowLayoutMemory::saveWindow()
{
    if (!m_settings || !m_window->isVisible() || m_window->isMinimized())
        return;
    const bool maximized = m_window->isMaximized() || m_window->isFullScreen();
    m_settings->beginGroup(WindowGroup);
    // The size it comes back to from maximized, so that un-maximizing next time still means something.
    m_settings->setValue(QStringLiteral("geometry"),
                         maximized ? m_window->normalGeometry() : m_window->geometry());
    m_settings->setValue(QStringLiteral("maximized"), maximized);
    m_settings->endGroup();
}

void WindowLayoutMemory::saveSplitter()
{
    if (!m_settings || m_splitter->count() != 2)
        return;
    m_settings->setValue(QStringLiteral("splitter/detailsWidth"), m_splitter->sizes().value(1));
}

void WindowLayoutMemory::saveColumns()
{
    if (!m_settings)
        return;
    const QHeaderView *header = m_table->horizontalHeader();
    QList<int> order;
    QList<int> hidden;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        order << column;
        if (header->isSectionHidden(column))
            hidden << column;
    }
    m_settings->beginGroup(ColumnsGroup);
    m_settings->setValue(QStringLiteral("order"), keysOf(order));
    m_settings->setValue(QStringLiteral("hidden"), keysOf(hidden));
    m_settings->setValue(QStringLiteral("sortColumn"),
                         TokenTableModel::columnKey(header->sortIndicatorSection()));
    m_settings->setValue(QStringLiteral("sortOrder"), header->sortIndicatorOrder() == Qt::DescendingOrder
                                                          ? QStringLiteral("descending")
                                                          : QStringLiteral("ascending"));
    m_settings->endGroup();
    m_settings->remove(WidthsGroup);
    m_settings->beginGroup(WidthsGroup);
    for (int column : m_table->fitter()->userSizedColumns())
        m_settings->setValue(TokenTableModel::columnKey(column), header->sectionSize(column));
    m_settings->endGroup();
}

void WindowLayoutMemory::keepOnScreen()
{
    if (!m_window->isVisible() || m_window->isMaximized() || m_window->isFullScreen() ||
        m_window->isMinimized())
        return;
    const QRect client = m_window->geometry();
    const QRect frame = m_window->frameGeometry();
    const QMargins margins(client.left() - frame.left(), client.top() - frame.top(),
                           frame.right() - client.right(), frame.bottom() - client.bottom());
    const QRect available = m_window->screen() ? m_window->screen()->availableGeometry() : QRect();
    const QRect fitted = fitToScreen(client, available, margins);
    if (fitted != client)
        m_window->setGeometry(fitted);
}

bool WindowLayoutMemory::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window) {
        switch (event->type()) {
        case QEvent::Resize:
        case QEvent::Move:
        case QEvent::WindowStateChange:
            saveWindow();
            break;
        case QEvent::Show:
        case QEvent::Paint:
            // The first time it is on screen, with the frame the window manager gave it: inside the free
            // area, always (a 1.5 scale made the screen smaller than any size saved or guessed before).
            if (!m_checkedOnScreen && event->type() == QEvent::Paint) {
                m_checkedOnScreen = true;
                QTimer::singleShot(0, this, &WindowLayoutMemory::keepOnScreen);
            } else if (event->type() == QEvent::Show) {
                QTimer::singleShot(0, this, &WindowLayoutMemory::keepOnScreen);
            }
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace hftm
