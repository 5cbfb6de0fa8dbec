#include "ui/access/AccessColors.h"

#include <QPalette>

#include <cmath>

namespace hftm {

namespace {

double channel(double value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}

AccessColors::Pair pair(const char *background, const char *foreground)
{
    return {QColor(QLatin1String(background)), QColor(QLatin1String(foreground))};
}

} // namespace

AccessColors::Pair AccessColors::forState(AccessState state, bool dark)
{
    switch (state) {
    case AccessState::Readable:
        return dark ? pair("#1e4d2b", "#d7f5de") : pair("#c9ebd0", "#0b3d17");
    case AccessState::Gated:
        return dark ? pair("#5a4100", "#ffe6a8") : pair("#ffe2a0", "#4a3000");
    case AccessState::NoAccess:
    case AccessState::TokenInvalid:
    case AccessState::Error:
        return dark ? pair("#5c1c18", "#ffdad6") : pair("#f6cdca", "#6b100b");
    case AccessState::NotFound:
        return dark ? pair("#3d3d3d", "#e8e8e8") : pair("#dcdcdc", "#262626");
    case AccessState::Checking:
        return dark ? pair("#183a5e", "#d9e9fb") : pair("#d8e7f8", "#0d2f55");
    case AccessState::RateLimited:
    case AccessState::Unreachable:
        return dark ? pair("#3b2d5c", "#ebe2ff") : pair("#e6ddf6", "#2e1a55");
    case AccessState::NotChecked:
        break;
    }
    return dark ? pair("#2b2b2b", "#c4c4c4") : pair("#f3f3f3", "#4d4d4d");
}

bool AccessColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

double AccessColors::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace hftm
