#include "ui/window/TokenTableModel.h"

#include "core/store/TokenStore.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/RoleBadgeDelegate.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QUrl>

namespace hftm {

namespace {
RoleKind roleKind(const QString &hubRole)
{
    if (hubRole.isEmpty())
        return RoleKind::None;
    if (hubRole == QLatin1String("read"))
        return RoleKind::Read;
    if (hubRole == QLatin1String("write"))
        return RoleKind::Write;
    if (hubRole == QLatin1String("fineGrained"))
        return RoleKind::FineGrained;
    return RoleKind::Other;
}

bool isProblem(TokenStatus status)
{
    return status == TokenStatus::Expired || status == TokenStatus::Invalid;
}

// Warning colours that stay readable on the current palette (light or dark).
QColor warningColor(bool severe)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    if (severe)
        return dark ? QColor(255, 120, 110) : QColor(176, 0, 32);
    return dark ? QColor(255, 190, 90) : QColor(158, 84, 0);
}
} // namespace

QString roleText(const QString &hubRole)
{
    switch (roleKind(hubRole)) {
    case RoleKind::Read:
        return TokenTableModel::tr("read");
    case RoleKind::Write:
        return TokenTableModel::tr("write");
    case RoleKind::FineGrained:
        return TokenTableModel::tr("fine-grained");
    case RoleKind::Other:
    case RoleKind::None:
        break;
    }
    return hubRole;
}

QString storageText(StorageLocations storage)
{
    const bool keychain = storage.testFlag(StorageLocation::Keychain);
    const bool files = storage.testFlag(StorageLocation::StoredTokens);
    if (keychain && files)
        return TokenTableModel::tr("both");
    if (keychain)
        return TokenTableModel::tr("keychain");
    if (files)
        return TokenTableModel::tr("huggingface_hub files");
    return TokenTableModel::tr("nowhere");
}

TokenTableModel::TokenTableModel(TokenStore *store, NowFunction now, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_now(std::move(now))
{
    connect(m_store, &TokenStore::changed, this, &TokenTableModel::refresh);
    refresh();
}

void TokenTableModel::refresh()
{
    beginResetModel();
    m_settings = m_store->settings();
    m_rows.clear();
    const QList<TokenRecord> records = m_store->tokens();
    m_rows.reserve(records.size());
    // The store decides the endpoint in force (HF_ENDPOINT first, as huggingface_hub), from what its
    // last reload read: no parse per row.
    for (const TokenRecord &record : records)
        m_rows.append(Row{record, m_store->endpointFor(record.name)});
    endResetModel();
}

void TokenTableModel::timeMoved()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ExpiryColumn), index(int(m_rows.size()) - 1, CheckColumn));
}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TokenTableModel::endpointOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_rows.at(row).endpoint;
}

int TokenTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).record.name == name)
            return row;
    }
    return -1;
}

TokenTableModel::ExpiryState TokenTableModel::expiryState(const TokenRecord &record) const
{
    const QDateTime expires = record.expires();
    if (!expires.isValid())
        return record.check.whoami ? ExpiryState::None : ExpiryState::Unknown;
    const QDateTime now = m_now();
    if (expires <= now)
        return ExpiryState::Expired;
    if (now.secsTo(expires) < qint64(m_settings.expiryWarningDays) * 24 * 3600)
        return ExpiryState::Soon;
    return ExpiryState::Ok;
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::AccessibleTextRole:
        if (column == ActiveColumn)
            return row.record.active ? tr("active") : tr("not active");
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::ForegroundRole:
        return foreground(row, column);
    case Qt::FontRole:
        if (row.record.active && column == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == ActiveColumn ? QVariant(Qt::AlignCenter)
                                      : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case NameRole:
        return row.record.name;
    case SortRole:
        return sortKey(row, column);
    case RoleKindRole:
        return int(roleKind(row.record.role()));
    case ExpiryStateRole:
        return QVariant::fromValue(expiryState(row.record));
    case StatusRole:
        return int(row.record.check.status);
    default:
        return {};
    }
}

