#pragma once

#include <QString>

namespace hftm {

// Characters that can hide or reorder what a person reads: controls drive a terminal, bidi overrides and
// isolates reorder a line (a name can show as something it is not), zero-width characters make two
// different names look the same.
namespace DisplayText {

bool isControl(char32_t c);     // C0, DEL and C1 (U+0000–U+001F, U+007F–U+009F)
bool isBidiControl(char32_t c); // U+202A–U+202E embeddings/overrides, U+2066–U+2069 isolates
bool isZeroWidth(char32_t c);   // U+200B–U+200D, U+2060, U+FEFF

// Text from the Hub (user, org, token display names, messages) made safe to print on a terminal: every
// character above is removed; everything else is kept as it is.
QString forTerminal(const QString &text);

} // namespace DisplayText
} // namespace hftm
