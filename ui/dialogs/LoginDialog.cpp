#include "ui/dialogs/LoginDialog.h"

#include "core/base/TokenExpiry.h"
#include "core/files/TokenText.h"
#include "core/store/StoreEditor.h"
#include "core/store/TokenStore.h"
#include "ui/common/RelativeTime.h"
#include "ui/dialogs/PastedTokenCheck.h"
#include "ui/dialogs/StatusLine.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hftm {

namespace {
constexpr int RevealMs = 30000; // security checklist #19: a revealed token masks itself again
// A scope tree shows this many rows before it scrolls: a typical token's scopes at a glance, a
// hundred-repo token's still leave the rest of the form on the screen.
constexpr int MaxScopeRows = 12;
// Names longer than this are shortened in the middle inside sentences and check boxes: a check box
// cannot wrap, and a 200-character name without spaces would otherwise widen the dialog off the screen.
constexpr int MaxShownNameLength = 48;

QString shownName(const QString &name)
{
    if (name.size() <= MaxShownNameLength)
        return name;
    const int tail = MaxShownNameLength / 3;
    return name.left(MaxShownNameLength - tail - 1) + QChar(0x2026) + name.right(tail);
}

// What a layout needs at a width: its height for that width where its items wrap, else its hint.
int heightFor(const QLayout *layout, int width)
{
    return layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                       : layout->totalSizeHint().height();
}

int visibleRows(const QTreeWidget *tree)
{
    int rows = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        rows += 1 + (item->isExpanded() ? item->childCount() : 0);
    }
    return rows;
}
} // namespace

LoginDialog::LoginDialog(TokenStore *store, TokenValidator *validator, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_check(new PastedTokenCheck(validator, this))
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_clock(&systemNow)
{
    setWindowTitle(tr("Add a Hugging Face Token"));
    setModal(true);
    m_remask.setSingleShot(true);
    m_remask.setInterval(RevealMs);
    buildUi();

    connect(&m_remask, &QTimer::timeout, this, [this] { m_revealButton->setChecked(false); });
    connect(m_tokenEdit, &QLineEdit::textChanged, this, &LoginDialog::onTokenTextChanged);
    connect(m_revealButton, &QToolButton::toggled, this, &LoginDialog::setRevealed);
    connect(m_nameEdit, &QLineEdit::textEdited, this, &LoginDialog::onNameEdited);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &LoginDialog::updateState);
    for (QCheckBox *box : {m_replaceBox, m_unvalidatedBox})
        connect(box, &QCheckBox::toggled, this, &LoginDialog::updateState);
    connect(m_link, &QLabel::linkActivated, this, &LoginDialog::openTokenPage);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &LoginDialog::save);
    connect(m_check, &PastedTokenCheck::changed, this, &LoginDialog::onCheckChanged);
    // Expanding or collapsing an entity changes how many rows the tree needs.
    connect(m_summary->scopeTree(), &QTreeWidget::itemExpanded, this, &LoginDialog::fitToContent);
    connect(m_summary->scopeTree(), &QTreeWidget::itemCollapsed, this, &LoginDialog::fitToContent);

    m_activateBox->setChecked(m_store->tokens().isEmpty()); // the first token is the one to use
    updateState();
}

LoginDialog::~LoginDialog() = default;

void LoginDialog::setDebounceInterval(int ms)
{
    m_check->setDebounceInterval(ms);
}

void LoginDialog::setClock(NowFunction clock)
{
    m_clock = clock;
    m_summary->setClock(std::move(clock));
    updateState();
}

