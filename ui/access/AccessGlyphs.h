#pragma once

#include "core/access/AccessGrid.h"

#include <QColor>
#include <QImage>
#include <QRect>
#include <QString>

class QFont;
class QPaintDevice;
class QPainter;

namespace hftm {

// A small mark per access state, so states that share a colour (no access, token invalid and error are
// all red) differ in shape too and nothing depends on colour alone. Drawn as vectors in the cell's text
// colour, so it follows the palette and stays sharp at any scale factor.
namespace AccessGlyphs {
// The mark alone, fitted into box.
void draw(QPainter *painter, const QRectF &box, AccessState state, const QColor &color);
// A whole cell as the grid and the legend show it: background, mark and label, centred, the label
// elided when the cell is too narrow.
void drawCell(QPainter *painter, const QRect &cell, AccessState state, const QString &label,
              const QFont &font, const QColor &background, const QColor &foreground);
// The space drawCell needs to show label in full on device (the widget painted on: its DPI decides
// the text's width; null measures for the screen's default).
QSize cellSize(const QFont &font, const QString &label, const QPaintDevice *device = nullptr);
// The mark rendered alone (for tests and for anything that needs a picture of it).
QImage image(AccessState state, int size, const QColor &color = Qt::black);
} // namespace AccessGlyphs

} // namespace hftm
