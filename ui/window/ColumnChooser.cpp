#include "ui/window/ColumnChooser.h"

#include "ui/window/ColumnFitter.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace hftm {

ColumnChooser::ColumnChooser(QTableView *view, ColumnFitter *fitter, QList<int> always)
    : QObject(view)
    , m_view(view)
    , m_fitter(fitter)
    , m_always(std::move(always))
{
    QHeaderView *header = view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &position) {
        // A scroll area's menu position is in its viewport's coordinates.
        popup(header->viewport()->mapToGlobal(position));
    });
}

QMenu *ColumnChooser::popup(const QPoint &globalPosition)
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return nullptr;
    auto *menu = new QMenu(m_view);
    menu->setObjectName(QStringLiteral("columnChooser"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Columns"));
    const QHeaderView *header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (m_always.contains(column))
            continue;
        QAction *entry = menu->addAction(model->headerData(column, Qt::Horizontal).toString());
        entry->setCheckable(true);
        entry->setChecked(!m_view->isColumnHidden(column));
        entry->setData(column);
        connect(entry, &QAction::toggled, this, [this, column](bool shown) {
            m_view->setColumnHidden(column, !shown);
            m_fitter->fitNow();
            emit columnsChanged();
        });
    }
    menu->addSeparator();
    QAction *fit = menu->addAction(tr("&Fit Columns to Content"));
    fit->setObjectName(QStringLiteral("fitColumns"));
    connect(fit, &QAction::triggered, this, [this] {
        m_fitter->fitAll();
        emit columnsChanged();
    });
    menu->popup(globalPosition); // not exec(): no nested event loop
    return menu;
}

} // namespace hftm