void LoginDialog::buildUi()
{
    auto *intro = new QLabel(tr("Paste an access token from your Hugging Face settings. It is checked with "
                                "the Hub before it is saved."),
                             this);
    intro->setWordWrap(true);

    m_tokenEdit = new QLineEdit(this);
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("hf_…"));
    m_tokenEdit->setAccessibleName(tr("Access token"));
    m_tokenEdit->setAccessibleDescription(tr("The token is hidden; use Show to reveal it."));
    m_tokenEdit->setMinimumWidth(fontMetrics().averageCharWidth() * 44);
    // Wide enough for the scope tree's two columns (permission id and its meaning) side by side.
    m_minimumWidth = fontMetrics().averageCharWidth() * 96;
    setMinimumWidth(m_minimumWidth);
    m_revealButton = new QToolButton(this);
    m_revealButton->setObjectName(QStringLiteral("revealButton"));
    m_revealButton->setCheckable(true);
    m_revealButton->setFocusPolicy(Qt::StrongFocus); // tool buttons skip Tab by default
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenEdit, 1);
    tokenRow->addWidget(m_revealButton);

    m_tokenStatus = new StatusLine(this);
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    m_expiryStatus = new StatusLine(this);
    m_expiryStatus->setObjectName(QStringLiteral("expiryStatus"));
    m_summary = new WhoamiSummaryWidget(this);
    m_summary->setObjectName(QStringLiteral("whoamiSummary"));
    m_summary->setAccessibleName(tr("Token details from the Hub"));
    m_summary->hide();

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setAccessibleName(tr("Token name"));
    m_nameEdit->setPlaceholderText(tr("Filled in from the Hub"));
    m_nameStatus = new StatusLine(this);
    m_nameStatus->setObjectName(QStringLiteral("nameStatus"));
    m_replaceBox = new QCheckBox(this);
    m_replaceBox->setObjectName(QStringLiteral("replaceBox"));
    m_unvalidatedBox = new QCheckBox(tr("Save &without validation (the Hub could not check it)"), this);
    m_unvalidatedBox->setObjectName(QStringLiteral("unvalidatedBox"));
    m_unvalidatedBox->setAccessibleName(tr("Save without validation"));
    m_activateBox = new QCheckBox(tr("Make this the &active token"), this);
    m_activateBox->setObjectName(QStringLiteral("activateBox"));
    m_activateBox->setAccessibleName(tr("Make this the active token"));
    m_gitBox = new QCheckBox(tr("Register with the &git credential helper"), this);
    m_gitBox->setObjectName(QStringLiteral("gitBox"));
    m_gitBox->setAccessibleName(tr("Register with the git credential helper"));

    m_link = new QLabel(this);
    m_link->setObjectName(QStringLiteral("tokenPageLink"));
    m_link->setTextFormat(Qt::RichText);
    m_link->setTextInteractionFlags(Qt::LinksAccessibleByKeyboard | Qt::LinksAccessibleByMouse);
    m_link->setOpenExternalLinks(false); // goes through the injectable opener
    const QUrl page = tokenSettingsUrl();
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(page.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                             tr("Create a token on %1").arg(page.host()).toHtmlEscaped()));
    m_link->setAccessibleName(tr("Create a token on %1").arg(page.host()));

    m_saveStatus = new StatusLine(this);
    m_saveStatus->setObjectName(QStringLiteral("saveStatus"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setText(tr("&Save"));
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *tokenLabel = new QLabel(tr("&Token:"), this);
    tokenLabel->setBuddy(m_tokenEdit);
    form->addRow(tokenLabel, tokenRow);
    form->addRow(QString(), m_tokenStatus);
    form->addRow(QString(), m_expiryStatus);
    form->addRow(QString(), m_summary);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_nameEdit);
    form->addRow(nameLabel, m_nameEdit);
    form->addRow(QString(), m_nameStatus);
    form->addRow(QString(), m_replaceBox);
    form->addRow(QString(), m_unvalidatedBox);
    form->addRow(QString(), m_activateBox);
    form->addRow(QString(), m_gitBox);

    // The form lives in a scroll area that fitToContent() makes exactly as tall as the form, so it only
    // scrolls when the screen is shorter than the form (a long scope list at a large scale factor).
    m_body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(intro);
    bodyLayout->addLayout(form);
    bodyLayout->addWidget(m_link);
    bodyLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("formScrollArea"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the width follows the content
    m_scroll->setBackgroundRole(QPalette::Window);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields; the area follows the focused one
    m_scroll->setAccessibleName(tr("Token form"));
    m_scroll->setWidget(m_body);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll);
    layout->addStretch(1);
    layout->addWidget(m_saveStatus);
    layout->addWidget(m_buttons);

    setTabOrder(m_tokenEdit, m_revealButton);
    setTabOrder(m_revealButton, m_nameEdit);
    setTabOrder(m_nameEdit, m_replaceBox);
    setTabOrder(m_replaceBox, m_unvalidatedBox);
    setTabOrder(m_unvalidatedBox, m_activateBox);
    setTabOrder(m_activateBox, m_gitBox);
    setTabOrder(m_gitBox, m_link);
    setTabOrder(m_link, m_buttons);
    setRevealed(false);
    m_tokenEdit->setFocus();
}

