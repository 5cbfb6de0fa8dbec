#include "ui/window/SecretLine.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hftm {

SecretLine::SecretLine(QWidget *parent)
    : QWidget(parent)
    , m_masked(new QLabel(this))
    , m_secret(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_hide(new QPushButton(tr("Hide"), this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QLabel *label : {m_masked, m_secret, m_countdown}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    m_masked->setFont(mono);
    m_masked->setAccessibleName(tr("Masked token"));
    m_masked->setTextInteractionFlags(Qt::TextSelectableByMouse); // not a tab stop
    m_secret->setFont(mono);
    m_secret->setAccessibleName(tr("Revealed token")); // the name never carries the secret itself
    // Not selectable: on X11 a selection is published as PRIMARY at once, where any program can read it
    // and it outlives the reveal (checklist row 29). Copy goes through the guarded clipboard instead.
    m_secret->setTextInteractionFlags(Qt::NoTextInteraction);
    m_countdown->setAccessibleName(tr("Time until the token is hidden"));
    m_countdown->setEnabled(false); // muted: a note, not content
    m_hide->setAccessibleName(tr("Hide the token"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_masked);
    layout->addWidget(m_secret);
    // Under the secret, not beside it: a 37-character secret already fills a narrow pane.
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_countdown, 1);
    controls->addWidget(m_hide);
    layout->addLayout(controls);

    m_hideTimer.setSingleShot(true);
    m_tick.setSingleShot(true);
    // Precise: a coarse timer may move its deadline by up to 5%, and "Hidden in 61 s" would follow a
    // 60 s reveal (seen under load); the secret must go when the countdown says so.
    m_hideTimer.setTimerType(Qt::PreciseTimer);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_hideTimer, &QTimer::timeout, this, &SecretLine::conceal);
    connect(&m_tick, &QTimer::timeout, this, &SecretLine::showCountdown);
    connect(m_hide, &QPushButton::clicked, this, &SecretLine::conceal);
    m_secret->hide();
    m_countdown->hide();
    m_hide->hide();
}

void SecretLine::setMasked(const QString &masked)
{
    m_masked->setText(masked);
}

void SecretLine::reveal(const QString &secret, std::chrono::milliseconds duration)
{
    m_secret->setText(secret);
    m_secret->show();
    m_masked->hide();
    m_countdown->show();
    m_hide->show();
    m_hideTimer.start(duration);
    showCountdown();
}

QString SecretLine::countdownText() const
{
    return m_countdown->isVisibleTo(this) ? m_countdown->text() : QString();
}

void SecretLine::showCountdown()
{
    if (!m_hideTimer.isActive())
        return;
    // Whole seconds rounded up, so it reads "Hidden in 1 s" until the very end, never "in 0 s"; the
    // next repaint is due when the count changes, not on a fixed beat.
    const int remaining = qMax(0, m_hideTimer.remainingTime());
    const int seconds = qMax(1, (remaining + 999) / 1000);
    m_countdown->setText(tr("Hidden in %1 s").arg(seconds));
    m_tick.start(qMax(1, remaining - (seconds - 1) * 1000));
}

void SecretLine::conceal()
{
    const bool wasRevealing = m_secret->isVisibleTo(this) || !m_secret->text().isEmpty();
    m_hideTimer.stop();
    m_tick.stop();
    // Should the secret have reached PRIMARY anyway (it cannot be selected, but it costs nothing to be
    // sure), take it back; a selection another program owns, or any other text, stays untouched.
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (wasRevealing && clipboard->supportsSelection() && clipboard->ownsSelection() &&
        !m_secret->text().isEmpty() && clipboard->text(QClipboard::Selection) == m_secret->text())
        clipboard->clear(QClipboard::Selection);
    m_secret->clear();
    m_secret->hide();
    m_countdown->clear();
    m_countdown->hide();
    m_hide->hide();
    m_masked->show();
    if (wasRevealing)
        emit revealEnded();
}

} // namespace hftm
