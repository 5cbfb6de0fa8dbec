#include "ui/common/RoleBadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace hftm {

namespace {
constexpr int PaddingX = 8;
constexpr int PaddingY = 2;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

int hueOf(TokenRole kind)
{
    switch (kind) {
    case TokenRole::Read:
        return 210; // blue: looks, does not touch
    case TokenRole::Write:
        return 25; // orange: can change things
    case TokenRole::FineGrained:
        return 275; // violet: scoped
    case TokenRole::Unknown:
        break;
    }
    return -1; // grey
}
} // namespace

RoleBadgeDelegate::RoleBadgeDelegate(int kindRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_kindRole(kindRole)
{
}

QColor RoleBadgeDelegate::fillColor(TokenRole kind, const QPalette &palette)
{
    const int hue = hueOf(kind);
    const int saturation = hue < 0 ? 0 : 110;
    return isDark(palette) ? QColor::fromHsl(hue, saturation, 70)
                           : QColor::fromHsl(hue, saturation + 60, 225);
}

QColor RoleBadgeDelegate::textColor(TokenRole kind, const QPalette &palette)
{
    const int hue = hueOf(kind);
    const int saturation = hue < 0 ? 0 : 160;
    return isDark(palette) ? QColor::fromHsl(hue, saturation, 225) : QColor::fromHsl(hue, saturation, 60);
}

void RoleBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // Let the style draw the cell (selection, focus) without the text, then the badge on top.
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const auto kind = static_cast<TokenRole>(index.data(m_kindRole).toInt());
    const QFontMetrics metrics(opt.font);
    const int width = qMin(metrics.horizontalAdvance(text) + 2 * PaddingX, opt.rect.width() - 4);
    const int height = metrics.height() + 2 * PaddingY;
    const QRect badge(opt.rect.left() + 4, opt.rect.center().y() - height / 2 + 1, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge), height / 2.0, height / 2.0);
    painter->fillPath(path, fillColor(kind, opt.palette));
    painter->setPen(textColor(kind, opt.palette));
    painter->setFont(opt.font);
    // Elide only when the column is really too narrow: elidedText() compares fractional widths and would
    // cut a word that horizontalAdvance() (rounded) says fits.
    const int room = badge.width() - 2 * PaddingX;
    const QString shown =
        room >= metrics.horizontalAdvance(text) ? text : metrics.elidedText(text, Qt::ElideRight, room);
    painter->drawText(badge.adjusted(PaddingX, 0, -PaddingX, 0), Qt::AlignCenter | Qt::TextDontClip, shown);
    painter->restore();
}

QSize RoleBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.setWidth(qMax(size.width(), metrics.horizontalAdvance(index.data().toString()) + 2 * PaddingX + 12));
    size.setHeight(qMax(size.height(), metrics.height() + 2 * PaddingY + 4));
    return size;
}

} // namespace hftm
