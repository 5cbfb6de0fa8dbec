#include "ui/access/AccessLegend.h"

#include "core/access/AccessGrid.h"
#include "ui/access/AccessColors.h"
#include "ui/access/AccessGlyphs.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>

namespace hftm {

namespace {
// The states a user meets, in the order they matter; rate-limited shares its colour with unreachable.
const QList<AccessState> Shown{AccessState::Readable,     AccessState::Gated,       AccessState::NoAccess,
                               AccessState::TokenInvalid, AccessState::NotFound,    AccessState::NotChecked,
                               AccessState::Checking,     AccessState::Unreachable, AccessState::Error};
constexpr int Columns = 3;

// One legend sample, painted exactly like a grid cell in that state: colour, mark and label.
class Swatch : public QWidget {
public:
    Swatch(AccessState state, QWidget *parent)
        : QWidget(parent)
        , m_state(state)
    {
        setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    }
    AccessState state() const { return m_state; }
    void setColors(const AccessColors::Pair &colors)
    {
        m_colors = colors;
        update();
    }
    QSize sizeHint() const override
    {
        return AccessGlyphs::cellSize(font(), AccessWords::label(m_state), this);
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        AccessGlyphs::drawCell(&painter, rect(), m_state, AccessWords::label(m_state), font(),
                               m_colors.background, m_colors.foreground);
    }

private:
    AccessState m_state;
    AccessColors::Pair m_colors;
};
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
        auto *swatch = new Swatch(state, this);
        auto *meaning = new QLabel(AccessWords::legendText(state), this);
        meaning->setWordWrap(true);
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
    for (const QWidget *swatch : m_swatches)
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
    for (QWidget *swatch : std::as_const(m_swatches)) {
        auto *sample = static_cast<Swatch *>(swatch);
        sample->setColors(AccessColors::forState(sample->state(), dark));
    }
}

} // namespace hftm