QString LoginDialog::hubEndpoint() const
{
    QString endpoint = m_store->endpointFor(QString()); // no per-token endpoint yet: the global one
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    return endpoint;
}

QUrl LoginDialog::tokenSettingsUrl() const
{
    return QUrl(hubEndpoint() + QStringLiteral("/settings/tokens"));
}

void LoginDialog::onTokenTextChanged(const QString &text)
{
    // Trim like huggingface_hub; re-entering with the trimmed text does the rest. Inner problems stay
    // visible so they can be explained rather than silently "fixed".
    const QString stripped = TokenText::pythonStrip(text);
    if (stripped != text) {
        m_tokenEdit->setText(stripped);
        return;
    }
    const Result<QString> pasted = TokenText::validatePasted(text);
    m_secret = pasted ? *pasted : QString();
    m_duplicateOf = duplicateOf(m_secret);
    m_unvalidatedBox->setChecked(false);
    if (!m_nameEdited)
        m_nameEdit->clear(); // a name suggested for the previous text no longer applies
    // Only plausible, new tokens are sent: whoami is heavily rate-limited, and for a duplicate the
    // answer would change nothing.
    const bool plausible = m_secret.size() >= MinPlausibleLength && m_duplicateOf.isEmpty();
    m_check->setToken(plausible ? m_secret : QString(), hubEndpoint()); // emits changed()
}

QString LoginDialog::duplicateOf(const QString &secret) const
{
    if (secret.isEmpty())
        return {};
    const QString fp = TokenText::fingerprint(secret);
    for (const TokenRecord &record : m_store->tokens()) {
        if (record.fingerprint == fp)
            return record.name;
    }
    return {};
}

void LoginDialog::onCheckChanged()
{
    const std::optional<WhoamiInfo> &whoami = m_check->whoami();
    if (whoami) {
        m_summary->setWhoami(*whoami);
        if (!m_nameEdited)
            m_nameEdit->setText(
                whoami->suggestedName()); // huggingface_hub's name: displayName / oauth-<user>
    } else {
        m_summary->clear();
    }
    m_summary->setVisible(whoami.has_value());
    const TokenStatus status = m_check->status();
    if (status != TokenStatus::Unreachable && status != TokenStatus::RateLimited)
        m_unvalidatedBox->setChecked(false);
    updateState();
}

void LoginDialog::onNameEdited()
{
    // Once the user typed a name, a later Hub answer must not overwrite it; clearing it opts back in.
    m_nameEdited = !m_nameEdit->text().isEmpty();
    if (!m_nameEdited && m_check->whoami())
        m_nameEdit->setText(m_check->whoami()->suggestedName());
}

void LoginDialog::setRevealed(bool revealed)
{
    m_tokenEdit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    m_revealButton->setText(revealed ? tr("&Hide") : tr("S&how"));
    m_revealButton->setAccessibleName(revealed ? tr("Hide the token") : tr("Show the token"));
    if (m_revealButton->isChecked() != revealed)
        m_revealButton->setChecked(revealed);
    if (revealed)
        m_remask.start();
    else
        m_remask.stop();
}

void LoginDialog::openTokenPage()
{
    m_openUrl(tokenSettingsUrl());
}

void LoginDialog::done(int result)
{
    if (m_saving && result != QDialog::Accepted)
        return; // Escape or the close button while saving: the save finishes (or fails) first
    m_remask.stop();
    m_check->cancel();
    // Drop the secret from the widget tree as soon as the dialog is finished with it.
    const QSignalBlocker blocker(m_tokenEdit);
    // setText(), not clear(): clear() records the removed text in the line edit's undo history, which
    // would keep the secret alive; setText() drops that history.
    m_tokenEdit->setText(QString());
    if (m_secret.isDetached()) // overwrite only a copy no one else shares; others are theirs to drop
        m_secret.fill(QChar(0));
    m_secret.clear();
    QDialog::done(result);
}

