#include "ui/access/AccessCellDelegate.h"

#include <QPainter>

namespace hftm {

void AccessCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    painter->save();
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    painter->fillRect(cell, index.data(Qt::BackgroundRole).value<QColor>());
    painter->setPen(index.data(Qt::ForegroundRole).value<QColor>());
    QFont font = option.font;
    painter->setFont(font);
    const QString text = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                       cell.width() - 8);
    painter->drawText(cell, Qt::AlignCenter, text);
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
    const QSize text = option.fontMetrics.size(Qt::TextSingleLine, index.data(Qt::DisplayRole).toString());
    return {text.width() + 24, text.height() + 14};
}

} // namespace hftm
