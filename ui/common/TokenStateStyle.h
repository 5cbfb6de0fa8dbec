#pragma once

#include "core/notify/TokenStateView.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QString>

class QPalette;
class QStyle;

namespace hftm {

// How a token state the core decided (tokenStateView) looks and reads in widgets: an icon per state so
// colour is never the only signal, a text colour readable on the palette in use, and the "last check"
// words that keep the Hub's last verdict visible when the last attempt did not reach it.
namespace TokenStateStyle {

// A standard icon of the style in use, one per state (check mark, warning, critical, cancel, question,
// reload): always present, drawn by the style for its own light or dark look.
QIcon icon(TokenState state, const QStyle *style = nullptr);
// A foreground colour for the state's words on 'palette' (darker on light bases, lighter on dark ones);
// invalid (use the palette's text colour) for the states that need no emphasis.
QColor color(TokenState state, const QPalette &palette);
// "invalid or revoked · 2 h ago"; when the Hub was not reached, its last verdict first:
// "invalid · Hub unreachable 1 min ago"; "not checked" before any attempt.
QString lastCheckText(const TokenRecord &record, const QDateTime &now);
// A sentence for tooltips and screen readers: the state, when the Hub last said so, and why the last
// attempt gave no answer ("invalid. The Hub's last answer: 2 h ago. The last check (1 min ago) did not
// reach the Hub: …").
QString explanation(const TokenStateView &view, const TokenRecord &record, const QDateTime &now);

} // namespace TokenStateStyle
} // namespace hftm