void LoginDialog::updateTokenStatus()
{
    using Kind = StatusLine::Kind;
    const QString text = m_tokenEdit->text();
    const Result<QString> pasted = TokenText::validatePasted(text);
    if (text.isEmpty()) {
        m_tokenStatus->clear();
    } else if (!pasted) {
        m_tokenStatus->setMessage(Kind::Error, pasted.error().message); // never quotes the input
    } else if (!m_duplicateOf.isEmpty()) {
        m_tokenStatus->setMessage(Kind::Error, tr("This token is already stored as “%1”. To give it "
                                                  "another name, rename it in the main window.")
                                                   .arg(shownName(m_duplicateOf)));
    } else if (m_secret.size() < MinPlausibleLength) {
        m_tokenStatus->setMessage(Kind::Info, tr("This looks incomplete. Paste the whole token."));
    } else if (m_check->isBusy()) {
        m_tokenStatus->setMessage(Kind::Busy,
                                  tr("Checking the token with %1…").arg(QUrl(hubEndpoint()).host()));
    } else {
        const QString hub = m_check->message();
        const auto withHub = [&hub](const QString &words) {
            return hub.isEmpty() ? words : tr("%1 The Hub said: %2").arg(words, hub);
        };
        switch (m_check->status()) {
        case TokenStatus::Valid:
            m_tokenStatus->setMessage(
                Kind::Success, m_check->whoami() ? tr("Valid token of %1.").arg(m_check->whoami()->user)
                                                 : tr("Valid token."));
            break;
        case TokenStatus::Expired:
            m_tokenStatus->setMessage(Kind::Error, withHub(tr("This token has expired. Create a new one on "
                                                              "the Hub.")));
            break;
        case TokenStatus::Invalid:
            m_tokenStatus->setMessage(Kind::Error, withHub(tr("The Hub refused this token: it is wrong, "
                                                              "revoked or was never valid.")));
            break;
        case TokenStatus::Unreachable:
            m_tokenStatus->setMessage(Kind::Warning, withHub(tr("The Hub could not be reached, so the "
                                                                "token was not checked. It is not marked "
                                                                "invalid.")));
            break;
        case TokenStatus::RateLimited:
            m_tokenStatus->setMessage(Kind::Warning, withHub(tr("The Hub is limiting token checks right "
                                                                "now. Try again in a few minutes.")));
            break;
        case TokenStatus::Unchecked:
            m_tokenStatus->clear();
            break;
        }
        if (m_check->status() == TokenStatus::Valid && !TokenText::looksLikeHfToken(m_secret))
            m_tokenStatus->setMessage(
                Kind::Warning, tr("%1 It does not have the usual hf_ shape.").arg(m_tokenStatus->text()));
    }
    updateExpiryWarning();
}

void LoginDialog::updateExpiryWarning()
{
    // Judged like the window's Status column (TokenExpiry, the settings' warning window), so a token
    // the dialog calls "expires soon" is the one the table shows as expiring right after saving. A
    // warning only: a token with days left is still worth saving.
    const std::optional<WhoamiInfo> &whoami = m_check->whoami();
    const bool valid = !m_secret.isEmpty() && m_duplicateOf.isEmpty() && !m_check->isBusy() &&
                       m_check->status() == TokenStatus::Valid && whoami;
    if (!valid) {
        m_expiryStatus->clear();
        return;
    }
    TokenRecord pasted;
    pasted.check.whoami = whoami;
    const QDateTime now = m_clock();
    if (expiryState(pasted, now, m_store->settings().expiryWarningDays) != ExpiryState::Soon) {
        m_expiryStatus->clear();
        return;
    }
    const QDateTime expires = pasted.expires();
    m_expiryStatus->setMessage(StatusLine::Kind::Warning,
                               tr("This token expires on %1, %2. Create a new one on the Hub before then.")
                                   .arg(RelativeTime::shortDate(expires), RelativeTime::until(expires, now)));
}

void LoginDialog::startReplacing(const QString &name)
{
    m_nameEdit->setText(name);
    m_nameEdited = true;
    updateNameStatus();
    if (m_nameTaken)
        m_replaceBox->setChecked(true);
    updateState();
    m_tokenEdit->setFocus(Qt::OtherFocusReason); // what is missing is the new secret
}

