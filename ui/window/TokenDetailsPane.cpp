#include "ui/window/TokenDetailsPane.h"

#include "core/git/GitCredential.h"
#include "core/notify/TokenStory.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/TokenStateStyle.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"
#include "ui/window/SecretLine.h"
#include "ui/window/TokenTableModel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace hftm {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // Hub data is never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(
        Qt::TextSelectableByMouse); // not a tab stop: Tab goes table -> the pane's buttons
    return label;
}

StoryTime relativeTime(const QDateTime &now)
{
    StoryTime time;
    time.since = [now](const QDateTime &when) { return RelativeTime::since(when, now); };
    time.until = [now](const QDateTime &when) { return RelativeTime::until(when, now); };
    time.date = &RelativeTime::shortDate;
    return time;
}
} // namespace

TokenDetailsPane::TokenDetailsPane(NowFunction now, QWidget *parent)
    : QWidget(parent)
    , m_now(std::move(now))
    , m_stack(new QStackedWidget(this))
{
    setAccessibleName(tr("Token details"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Select a token to see its details."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false); // drawn in the palette's muted text colour
    empty->setAccessibleName(tr("No token selected"));
    m_stack->addWidget(empty);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 8, 8, 8);
    m_title = valueLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Token name"));
    layout->addWidget(m_title);
    layout->addWidget(buildStory(page));

    m_secret = new SecretLine(page);
    connect(m_secret, &SecretLine::revealEnded, this, &TokenDetailsPane::revealEnded);
    layout->addWidget(m_secret);

    layout->addSpacing(6);
    m_summary = new WhoamiSummaryWidget(page);
    m_summary->setAccessibleName(tr("Account and permissions"));
    m_summary->setClock(m_now);
    layout->addWidget(m_summary);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addLayout(m_form);
    m_expires = addRow(tr("Expires:"), tr("Expires"));
    m_check = addRow(tr("Last check:"), tr("Last check"));
    m_storage = addRow(tr("Stored in:"), tr("Storage"));
    m_endpoint = addRow(tr("Endpoint:"), tr("Hub endpoint"));
    layout->addStretch(1);

    m_stack->addWidget(page);

    setRecord(std::nullopt, QString());
}

QWidget *TokenDetailsPane::buildStory(QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 4);

    auto *headlineRow = new QHBoxLayout;
    m_stateIcon = new QLabel(box);
    m_stateIcon->setAlignment(Qt::AlignTop);
    headlineRow->addWidget(m_stateIcon, 0, Qt::AlignTop);
    m_headline = valueLabel(box);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setAccessibleName(tr("Token state"));
    headlineRow->addWidget(m_headline, 1);
    layout->addLayout(headlineRow);

    m_sentence = valueLabel(box);
    m_sentence->setAccessibleName(tr("What the state means"));
    layout->addWidget(m_sentence);

    // The Hub's own text and its request id help a bug report, not a reader: shown only when asked.
    m_detailsToggle = new QToolButton(box);
    m_detailsToggle->setObjectName(QStringLiteral("detailsToggle"));
    m_detailsToggle->setText(tr("Details…"));
    m_detailsToggle->setAccessibleName(tr("Show the Hub’s answer"));
    m_detailsToggle->setCheckable(true);
    m_detailsToggle->setAutoRaise(true);
    m_detailsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsToggle->setArrowType(Qt::RightArrow);
    layout->addWidget(m_detailsToggle, 0, Qt::AlignLeft);
    m_diagnostic = valueLabel(box);
    m_diagnostic->setAccessibleName(tr("The Hub’s answer"));
    m_diagnostic->setVisible(false);
    layout->addWidget(m_diagnostic);
    connect(m_detailsToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_detailsToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        m_diagnostic->setVisible(shown);
    });

    // Two rows: the three buttons side by side would not fit a pane a third of a laptop screen wide.
    m_replace = new QPushButton(tr("Replace…"), box);
    m_replace->setToolTip(tr("Store a new token under this name"));
    m_remove = new QPushButton(tr("Remove"), box);
    m_remove->setToolTip(tr("Remove this token from this computer"));
    m_openPage = new QPushButton(tr("Open the Hub’s token page"), box);
    auto *steps = new QHBoxLayout;
    steps->addWidget(m_replace);
    steps->addWidget(m_remove);
    steps->addStretch(1);
    layout->addLayout(steps);
    auto *page = new QHBoxLayout;
    page->addWidget(m_openPage);
    page->addStretch(1);
    layout->addLayout(page);
    connect(m_replace, &QPushButton::clicked, this, [this] { emit replaceRequested(m_name); });
    connect(m_remove, &QPushButton::clicked, this, [this] { emit removeRequested(m_name); });
    connect(m_openPage, &QPushButton::clicked, this, [this] {
        if (m_tokenPage.isValid())
            emit openUrlRequested(m_tokenPage);
    });
    return box;
}

