#pragma once

#include <QStyledItemDelegate>

namespace hftm {

// The kind of token role a badge shows; the model maps the Hub's role string to it.
enum class RoleKind { None, Read, Write, FineGrained, Other };

// Paints a cell's text as a rounded badge tinted by its RoleKind (read from kindRole), in colours
// derived from the current palette so it reads well in light and dark themes.
class RoleBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit RoleBadgeDelegate(int kindRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Fill and text colours for a kind on a palette; public so the details pane draws the same badge.
    static QColor fillColor(RoleKind kind, const QPalette &palette);
    static QColor textColor(RoleKind kind, const QPalette &palette);

private:
    int m_kindRole;
};

} // namespace hftm
