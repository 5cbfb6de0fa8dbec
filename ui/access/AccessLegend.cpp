#include "ui/access/AccessLegend.h"

#include "core/access/AccessGrid.h"
#include "ui/access/AccessColors.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>

namespace hftm {

namespace {
// The states a user meets, in the order they matter; rate-limited shares its colour with unreachable.
const QList<AccessState> Shown{AccessState::Readable,     AccessState::Gated,       AccessState::NoAccess,
                               AccessState::TokenInvalid, AccessState::NotFound,    AccessState::NotChecked,
                               AccessState::Checking,     AccessState::Unreachable, AccessState::Error};
constexpr int Columns = 3;
} // namespace

AccessLegend::AccessLegend(QWidget *parent)
    : QGroupBox(tr("Legend"), parent)
{
    setAccessibleName(tr("Legend"));
    auto *layout = new QGridLayout(this);
    layout->setHorizontalSpacing(12);
    layout->setVerticalSpacing(4);
    for (int i = 0; i < Shown.size(); ++i) {
        const AccessState state = Shown.at(i);
        auto *swatch = new QLabel(AccessWords::label(state), this);
        swatch->setAlignment(Qt::AlignCenter);
        swatch->setProperty("accessState", int(state));
        auto *meaning = new QLabel(AccessWords::legendText(state), this);
        meaning->setWordWrap(true);
        swatch->setBuddy(meaning);
        swatch->setAccessibleName(AccessWords::label(state) + QStringLiteral(": ") +
                                  AccessWords::legendText(state));
        layout->addWidget(swatch, i / Columns, (i % Columns) * 2);
        layout->addWidget(meaning, i / Columns, (i % Columns) * 2 + 1);
        layout->setColumnStretch((i % Columns) * 2 + 1, 1);
        m_swatches << swatch;
    }
    restyle();
}

QStringList AccessLegend::entries() const
{
    QStringList out;
    for (const QLabel *swatch : m_swatches)
        out << swatch->accessibleName();
    return out;
}

void AccessLegend::changeEvent(QEvent *event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        restyle();
}

void AccessLegend::restyle()
{
    const bool dark = AccessColors::isDark(palette());
    for (QLabel *swatch : std::as_const(m_swatches)) {
        const auto colors =
            AccessColors::forState(AccessState(swatch->property("accessState").toInt()), dark);
        swatch->setStyleSheet(
            QStringLiteral("QLabel { background: %1; color: %2; padding: 3px 8px; border-radius: 3px; }")
                .arg(colors.background.name(), colors.foreground.name()));
    }
}

} // namespace hftm
