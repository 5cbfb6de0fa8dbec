#include "ui/access/AccessGlyphs.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>

namespace hftm::AccessGlyphs {

namespace {

constexpr int Gap = 5;     // between mark and label
constexpr int Padding = 8; // left and right of the group

// Coordinates below are on a 16 × 16 grid, scaled into the box.
QPointF at(const QRectF &box, qreal x, qreal y)
{
    return {box.left() + box.width() * x / 16.0, box.top() + box.height() * y / 16.0};
}

QRectF within(const QRectF &box, qreal x, qreal y, qreal w, qreal h)
{
    return {at(box, x, y), at(box, x + w, y + h)};
}

void strokeLines(QPainter *p, const QRectF &box, std::initializer_list<std::array<qreal, 4>> lines)
{
    for (const auto &[x1, y1, x2, y2] : lines)
        p->drawLine(at(box, x1, y1), at(box, x2, y2));
}

} // namespace

void draw(QPainter *painter, const QRectF &box, AccessState state, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(color, std::max(1.2, box.width() / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    switch (state) {
    case AccessState::Readable: { // a tick
        QPainterPath tick(at(box, 2.5, 8.5));
        tick.lineTo(at(box, 6.5, 12.5));
        tick.lineTo(at(box, 13.5, 3.5));
        painter->drawPath(tick);
        break;
    }
    case AccessState::Gated: // a padlock: the repo is there, behind a gate
        painter->drawRoundedRect(within(box, 3, 7.5, 10, 7), box.width() / 16.0, box.width() / 16.0);
        painter->drawArc(within(box, 5, 2, 6, 9), 0, 180 * 16);
        break;
    case AccessState::NoAccess: // a no-entry sign: the token may not (403)
        painter->drawEllipse(within(box, 2, 2, 12, 12));
        strokeLines(painter, box, {{4.2, 11.8, 11.8, 4.2}});
        break;
    case AccessState::TokenInvalid: // a cross: the token itself is refused (401)
        strokeLines(painter, box, {{3.5, 3.5, 12.5, 12.5}, {12.5, 3.5, 3.5, 12.5}});
        break;
    case AccessState::Error: { // a warning triangle with "!": something else went wrong
        QPainterPath triangle(at(box, 8, 1.8));
        triangle.lineTo(at(box, 14.6, 14));
        triangle.lineTo(at(box, 1.4, 14));
        triangle.closeSubpath();
        painter->drawPath(triangle);
        strokeLines(painter, box, {{8, 6, 8, 9.4}});
        painter->drawPoint(at(box, 8, 11.8));
        break;
    }
    case AccessState::NotFound: { // a question mark: missing, or invisible to this token (404)
        QPainterPath hook;
        hook.arcMoveTo(within(box, 4.5, 1.8, 7, 6.6), 160);
        hook.arcTo(within(box, 4.5, 1.8, 7, 6.6), 160, -250);
        hook.lineTo(at(box, 8, 10));
        painter->drawPath(hook);
        painter->drawPoint(at(box, 8, 13.6));
        break;
    }
    case AccessState::RateLimited: { // an hourglass: asked too often, wait
        QPainterPath glass(at(box, 4, 2));
        glass.lineTo(at(box, 12, 2));
        glass.lineTo(at(box, 4, 14));
        glass.lineTo(at(box, 12, 14));
        glass.closeSubpath();
        painter->drawPath(glass);
        break;
    }
    case AccessState::Unreachable: // a broken link: no answer came
        strokeLines(painter, box,
                    {{1.5, 8, 6, 8}, {10, 8, 14.5, 8}, {6.8, 4.5, 7.6, 6.2}, {9.2, 11.5, 8.4, 9.8}});
        break;
    case AccessState::Checking: // three dots: asking now
        painter->setBrush(color);
        for (qreal x : {3.0, 8.0, 13.0})
            painter->drawEllipse(at(box, x, 8), box.width() / 14.0, box.width() / 14.0);
        break;
    case AccessState::NotChecked: // an empty ring: nothing known yet
        painter->drawEllipse(within(box, 4, 4, 8, 8));
        break;
    }
    painter->restore();
}

QSize cellSize(const QFont &font, const QString &label, const QPaintDevice *device)
{
    const QFontMetrics metrics = device ? QFontMetrics(font, device) : QFontMetrics(font);
    const int mark = metrics.height();
    return {Padding + mark + Gap + metrics.horizontalAdvance(label) + Padding, mark + 14};
}

void drawCell(QPainter *painter, const QRect &cell, AccessState state, const QString &label,
              const QFont &font, const QColor &background, const QColor &foreground)
{
    painter->save();
    painter->fillRect(cell, background);
    painter->setFont(font);
    painter->setPen(foreground);
    const QFontMetrics metrics = painter->fontMetrics(); // the device's: what the text will really need
    const int mark = std::min(metrics.height(), cell.height() - 4);
    // Elide only when the label really does not fit: the padding cellSize() asks for gives way first
    // (a grab into a pixmap may measure text a little wider than the widget did).
    const int room = cell.width() - 2 - mark - Gap;
    const QString text = metrics.elidedText(label, Qt::ElideRight, std::max(0, room));
    const int group = mark + Gap + metrics.horizontalAdvance(text);
    const int left = cell.left() + std::max(1, (cell.width() - group) / 2);
    const QRectF markBox(left, cell.top() + (cell.height() - mark) / 2.0, mark, mark);
    draw(painter, markBox.adjusted(1, 1, -1, -1), state, foreground);
    const QRect textBox(left + mark + Gap, cell.top(), cell.right() - (left + mark + Gap), cell.height());
    painter->drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, text);
    painter->restore();
}

QImage image(AccessState state, int size, const QColor &color)
{
    QImage out(size, size, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    QPainter painter(&out);
    draw(&painter, QRectF(0, 0, size, size), state, color);
    return out;
}

} // namespace hftm::AccessGlyphs
