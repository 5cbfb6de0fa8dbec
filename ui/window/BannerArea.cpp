#include "ui/window/BannerArea.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace hftm {

namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor tint(Banner::Kind kind, const QPalette &palette)
{
    const int hue = kind == Banner::Kind::Error ? 0 : kind == Banner::Kind::Warning ? 38 : 210;
    return isDark(palette) ? QColor::fromHsl(hue, 90, 55) : QColor::fromHsl(hue, 200, 232);
}

QIcon iconFor(Banner::Kind kind, const QStyle *style)
{
    switch (kind) {
    case Banner::Kind::Error:
        return QIcon::fromTheme(QStringLiteral("dialog-error"),
                                style->standardIcon(QStyle::SP_MessageBoxCritical));
    case Banner::Kind::Warning:
        return QIcon::fromTheme(QStringLiteral("dialog-warning"),
                                style->standardIcon(QStyle::SP_MessageBoxWarning));
    case Banner::Kind::Info:
        break;
    }
    return QIcon::fromTheme(QStringLiteral("dialog-information"),
                            style->standardIcon(QStyle::SP_MessageBoxInformation));
}

QString kindName(Banner::Kind kind)
{
    switch (kind) {
    case Banner::Kind::Error:
        return BannerArea::tr("Error");
    case Banner::Kind::Warning:
        return BannerArea::tr("Warning");
    case Banner::Kind::Info:
        break;
    }
    return BannerArea::tr("Notice");
}
} // namespace

BannerArea::BannerArea(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    setAccessibleName(tr("Notices"));
    setVisible(false);
}

bool BannerArea::isShowing(Banner::Id id) const
{
    return std::any_of(m_banners.cbegin(), m_banners.cend(), [id](const Banner &b) { return b.id == id; });
}

void BannerArea::setBanners(const QList<Banner> &banners)
{
    const bool same = banners.size() == m_banners.size() &&
                      std::equal(banners.cbegin(), banners.cend(), m_banners.cbegin(),
                                 [](const Banner &a, const Banner &b) {
                                     return a.id == b.id && a.text == b.text && a.actionText == b.actionText;
                                 });
    if (same)
        return; // rebuilding would steal keyboard focus from a banner button on every reload
    m_banners = banners;
    rebuild();
}

void BannerArea::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const Banner &banner : std::as_const(m_banners))
        m_layout->addWidget(makeBanner(banner));
    setVisible(!m_banners.isEmpty());
}

QWidget *BannerArea::makeBanner(const Banner &banner)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("banner-%1").arg(int(banner.id)));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, tint(banner.kind, palette));
    frame->setPalette(palette);
    frame->setAccessibleName(kindName(banner.kind));
    frame->setAccessibleDescription(banner.text);

    auto *layout = new QHBoxLayout(frame);
    layout->setContentsMargins(10, 6, 6, 6);
    auto *icon = new QLabel(frame);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(iconFor(banner.kind, style()).pixmap(size, size));
    icon->setAccessibleName(kindName(banner.kind));
    layout->addWidget(icon, 0, Qt::AlignTop);

    auto *text = new QLabel(banner.text, frame);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText); // file names and Hub words are data, never markup
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setAccessibleName(kindName(banner.kind));
    text->setAccessibleDescription(banner.text);
    layout->addWidget(text, 1);

    if (!banner.actionText.isEmpty()) {
        auto *button = new QPushButton(banner.actionText, frame);
        button->setAccessibleName(banner.actionText);
        const Banner::Id id = banner.id;
        connect(button, &QPushButton::clicked, this, [this, id] { emit actionTriggered(id); });
        layout->addWidget(button, 0, Qt::AlignVCenter);
    }
    return frame;
}

void BannerArea::changeEvent(QEvent *event)
{
    // The tints are derived from the palette: follow the system when it switches light/dark.
    if (event->type() == QEvent::PaletteChange && !m_banners.isEmpty())
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace hftm
