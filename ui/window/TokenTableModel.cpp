#include "ui/window/TokenTableModel.h"

#include "core/notify/TokenHealth.h"
#include "core/store/TokenStore.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/TokenStateStyle.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QUrl>

namespace hftm {

namespace {
// Warning colours that stay readable on the current palette (light or dark): the state colours.
QColor warningColor(bool severe)
{
    return TokenStateStyle::color(severe ? TokenState::Expired : TokenState::Expiring,
                                  QGuiApplication::palette());
}

// What a row shows, compared field by field so that a reload touches only the rows that changed. The
// account details only change with a new check, which moves checkedAt; the rest is compared as shown.
bool sameRow(const TokenRecord &a, const TokenRecord &b)
{
    const TokenCheck &x = a.check;
    const TokenCheck &y = b.check;
    return a.name == b.name && a.masked == b.masked && a.fingerprint == b.fingerprint &&
           a.storage == b.storage && a.missingFromFiles == b.missingFromFiles &&
           a.gitRegistered == b.gitRegistered && a.endpoint == b.endpoint && a.active == b.active &&
           a.oauth == b.oauth && a.oauthExpiresAt == b.oauthExpiresAt && x.status == y.status &&
           x.checkedAt == y.checkedAt && x.message == y.message && x.verdict == y.verdict &&
           x.verdictAt == y.verdictAt && x.whoami.has_value() == y.whoami.has_value() &&
           a.user() == b.user() && a.role() == b.role() && a.expires() == b.expires();
}
} // namespace

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
    connect(m_store, &TokenStore::tokenChanged, this, &TokenTableModel::onTokenChanged);
    connect(m_store, &TokenStore::tokensReset, this, &TokenTableModel::refresh);
    connect(m_store, &TokenStore::changed, this, &TokenTableModel::syncRows);
    refresh();
}

TokenTableModel::Row TokenTableModel::rowFor(const TokenRecord &record) const
{
    // The store decides the endpoint in force (HF_ENDPOINT first, as huggingface_hub).
    return Row{record, m_store->endpointFor(record.name)};
}

void TokenTableModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    const QList<TokenRecord> records = m_store->tokens();
    m_rows.reserve(records.size());
    for (const TokenRecord &record : records)
        m_rows.append(rowFor(record));
    m_warningDays = m_store->settings().expiryWarningDays;
    endResetModel();
}

void TokenTableModel::onTokenChanged(const QString &name)
{
    const int row = rowOf(name);
    const std::optional<TokenRecord> record = m_store->token(name);
    if (row < 0 || !record) {
        syncRows(); // a token this model does not show yet, or one that is gone
        return;
    }
    m_rows[row] = rowFor(*record);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TokenTableModel::syncRows()
{
    const QList<TokenRecord> records = m_store->tokens();
    bool sameNames = records.size() == m_rows.size();
    for (qsizetype i = 0; sameNames && i < records.size(); ++i)
        sameNames = records.at(i).name == m_rows.at(i).record.name;
    if (!sameNames) {
        refresh();
        return;
    }
    for (int i = 0; i < int(records.size()); ++i) {
        Row fresh = rowFor(records.at(i));
        if (sameRow(fresh.record, m_rows.at(i).record) && fresh.endpoint == m_rows.at(i).endpoint)
            continue;
        m_rows[i] = std::move(fresh);
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
    // A new warning window recolours the expiry column of every row, and nothing else.
    const int warningDays = m_store->settings().expiryWarningDays;
    if (warningDays != m_warningDays) {
        m_warningDays = warningDays;
        if (!m_rows.isEmpty()) {
            emit dataChanged(index(0, StatusColumn), index(int(m_rows.size()) - 1, StatusColumn));
            emit dataChanged(index(0, ExpiryColumn), index(int(m_rows.size()) - 1, ExpiryColumn));
        }
    }
}

void TokenTableModel::timeMoved()
{
    // An expiry passing changes the state too ("expires soon" becomes "expired").
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, StatusColumn), index(int(m_rows.size()) - 1, CheckColumn));
}

void TokenTableModel::setChecking(const QStringList &names)
{
    const QSet<QString> before = std::exchange(m_checking, QSet<QString>(names.begin(), names.end()));
    for (const QString &name : before | m_checking) {
        if (before.contains(name) != m_checking.contains(name))
            rowChanged(name);
    }
}