QLabel *TokenDetailsPane::addRow(const QString &label, const QString &accessibleName)
{
    QLabel *value = valueLabel(this);
    value->setAccessibleName(accessibleName);
    m_form->addRow(label, value);
    return value;
}

QSize TokenDetailsPane::sizeHint() const
{
    // From the font alone, never from the text shown: the splitter keeps its place on every selection.
    // The minimum stays the layout's (word-wrapped labels, so narrow): the window's scroll area around
    // the pane scrolls below it rather than clipping.
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 44, metrics.height() * 30};
}

void TokenDetailsPane::setRecord(const std::optional<TokenRecord> &record, const QString &endpoint)
{
    if (!record || record->name != m_name) {
        hideSecret();                       // a revealed secret never outlives the selection it belongs to
        m_detailsToggle->setChecked(false); // nor does an answer asked for on another token
    }
    if (!record) {
        m_name.clear();
        m_tokenPage.clear();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_name = record->name;
    m_stack->setCurrentIndex(1);
    m_title->setText(record->name);
    m_secret->setMasked(record->masked);

    QString base = endpoint;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl page(base + QStringLiteral("/settings/tokens"));
    // Only ever a web page over TLS: the endpoint comes from a file anyone could edit.
    m_tokenPage =
        page.isValid() && page.scheme() == QLatin1String("https") && !page.host().isEmpty() ? page : QUrl();
    m_openPage->setToolTip(m_tokenPage.toString());
    showStory(*record);
    showFacts(*record, endpoint);
}

void TokenDetailsPane::showStory(const TokenRecord &record)
{
    const QDateTime now = m_now();
    const TokenStateView view = m_stateOf ? m_stateOf(record) : tokenStateView(record, now, 0);
    const TokenStory story = tokenStory(view, record, now, relativeTime(now));
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_stateIcon->setPixmap(TokenStateStyle::icon(story.state, style()).pixmap(iconSize, iconSize));
    m_stateIcon->setAccessibleName(tokenStateText(story.state));
    QPalette palette = m_headline->palette();
    const QColor colour = TokenStateStyle::color(story.state, palette);
    palette.setColor(QPalette::WindowText,
                     colour.isValid() ? colour : this->palette().color(QPalette::WindowText));
    m_headline->setPalette(palette);
    m_headline->setText(story.headline);
    m_sentence->setText(story.sentence);
    m_diagnostic->setText(story.diagnostic);
    m_detailsToggle->setVisible(!story.diagnostic.isEmpty());
    if (story.diagnostic.isEmpty())
        m_detailsToggle->setChecked(false);
    m_replace->setVisible(story.steps.contains(TokenStep::Replace));
    m_remove->setVisible(story.steps.contains(TokenStep::Remove));
    m_openPage->setVisible(story.steps.contains(TokenStep::OpenTokenPage) && m_tokenPage.isValid());
}

void TokenDetailsPane::showFacts(const TokenRecord &record, const QString &endpoint)
{
    const QDateTime now = m_now();
    if (record.check.whoami) {
        // The account as the add dialog shows it; the OAuth expiry counts when the Hub named none.
        WhoamiInfo who = *record.check.whoami;
        who.expiresAt = record.expires();
        m_summary->setWhoami(who);
        m_summary->show();
    } else {
        m_summary->clear();
        m_summary->hide();
    }
    const bool ownExpiry = !record.check.whoami && record.expires().isValid();
    m_form->setRowVisible(m_expires, ownExpiry);
    m_expires->setText(ownExpiry ? WhoamiSummaryWidget::expiryWords(record.expires(), now) : QString());

    // The words of the table's "Last check": the Hub's last verdict stays when the last attempt failed.
    m_check->setText(TokenStateStyle::lastCheckText(record, now));
    QString storage = storageText(record.storage);
    if (record.missingFromFiles)
        storage += QLatin1Char('\n') + tr("Removed from huggingface_hub’s files by another program.");
    // Where git holds it: git keys credentials by host, so the host of the endpoint in force says it all.
    storage += QLatin1Char('\n') +
               (record.gitRegistered ? tr("Registered with git for %1.").arg(GitCredential::hostOf(endpoint))
                                     : tr("Not registered with git."));
    m_storage->setText(storage);
    m_endpoint->setText(endpoint);
}

void TokenDetailsPane::revealSecret(const QString &secret, std::chrono::milliseconds duration)
{
    m_secret->reveal(secret, duration);
}

bool TokenDetailsPane::isRevealing() const
{
    return m_secret->isRevealing();
}

void TokenDetailsPane::hideSecret()
{
    m_secret->conceal();
}

} // namespace hftm
