#include "ui/dialogs/WhoamiSummaryWidget.h"

#include "core/base/TokenRecord.h"
#include "ui/common/RelativeTime.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

namespace hftm {

namespace {

QLabel *makeValueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // names come from the Hub; never interpret them as markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

WhoamiSummaryWidget::WhoamiSummaryWidget(QWidget *parent)
    : QWidget(parent)
    , m_clock(&systemNow)
    , m_form(new QFormLayout(this))
    , m_user(makeValueLabel(this))
    , m_role(new QLabel(this))
    , m_tokenName(makeValueLabel(this))
    , m_orgs(makeValueLabel(this))
    , m_expiry(makeValueLabel(this))
    , m_created(makeValueLabel(this))
    , m_access(makeValueLabel(this))
    , m_scopes(new QTreeWidget(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_role->setTextFormat(Qt::PlainText);
    auto *tokenRow = new QWidget(this);
    auto *tokenLayout = new QHBoxLayout(tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_role);
    tokenLayout->addWidget(m_tokenName, 1);

    m_scopes->setColumnCount(2);
    m_scopes->setHeaderLabels({tr("Scope"), tr("What it allows")});
    m_scopes->setRootIsDecorated(true);
    m_scopes->setUniformRowHeights(true);
    m_scopes->setSelectionMode(QAbstractItemView::NoSelection);
    m_scopes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scopes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_scopes->header()->setStretchLastSection(true);
    m_scopes->setAccessibleName(tr("Fine-grained permissions"));
    // Room for a typical fine-grained token (a few entities, a dozen permissions) without scrolling much.
    m_scopes->setMinimumHeight(fontMetrics().height() * 14);

    m_user->setAccessibleName(tr("Account"));
    m_role->setAccessibleName(tr("Token role"));
    m_tokenName->setAccessibleName(tr("Token name on the Hub"));
    m_orgs->setAccessibleName(tr("Organizations"));
    m_expiry->setAccessibleName(tr("Expiry"));
    m_created->setAccessibleName(tr("Created"));
    m_access->setAccessibleName(tr("Access"));

    m_form->addRow(tr("Account:"), m_user);
    m_form->addRow(tr("Role:"), tokenRow);
    m_form->addRow(tr("Organizations:"), m_orgs);
    m_form->addRow(tr("Expires:"), m_expiry);
    m_form->addRow(tr("Created:"), m_created);
    m_form->addRow(tr("Access:"), m_access);
    m_form->addRow(m_scopes);
    applyBadgeStyle();
    clear();
}

void WhoamiSummaryWidget::clear()
{
    for (QLabel *label : {m_user, m_role, m_tokenName, m_orgs, m_expiry, m_created, m_access})
        label->clear();
    m_form->setRowVisible(m_created, false);
    m_scopes->clear();
    m_scopes->hide();
}

void WhoamiSummaryWidget::setWhoami(const WhoamiInfo &info)
{
    clear();
    QString user = info.user;
    if (!info.fullname.isEmpty() && info.fullname != info.user)
        user = tr("%1 (%2)").arg(info.user, info.fullname);
    if (info.isPro)
        user = tr("%1 — PRO").arg(user);
    if (info.type == QLatin1String("org"))
        user = tr("%1 — organization account").arg(user);
    m_user->setText(user);

    m_role->setText(roleName(info));
    m_tokenName->setText(info.tokenDisplayName.isEmpty()
                             ? tr("(no token name; signed in through the browser)")
                             : tr("“%1”").arg(info.tokenDisplayName));

    QStringList orgs;
    for (const OrgMembership &org : info.orgs) {
        QString text = org.role.isEmpty() ? org.name : tr("%1 (%2)").arg(org.name, org.role);
        if (!org.securityRestrictions.isEmpty())
            text = tr("%1 — blocked by: %2").arg(text, org.securityRestrictions.join(QStringLiteral(", ")));
        orgs << text;
    }
    m_orgs->setText(orgs.isEmpty() ? tr("None") : orgs.join(QStringLiteral("; ")));

    m_expiry->setText(expiryWords(info.expiresAt, m_clock()));
    m_created->setText(info.createdAt.isValid() ? RelativeTime::shortDate(info.createdAt) : QString());
    m_form->setRowVisible(m_created, info.createdAt.isValid());

    if (info.roleKind == TokenRole::Read) {
        m_access->setText(tr("Read everything this account can read, including gated repos it was granted."));
    } else if (info.roleKind == TokenRole::Write) {
        m_access->setText(tr("Read and write everything this account can access."));
    } else if (info.roleKind == TokenRole::FineGrained) {
        QStringList lines;
        lines << (info.canReadGatedRepos ? tr("Can read public gated repos you were granted.")
                                         : tr("Cannot read gated repos outside the scopes below."));
        for (const QString &permission : info.globalPermissions) {
            const QString words = permissionDescription(permission);
            lines << (words.isEmpty() ? permission : tr("%1 (%2)").arg(words, permission));
        }
        if (info.scoped.isEmpty())
            lines << tr("No repository or account scopes.");
        m_access->setText(lines.join(QLatin1Char('\n')));
        fillScopes(info);
    } else {
        m_access->setText(tr("Unknown role “%1”; check its permissions on the Hub.").arg(info.role));
    }
}

void WhoamiSummaryWidget::fillScopes(const WhoamiInfo &info)
{
    for (const ScopedPermission &scope : info.scoped) {
        auto *entity = new QTreeWidgetItem(m_scopes);
        entity->setText(0, tr("%1 %2").arg(entityTypeName(scope.entityType), scope.entityName));
        entity->setText(1, scope.permissions.size() == 1
                               ? tr("1 permission")
                               : tr("%n permissions", nullptr, int(scope.permissions.size())));
        for (const QString &permission : scope.permissions) {
            auto *item = new QTreeWidgetItem(entity);
            item->setText(0, permission);
            item->setText(1, permissionDescription(permission));
        }
    }
    m_scopes->expandAll();
    m_scopes->setVisible(!info.scoped.isEmpty());
}

QString WhoamiSummaryWidget::userText() const
{
    return m_user->text();
}
QString WhoamiSummaryWidget::roleText() const
{
    return m_role->text();
}
QString WhoamiSummaryWidget::expiryText() const
{
    return m_expiry->text();
}

QString WhoamiSummaryWidget::accessText() const
{
    return m_access->text();
}

QStringList WhoamiSummaryWidget::shownTexts() const
{
    QStringList texts;
    for (int row = 0; row < m_form->rowCount(); ++row) {
        if (!m_form->isRowVisible(row))
            continue;
        for (QFormLayout::ItemRole role : {QFormLayout::LabelRole, QFormLayout::FieldRole}) {
            QLayoutItem *item = m_form->itemAt(row, role);
            QWidget *widget = item ? item->widget() : nullptr;
            if (!widget)
                continue;
            const QList<QLabel *> labels = qobject_cast<QLabel *>(widget)
                                               ? QList<QLabel *>{static_cast<QLabel *>(widget)}
                                               : widget->findChildren<QLabel *>();
            for (const QLabel *label : labels)
                texts << label->text();
        }
    }
    for (QTreeWidgetItemIterator it(m_scopes); *it; ++it)
        texts << (*it)->text(0) + QLatin1Char('\t') + (*it)->text(1);
    return texts;
}

QString WhoamiSummaryWidget::expiryWords(const QDateTime &expires, const QDateTime &now)
{
    // The words of the window's Expiry column, so the dialog, the pane and the table never differ
    // ("never", not "No expiry known"; the same day count from the same arithmetic).
    if (!expires.isValid())
        return tr("never");
    if (expires <= now)
        return tr("%1 · expired").arg(RelativeTime::shortDate(expires));
    return tr("%1 · %2").arg(RelativeTime::shortDate(expires), RelativeTime::until(expires, now));
}

QString WhoamiSummaryWidget::roleName(const WhoamiInfo &info)
{
    const QString text = tokenRoleText(info.roleKind, info.role);
    return text.isEmpty() ? tr("unknown") : text;
}

QString WhoamiSummaryWidget::entityTypeName(const QString &type)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("user"), QT_TR_NOOP("Account")},
        {QStringLiteral("org"), QT_TR_NOOP("Organization")},
        {QStringLiteral("model"), QT_TR_NOOP("Model")},
        {QStringLiteral("dataset"), QT_TR_NOOP("Dataset")},
        {QStringLiteral("space"), QT_TR_NOOP("Space")},
        {QStringLiteral("bucket"), QT_TR_NOOP("Bucket")},
        {QStringLiteral("kernel"), QT_TR_NOOP("Kernel")},
        {QStringLiteral("collection"), QT_TR_NOOP("Collection")},
        {QStringLiteral("resource-group"), QT_TR_NOOP("Resource group")},
        {QStringLiteral("oauth-app"), QT_TR_NOOP("OAuth app")},
    };
    const auto it = names.constFind(type);
    return it == names.constEnd() ? type : tr(it.value());
}