void TokenTableModel::checkAnswered(const QString &name)
{
    if (m_checking.remove(name))
        rowChanged(name);
}

void TokenTableModel::rowChanged(const QString &name)
{
    if (const int row = rowOf(name); row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
constexpr const char *ColumnKeys[TokenTableModel::ColumnCount] = {
    "active", "name", "status", "user", "role", "expires", "lastCheck", "storage", "endpoint"};
} // namespace

QString TokenTableModel::columnKey(int column)
{
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(ColumnKeys[column]) : QString();
}

int TokenTableModel::columnOfKey(const QString &key)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (key == QLatin1String(ColumnKeys[column]))
            return column;
    }
    return -1;
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
    return hftm::expiryState(record, m_now(), m_store->settings().expiryWarningDays);
}

TokenStateView TokenTableModel::stateView(const TokenRecord &record) const
{
    return tokenStateView(record, m_now(), m_store->settings().expiryWarningDays,
                          m_checking.contains(record.name));
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    if (column == StatusColumn && role != SortRole && role != NameRole) {
        if (const QVariant status = statusData(row, role); status.isValid())
            return status;
    }
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
    case Qt::EditRole:
        return column == NameColumn ? QVariant(row.record.name) : QVariant();
    case SortRole:
        return sortKey(row, column);
    case RoleKindRole:
        return int(row.record.roleKind());
    case ExpiryStateRole:
        return QVariant::fromValue(expiryState(row.record));
    case StatusRole:
        return int(row.record.check.status);
    case StateRole:
        return int(stateView(row.record).state);
    case StateWordsRole:
        return tokenStateSearchWords(stateView(row.record));
    default:
        return {};
    }
}

QVariant TokenTableModel::statusData(const Row &row, int role) const
{
    const TokenStateView view = stateView(row.record);
    switch (role) {
    case Qt::DisplayRole:
        return tokenStateText(view.state);
    case Qt::DecorationRole:
        return TokenStateStyle::icon(view.state);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return TokenStateStyle::explanation(view, row.record, m_now());
    case Qt::ForegroundRole: {
        const QColor color = TokenStateStyle::color(view.state, QGuiApplication::palette());
        return color.isValid() ? QVariant(color) : QVariant();
    }
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
        return tokenRoleText(r.roleKind(), r.role());
    case ExpiryColumn: {
        switch (expiryState(r)) {
        case ExpiryState::Unknown:
            // The Hub said expired without a date (its 401 carries none): still say so.
            return hasExpired(r, m_now()) ? tr("expired") : QString();
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
        return TokenStateStyle::lastCheckText(r, m_now());
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
    case StatusColumn:
        return stateView(r).sortRank();
    case ExpiryColumn: {
        // Expired first (the Hub's "expired" without a date before every date), then the soonest,
        // later ones, "never", and last the tokens nothing is known about.
        const QDateTime expires = r.expires();
        const qint64 now = m_now().toSecsSinceEpoch();
        if (hasExpired(r, m_now()))
            return expires.isValid() ? qMin(expires.toSecsSinceEpoch(), now)
                                     : std::numeric_limits<qint64>::min();
        if (expires.isValid())
            return expires.toSecsSinceEpoch();
        return expiryState(r) == ExpiryState::None ? std::numeric_limits<qint64>::max() - 1
                                                   : std::numeric_limits<qint64>::max();
    }
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
        if (stateView(r).notReached)
            return TokenStateStyle::explanation(stateView(r), r, m_now());
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
    if (column == CheckColumn) {
        // Red when the words begin with a refusal: this check's, or the last one the Hub gave when this
        // check did not reach it. An expiry that passed shows in the Status and Expires columns.
        const TokenCheck &check = row.record.check;
        const auto refused = [](TokenStatus status) {
            return status == TokenStatus::Expired || status == TokenStatus::Invalid;
        };
        if (refused(check.status) || (stateView(row.record).notReached && refused(check.verdict)))
            return warningColor(true);
    }
    if (column == NameColumn && row.record.missingFromFiles)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    return {};
}

Qt::ItemFlags TokenTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TokenTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != NameColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    emit nameEdited(m_rows.at(index.row()).record.name, value.toString());
    return false; // the row changes when the store does
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
        case StatusColumn:
            return tr("Status");
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
