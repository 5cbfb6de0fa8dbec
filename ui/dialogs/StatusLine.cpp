#include "ui/dialogs/StatusLine.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QResizeEvent>
#include <QStyle>
#include <QVBoxLayout>

namespace hftm {

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_busyRow(new QWidget(this))
    , m_busy(new QProgressBar(m_busyRow))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_icon->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    // Top, not QLabel's vertical centre: the icon belongs to the first line of a long message.
    m_text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText); // Hub messages are untrusted text, never rich text
    m_busy->setRange(0, 0);               // indeterminate: we cannot know how long the Hub takes
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(fontMetrics().averageCharWidth() * 12);
    m_busy->setFixedHeight(fontMetrics().height() / 2 + 4);
    m_busy->setAccessibleName(tr("Busy"));
    auto *busyLayout = new QVBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busy, 0, Qt::AlignVCenter);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_busyRow, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    setMessage(Kind::None, QString());
}

void StatusLine::setMessage(Kind kind, const QString &text)
{
    m_kind = text.isEmpty() ? Kind::None : kind;
    m_text->setText(text);
    m_busyRow->setVisible(m_kind == Kind::Busy);
    m_icon->setVisible(m_kind != Kind::None && m_kind != Kind::Busy);
    setVisible(m_kind != Kind::None);
    // Screen readers read the description of the line when it changes focus; the text is plain feedback.
    setAccessibleName(text);
    applyStyle();
}

QSize StatusLine::sizeHint() const
{
    // QFormLayout rows take a field's size hint, and a wrapped QLabel's hint is its height at a narrow
    // guessed width: a gap under every long message. The height for the width we have is the hint.
    QSize hint = QWidget::sizeHint();
    if (width() > 0 && layout())
        hint.setHeight(layout()->totalHeightForWidth(width()));
    return hint;
}

void StatusLine::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry(); // the hint follows the width
}

QString StatusLine::text() const
{
    return m_text->text();
}

QColor StatusLine::colorFor(Kind kind, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (kind) {
    case Kind::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    case Kind::Warning:
        return dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x8a, 0x5a, 0x00);
    case Kind::Success:
        return dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1e, 0x7e, 0x34);
    case Kind::None:
    case Kind::Busy:
    case Kind::Info:
        break;
    }
    return palette.color(QPalette::WindowText);
}

void StatusLine::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange ||
        event->type() == QEvent::FontChange)
        applyStyle();
}

void StatusLine::applyStyle()
{
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    if (m_kind == Kind::Error)
        pixmap = QStyle::SP_MessageBoxCritical;
    else if (m_kind == Kind::Warning)
        pixmap = QStyle::SP_MessageBoxWarning;
    else if (m_kind == Kind::Success)
        pixmap = QStyle::SP_DialogApplyButton;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(size, size));
    alignWithFirstLine(size);

    // Only the text label gets the colour; changing our own palette here would re-enter changeEvent.
    QPalette textPalette = palette();
    textPalette.setColor(QPalette::WindowText, colorFor(m_kind, palette()));
    m_text->setPalette(textPalette);
}

void StatusLine::alignWithFirstLine(int iconSize)
{
    // Icon, busy bar and the text's first line share one row and are centred on it, however many lines
    // the text wraps to: the shorter of icon and line moves down by half the difference.
    const int line = m_text->fontMetrics().height();
    const int row = qMax(line, iconSize);
    m_icon->setFixedSize(iconSize, row);
    m_busyRow->setFixedSize(m_busy->width(), row);
    const int top = (row - line) / 2;
    if (m_text->contentsMargins().top() != top)
        m_text->setContentsMargins(0, top, 0, 0);
}

} // namespace hftm
