#pragma once

#include <QStyledItemDelegate>

namespace hftm {

// Paints an access cell in its state colour with its label, and marks selection with a border instead
// of the highlight fill, so a selected cell keeps telling its state.
class AccessCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace hftm