QString WhoamiSummaryWidget::permissionDescription(const QString &permission)
{
    // The strings seen in real whoami answers and the Hub's token page (hub-auth spec §4.3).
    static const QHash<QString, const char *> words = {
        {QStringLiteral("repo.content.read"), QT_TR_NOOP("Read repository contents")},
        {QStringLiteral("repo.access.read"), QT_TR_NOOP("See access requests")},
        {QStringLiteral("repo.write"), QT_TR_NOOP("Write to repositories")},
        {QStringLiteral("inference.serverless.write"), QT_TR_NOOP("Call Inference Providers")},
        {QStringLiteral("inference.endpoints.infer.write"), QT_TR_NOOP("Call Inference Endpoints")},
        {QStringLiteral("inference.endpoints.write"), QT_TR_NOOP("Manage Inference Endpoints")},
        {QStringLiteral("user.webhooks.read"), QT_TR_NOOP("Read webhooks")},
        {QStringLiteral("user.webhooks.write"), QT_TR_NOOP("Manage webhooks")},
        {QStringLiteral("collection.read"), QT_TR_NOOP("Read collections")},
        {QStringLiteral("collection.write"), QT_TR_NOOP("Write collections")},
        {QStringLiteral("discussion.write"), QT_TR_NOOP("Open discussions and pull requests")},
        {QStringLiteral("post.write"), QT_TR_NOOP("Write posts")},
        {QStringLiteral("user.billing.read"), QT_TR_NOOP("Read billing information")},
        {QStringLiteral("job.write"), QT_TR_NOOP("Run jobs")},
        {QStringLiteral("user.notifications.read"), QT_TR_NOOP("Read notifications")},
        {QStringLiteral("user.notifications.write"), QT_TR_NOOP("Manage notifications")},
        {QStringLiteral("org.read"), QT_TR_NOOP("Read organization settings")},
        {QStringLiteral("org.write"), QT_TR_NOOP("Manage organization settings")},
    };
    const auto it = words.constFind(permission);
    return it == words.constEnd() ? QString() : tr(it.value());
}

void WhoamiSummaryWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyBadgeStyle();
}

void WhoamiSummaryWidget::applyBadgeStyle()
{
    // A pill in the palette's highlight colours, recomputed when the palette changes (light/dark switch).
    const QPalette pal = palette();
    const QString sheet =
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 6px; "
                       "padding: 1px 8px; }")
            .arg(pal.color(QPalette::Highlight).name(), pal.color(QPalette::HighlightedText).name());
    if (m_role->styleSheet() != sheet)
        m_role->setStyleSheet(sheet);
}

} // namespace hftm
