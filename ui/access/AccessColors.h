#pragma once

#include "core/access/AccessGrid.h"

#include <QColor>

class QPalette;

namespace hftm {

// Cell colours per access state: green readable, amber gated, red refused, grey unknown. Each pair is
// chosen for light and for dark palettes with a text contrast of at least 4.5:1 (WCAG AA), and every
// cell also carries its label, so colour is never the only signal.
namespace AccessColors {

struct Pair {
    QColor background;
    QColor foreground;
};

Pair forState(AccessState state, bool dark);
bool isDark(const QPalette &palette);
double contrastRatio(const QColor &a, const QColor &b); // WCAG 2.x, 1..21

} // namespace AccessColors
} // namespace hftm
