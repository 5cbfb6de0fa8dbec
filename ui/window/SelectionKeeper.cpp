#include "ui/window/SelectionKeeper.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

namespace hftm {

SelectionKeeper::SelectionKeeper(QAbstractItemView *view, int nameRole, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_nameRole(nameRole)
{
    QAbstractItemModel *model = view->model();
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &SelectionKeeper::remember);
    connect(model, &QAbstractItemModel::modelReset, this, &SelectionKeeper::restore);
    connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, &SelectionKeeper::remember);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SelectionKeeper::restore);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SelectionKeeper::onCurrentChanged);
    connect(model, &QAbstractItemModel::rowsInserted, this, &SelectionKeeper::onCurrentChanged);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SelectionKeeper::onCurrentChanged);
}

QString SelectionKeeper::currentName() const
{
    return m_view->currentIndex().data(m_nameRole).toString();
}

bool SelectionKeeper::select(const QString &name)
{
    QAbstractItemModel *model = m_view->model();
    const QModelIndexList found =
        name.isEmpty() ? QModelIndexList{}
                       : model->match(model->index(0, 0), m_nameRole, name, 1, Qt::MatchExactly);
    if (found.isEmpty())
        return false;
    // Keep the column the user was on, so arrow keys continue where they were.
    const int column = qMax(0, m_view->currentIndex().column());
    m_view->selectionModel()->setCurrentIndex(model->index(found.first().row(), column),
                                              QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
    return true;
}

void SelectionKeeper::remember()
{
    if (m_restoring)
        return;
    m_remembered = currentName();
    m_rememberedRow = m_view->currentIndex().row();
}

void SelectionKeeper::restore()
{
    m_restoring = true;
    if (!select(m_remembered) && m_rememberedRow >= 0) {
        QAbstractItemModel *model = m_view->model();
        const int row = qMin(m_rememberedRow, model->rowCount() - 1);
        if (row >= 0) {
            m_view->selectionModel()->setCurrentIndex(
                model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    m_restoring = false;
    onCurrentChanged();
}

void SelectionKeeper::onCurrentChanged()
{
    if (m_restoring)
        return;
    const QString name = currentName();
    if (name == m_lastEmitted)
        return;
    m_lastEmitted = name;
    emit currentNameChanged(name);
}

} // namespace hftm