QVariant TokenTableModel::display(const Row &row, int column) const
{
    const TokenRecord &r = row.record;
    switch (column) {
    case ActiveColumn:
        return r.active ? QStringLiteral("\u25CF") : QString(); // a filled dot marks the token in force
    case NameColumn:
        return r.name;
    case UserColumn:
        return r.user();
    case RoleColumn:
        return roleText(r.role());
    case ExpiryColumn: {
        switch (expiryState(r)) {
        case ExpiryState::Unknown:
            return QString();
        case ExpiryState::None:
            return tr("never");
        case ExpiryState::Expired:
            return tr("%1 · expired").arg(RelativeTime::shortDate(r.expires()));
        case ExpiryState::Ok:
        case ExpiryState::Soon:
            break;
        }
        return tr("%1 · %2").arg(RelativeTime::shortDate(r.expires()),
                                 RelativeTime::until(r.expires(), m_now()));
    }
    case CheckColumn:
        if (r.check.status == TokenStatus::Unchecked || !r.check.checkedAt.isValid())
            return tokenStatusText(TokenStatus::Unchecked);
        return tr("%1 · %2").arg(tokenStatusText(r.check.status),
                                 RelativeTime::since(r.check.checkedAt, m_now()));
    case StorageColumn:
        return storageText(r.storage);
    case EndpointColumn: {
        const QUrl url(row.endpoint);
        return url.host().isEmpty()
                   ? row.endpoint
                   : url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString());
    }
    default:
        return {};
    }
}

QVariant TokenTableModel::sortKey(const Row &row, int column) const
{
    const TokenRecord &r = row.record;
    switch (column) {
    case ActiveColumn:
        return r.active ? 0 : 1;
    case ExpiryColumn:
        // Unknown and "never" sort after every real date.
        return r.expires().isValid() ? r.expires().toSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    case CheckColumn:
        return r.check.checkedAt.isValid() ? r.check.checkedAt.toSecsSinceEpoch() : qint64(0);
    default:
        return display(row, column).toString().toLower();
    }
}

QVariant TokenTableModel::toolTip(const Row &row, int column) const
{
    const TokenRecord &r = row.record;
    switch (column) {
    case ActiveColumn:
        return r.active ? tr("The active token: huggingface_hub and git use it") : QVariant();
    case NameColumn:
        if (r.missingFromFiles)
            return tr("Removed from huggingface_hub's files by another program; still kept in the keychain");
        return r.oauth ? tr("Signed in with OAuth") : QVariant();
    case ExpiryColumn:
        return r.expires().isValid() ? QLocale().toString(r.expires().toLocalTime(), QLocale::LongFormat)
                                     : QVariant();
    case CheckColumn:
        return r.check.message.isEmpty() ? QVariant() : r.check.message;
    case EndpointColumn:
        return row.endpoint;
    default:
        return {};
    }
}

QVariant TokenTableModel::foreground(const Row &row, int column) const
{
    if (column == ExpiryColumn) {
        const ExpiryState state = expiryState(row.record);
        if (state == ExpiryState::Expired || state == ExpiryState::Soon)
            return warningColor(state == ExpiryState::Expired);
    }
    if (column == CheckColumn && isProblem(row.record.check.status))
        return warningColor(true);
    if (column == NameColumn && row.record.missingFromFiles)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ActiveColumn:
            return QString();
        case NameColumn:
            return tr("Name");
        case UserColumn:
            return tr("Hub user");
        case RoleColumn:
            return tr("Role");
        case ExpiryColumn:
            return tr("Expires");
        case CheckColumn:
            return tr("Last check");
        case StorageColumn:
            return tr("Storage");
        case EndpointColumn:
            return tr("Endpoint");
        default:
            return {};
        }
    }
    if ((role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) && section == ActiveColumn)
        return tr("Active");
    return {};
}

} // namespace hftm
