#include "ui/access/AccessCellDelegate.h"

#include "ui/access/AccessGlyphs.h"
#include "ui/access/AccessGridModel.h"

#include <QPainter>

namespace hftm {

void AccessCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    painter->save();
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    AccessGlyphs::drawCell(painter, cell, AccessState(index.data(AccessGridModel::StateRole).toInt()),
                           index.data(Qt::DisplayRole).toString(), option.font,
                           index.data(Qt::BackgroundRole).value<QColor>(),
                           index.data(Qt::ForegroundRole).value<QColor>());
    if (option.state & QStyle::State_Selected) {
        QPen pen(option.palette.color(QPalette::Highlight), 3);
        pen.setJoinStyle(Qt::MiterJoin);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(cell.adjusted(1, 1, -2, -2));
    }
    if (option.state & QStyle::State_HasFocus) {
        // A dashed inner frame shows where the keyboard is, also inside a selection.
        QPen pen(index.data(Qt::ForegroundRole).value<QColor>(), 1, Qt::DashLine);
        painter->setPen(pen);
        painter->drawRect(cell.adjusted(4, 4, -5, -5));
    }
    painter->restore();
}

QSize AccessCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize cell =
        AccessGlyphs::cellSize(option.font, index.data(Qt::DisplayRole).toString(), option.widget);
    return {cell.width() + 8, cell.height()}; // the selection frame's room
}

} // namespace hftm
