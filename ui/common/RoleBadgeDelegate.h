#pragma once

#include "core/base/TokenRole.h"

#include <QStyledItemDelegate>

namespace hftm {

// Paints a cell's text as a rounded badge tinted by its TokenRole (int, read from kindRole), in colours
// derived from the current palette so it reads well in light and dark themes.
class RoleBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit RoleBadgeDelegate(int kindRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Fill and text colours for a kind on a palette; public so the details pane draws the same badge.
    static QColor fillColor(TokenRole kind, const QPalette &palette);
    static QColor textColor(TokenRole kind, const QPalette &palette);

private:
    int m_kindRole;
};

} // namespace hftm