void LoginDialog::updateNameStatus()
{
    using Kind = StatusLine::Kind;
    const QString name = m_nameEdit->text();
    const std::optional<TokenRecord> existing = name.isEmpty() ? std::nullopt : m_store->token(name);
    const Error nameError = name.isEmpty() ? Error{} : TokenText::validateName(name);
    m_nameOk = !name.isEmpty() && !nameError;
    m_nameTaken = m_nameOk && existing.has_value();
    if (m_nameTaken && m_replaceTarget != name) {
        m_replaceBox->setChecked(false); // consent to replace one token is not consent for another
        m_replaceBox->setText(tr("&Replace the existing token named “%1”").arg(shownName(name)));
        m_replaceBox->setAccessibleName(tr("Replace the existing token named “%1”").arg(name));
    }
    m_replaceTarget = m_nameTaken ? name : QString();
    m_replaceBox->setVisible(m_nameTaken);

    if (nameError)
        m_nameStatus->setMessage(Kind::Error, nameError.message);
    else if (m_nameTaken)
        m_nameStatus->setMessage(Kind::Warning, tr("A token named “%1” (%2) is already stored. Saving "
                                                   "replaces it, as \u201Chf auth login\u201D would.")
                                                    .arg(shownName(name), existing->masked));
    else if (name.isEmpty() && !m_secret.isEmpty() && !m_check->isBusy() && m_check->hasVerdict())
        m_nameStatus->setMessage(Kind::Info, tr("Enter a name for this token."));
    else
        m_nameStatus->clear();
}

void LoginDialog::updateState()
{
    updateTokenStatus();
    updateNameStatus();
    const TokenStatus status = m_check->status();
    const bool unverifiable =
        !m_check->isBusy() && (status == TokenStatus::Unreachable || status == TokenStatus::RateLimited);
    m_unvalidatedBox->setVisible(unverifiable && m_duplicateOf.isEmpty());

    // Save only what is known to be safe: a well-formed new secret the Hub accepted (or, explicitly, one
    // it could not check), under a valid name that replaces nothing without consent.
    const bool verdictOk = !m_check->isBusy() &&
                           (status == TokenStatus::Valid || (unverifiable && m_unvalidatedBox->isChecked()));
    const bool canSave = !m_secret.isEmpty() && m_duplicateOf.isEmpty() && verdictOk && m_nameOk &&
                         (!m_nameTaken || m_replaceBox->isChecked());
    m_saveButton->setEnabled(canSave && !m_saving);
    fitToContent();
}

void LoginDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitToContent(); // fonts and style are final now, and the screen is known
}

bool LoginDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    // A message rewrapped at its new width changes the height it needs after the state change that
    // set it: refit on the next turn, once the layout has settled (no-op when nothing changed).
    if (event->type() == QEvent::LayoutRequest && !m_fitting && isVisible())
        QMetaObject::invokeMethod(this, &LoginDialog::fitToContent, Qt::QueuedConnection);
    return handled;
}

void LoginDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    // A size fitToContent() did not ask for is the user's (or the window manager's): keep its width, and
    // refit, as a new width rewraps every message and the height that fits them changes with it.
    if (m_fitting || event->size() == m_fittedSize || !isVisible())
        return;
    if (event->size().width() != m_fittedSize.width()) {
        m_userWidth = event->size().width();
        QMetaObject::invokeMethod(this, &LoginDialog::fitToContent, Qt::QueuedConnection);
    }
}

void LoginDialog::fitScopeTree()
{
    // Exactly as tall as its rows (no empty box, no scroll bar for a handful of permissions), capped so
    // a long list scrolls inside the tree; wide enough for both columns, so no text is elided.
    QTreeWidget *tree = m_summary->scopeTree();
    if (tree->topLevelItemCount() == 0)
        return;
    const QAbstractItemView *view = tree; // the size hints are public there, protected in QTreeView
    const int rows = visibleRows(tree);
    const int shown = qMin(rows, MaxScopeRows);
    const int frame = 2 * tree->frameWidth();
    tree->setFixedHeight(tree->header()->sizeHint().height() + shown * view->sizeHintForRow(0) + frame);
    int width = frame;
    for (int c = 0; c < tree->columnCount(); ++c)
        width += qMax(view->sizeHintForColumn(c), tree->header()->sectionSizeHint(c));
    if (rows > shown)
        width += tree->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, tree);
    tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    tree->setMinimumWidth(width);
}

