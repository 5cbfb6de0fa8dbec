#include "ui/window/TokenDetailsPane.h"

#include "core/base/TokenExpiry.h"
#include "core/git/GitCredential.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/TokenStateStyle.h"
#include "ui/window/TokenTableModel.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hftm {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // Hub data is never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(
        Qt::TextSelectableByMouse); // not a tab stop: Tab goes table -> permissions
    return label;
}

QString dash()
{
    return QStringLiteral("\u2014");
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

    m_empty = new QLabel(tr("Select a token to see its details."), m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // drawn in the palette's muted text colour
    m_empty->setAccessibleName(tr("No token selected"));
    m_stack->addWidget(m_empty);

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

    m_masked = valueLabel(page);
    m_masked->setAccessibleName(tr("Masked token"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_masked->setFont(mono);
    layout->addWidget(m_masked);
    m_secret = valueLabel(page);
    m_secret->setFont(mono);
    m_secret->setAccessibleName(tr("Revealed token")); // the name never carries the secret itself
    // Not selectable: on X11 a selection is published as PRIMARY at once, where any program can read it
    // and it outlives the reveal (checklist row 29). Copy goes through the guarded clipboard instead.
    m_secret->setTextInteractionFlags(Qt::NoTextInteraction);
    m_secret->setVisible(false);
    layout->addWidget(m_secret);

    m_uncheckedNote =
        new QLabel(tr("Not checked yet: validate it to see the account and its permissions."), page);
    m_uncheckedNote->setWordWrap(true);
    m_uncheckedNote->setEnabled(false);
    layout->addWidget(m_uncheckedNote);

    layout->addSpacing(6);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    layout->addLayout(m_form);
    m_user = addRow(tr("Hub user:"), tr("Hub user"));
    m_fullName = addRow(tr("Full name:"), tr("Full name"));
    m_orgs = addRow(tr("Organizations:"), tr("Organizations and roles"));
    m_hubName = addRow(tr("Name on the Hub:"), tr("Token display name on the Hub"));
    m_role = addRow(tr("Role:"), tr("Token role"));
    m_created = addRow(tr("Created:"), tr("Created"));
    m_expires = addRow(tr("Expires:"), tr("Expires"));
    m_check = addRow(tr("Last check:"), tr("Last check"));
    m_storage = addRow(tr("Stored in:"), tr("Storage"));
    m_endpoint = addRow(tr("Endpoint:"), tr("Hub endpoint"));

    m_scopesLabel = new QLabel(tr("Fine-grained permissions:"), page);
    layout->addWidget(m_scopesLabel);
    m_scopes = new QTreeWidget(page);
    m_scopes->setHeaderHidden(true);
    m_scopes->setColumnCount(1);
    m_scopes->setAccessibleName(tr("Fine-grained permissions"));
    m_scopes->setUniformRowHeights(true);
    m_scopesLabel->setBuddy(m_scopes);
    layout->addWidget(m_scopes, 1);
    layout->addStretch(0);
    m_stack->addWidget(page);

    m_revealTimer.setSingleShot(true);
    connect(&m_revealTimer, &QTimer::timeout, this, &TokenDetailsPane::hideSecret);
    setRecord(std::nullopt, QString());
}

QLabel *TokenDetailsPane::addRow(const QString &label, const QString &accessibleName)
{
    QLabel *value = valueLabel(this);
    value->setAccessibleName(accessibleName);
    m_form->addRow(label, value);
    return value;
}

void TokenDetailsPane::setRecord(const std::optional<TokenRecord> &record, const QString &endpoint)
{
    if (!record || record->name != m_name)
        hideSecret(); // a revealed secret never outlives the selection it belongs to
    if (!record) {
        m_name.clear();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_name = record->name;
    m_stack->setCurrentIndex(1);
    m_title->setText(record->name);
    m_masked->setText(record->masked);
    m_uncheckedNote->setVisible(!record->check.whoami);
    showAccount(*record);

    showExpiry(*record);
    // The words of the table's "Last check": the Hub's last verdict stays when the last attempt failed.
    QString check = TokenStateStyle::lastCheckText(*record, m_now());
    if (!record->check.message.isEmpty())
        check += QLatin1Char('\n') + record->check.message;
    m_check->setText(check);
    QString storage = storageText(record->storage);
    if (record->missingFromFiles)
        storage += QLatin1Char('\n') + tr("Removed from huggingface_hub's files by another program.");
    // Where git holds it: git keys credentials by host, so the host of the endpoint in force says it all.
    storage += QLatin1Char('\n') +
               (record->gitRegistered ? tr("Registered with git for %1.").arg(GitCredential::hostOf(endpoint))
                                      : tr("Not registered with git."));
    m_storage->setText(storage);
    m_endpoint->setText(endpoint);
    showScopes(*record);
}

void TokenDetailsPane::showExpiry(const TokenRecord &record)
{
    // The warning window only colours the table; here the words are the same for "ok" and "soon".
    const QDateTime now = m_now();
    const QDateTime expires = record.expires();
    switch (expiryState(record, now, 0)) {
    case ExpiryState::Unknown:
        m_expires->setText(dash());
        return;
    case ExpiryState::None:
        m_expires->setText(tr("never"));
        return;
    case ExpiryState::Ok:
    case ExpiryState::Soon:
    case ExpiryState::Expired:
        break;
    }
    m_expires->setText(
        tr("%1 (%2)").arg(RelativeTime::shortDate(expires), RelativeTime::until(expires, now)));
}

void TokenDetailsPane::showAccount(const TokenRecord &record)
{
    const std::optional<WhoamiInfo> &who = record.check.whoami;
    m_user->setText(who ? who->user : dash());
    m_fullName->setText(who && !who->fullname.isEmpty() ? who->fullname : dash());
    QStringList orgs;
    if (who) {
        for (const OrgMembership &org : who->orgs)
            orgs << (org.role.isEmpty() ? org.name : tr("%1 (%2)").arg(org.name, org.role));
    }
    m_orgs->setText(orgs.isEmpty() ? dash() : orgs.join(QLatin1Char('\n')));
    m_hubName->setText(who && !who->tokenDisplayName.isEmpty() ? who->tokenDisplayName : dash());
    const QString role = who ? tokenRoleText(who->roleKind, who->role) : QString();
    m_role->setText(role.isEmpty() ? dash() : role);
    m_created->setText(who && who->createdAt.isValid() ? RelativeTime::shortDate(who->createdAt) : dash());
}

void TokenDetailsPane::showScopes(const TokenRecord &record)
{
    m_scopes->clear();
    const std::optional<WhoamiInfo> &who = record.check.whoami;
    const bool fineGrained = who && (who->roleKind == TokenRole::FineGrained || !who->scoped.isEmpty());
    m_scopesLabel->setVisible(fineGrained);
    m_scopes->setVisible(fineGrained);
    if (!fineGrained)
        return;
    auto addEntity = [this](const QString &title, const QStringList &permissions) {
        auto *entity = new QTreeWidgetItem(m_scopes, {title});
        for (const QString &permission : permissions)
            new QTreeWidgetItem(entity, {permission});
        entity->setExpanded(true);
    };
    if (!who->globalPermissions.isEmpty() || who->canReadGatedRepos) {
        QStringList global = who->globalPermissions;
        if (who->canReadGatedRepos)
            global.prepend(tr("read access to contents of all public gated repos you can access"));
        addEntity(tr("Global"), global);
    }
    for (const ScopedPermission &scope : who->scoped)
        addEntity(tr("%1 %2").arg(scope.entityType, scope.entityName), scope.permissions);
}

void TokenDetailsPane::revealSecret(const QString &secret, std::chrono::milliseconds duration)
{
    m_secret->setText(secret);
    m_secret->setVisible(true);
    m_masked->setVisible(false);
    m_revealTimer.start(duration);
}

void TokenDetailsPane::hideSecret()
{
    const bool wasRevealing = m_secret->isVisible() || !m_secret->text().isEmpty();
    m_revealTimer.stop();
    // Should the secret have reached PRIMARY anyway (it cannot be selected, but it costs nothing to be
    // sure), take it back; a selection another program owns, or any other text, stays untouched.
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (wasRevealing && clipboard->supportsSelection() && clipboard->ownsSelection() &&
        !m_secret->text().isEmpty() && clipboard->text(QClipboard::Selection) == m_secret->text())
        clipboard->clear(QClipboard::Selection);
    m_secret->clear();
    m_secret->setVisible(false);
    m_masked->setVisible(true);
    if (wasRevealing)
        emit revealEnded();
}

} // namespace hftm