void LoginDialog::fitToContent()
{
    // Every state change lands here: the dialog takes the height its content needs at its width (grows
    // for a three-line error, shrinks back when it goes away), never less, and never more than the
    // screen holds; then the form scrolls instead. Like adjustSize(), but for the layout's
    // height-for-width, which adjustSize() and the minimum size ignore.
    if (m_fitting || !m_scroll)
        return;
    const QScopedValueRollback guard(m_fitting, true);
    ensurePolished();
    fitScopeTree();
    QLayout *outer = layout();
    QLayout *inner = m_body->layout();
    // Sub-layouts (the forms) cache their height for a width until the next activation: drop the
    // caches, or a message that just went away would still be counted.
    for (QLayout *sub : findChildren<QLayout *>())
        sub->invalidate();
    const QMargins margins = outer->contentsMargins();
    const QRect screen =
        (this->screen() ? this->screen() : QGuiApplication::primaryScreen())->availableGeometry();
    const int frameHeight = isVisible() ? frameGeometry().height() - height() : 0;
    const int maxHeight = screen.height() - qMax(frameHeight, 0);

    const int bodyMinWidth = inner->totalMinimumSize().width();
    const int minWidth = qMax(m_minimumWidth, bodyMinWidth + margins.left() + margins.right());
    // The width the content needs, or the user's if they made it wider: it shrinks back too.
    const int w = qMin(qMax(m_userWidth, minWidth), screen.width());
    const int formHeight = heightFor(inner, w - margins.left() - margins.right());
    m_scroll->setMinimumWidth(bodyMinWidth);
    m_scroll->setFixedHeight(formHeight);
    int total = heightFor(outer, w);
    if (total > maxHeight) {
        // The scroll bar takes its width from the form, so the form must not get narrower than it needs.
        const int bar = m_scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_scroll);
        m_scroll->setMinimumWidth(bodyMinWidth + bar);
        const int rest = total - formHeight; // what is outside the form: save status, buttons, margins
        const int minimumForm = 6 * fontMetrics().height(); // a little of the form even on a tiny screen
        m_scroll->setFixedHeight(qMax(maxHeight - rest, minimumForm));
        total = heightFor(outer, w);
    }
    setMinimumSize(qMin(minWidth, w), total);
    m_fittedSize = QSize(w, total);
    resize(m_fittedSize);
}

void LoginDialog::save()
{
    updateState();
    if (!m_saveButton->isEnabled())
        return;
    AddOptions options;
    options.activate = m_activateBox->isChecked();
    options.registerWithGit = m_gitBox->isChecked();
    options.replace = m_nameTaken && m_replaceBox->isChecked();
    const QString name = m_nameEdit->text();
    std::optional<WhoamiInfo> whoami;
    if (m_check->status() == TokenStatus::Valid)
        whoami = m_check->whoami();

    // The keychain write happens off this thread: the dialog keeps painting, and holds still (no other
    // save, no edits of what is being saved, no close) until it is done, which its timeout bounds.
    setSaving(true);
    m_saveStatus->setMessage(StatusLine::Kind::Busy, tr("Saving \u201C%1\u201D\u2026").arg(shownName(name)));
    fitToContent();
    StoreEditJob *job = StoreEditor::of(m_store)->add(name, m_secret, options, whoami);
    connect(job, &StoreEditJob::finished, this, [this, options](StoreEditJob *done) {
        setSaving(false);
        const StoreEditOutcome &outcome = done->outcome();
        if (outcome.error || !outcome.record) {
            m_saveStatus->setMessage(StatusLine::Kind::Error,
                                     tr("The token was not saved: %1").arg(outcome.error.message));
            updateState();
            return;
        }
        m_saveStatus->clear();
        m_savedName = outcome.record->name;
        m_gitSkipped = options.registerWithGit && !outcome.record->gitRegistered;
        accept();
    });
}

void LoginDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_tokenEdit->setReadOnly(saving);
    m_nameEdit->setReadOnly(saving);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
    m_saveButton->setEnabled(!saving && m_saveButton->isEnabled());
}

} // namespace hftm
