#include "ui/access/AccessGridModel.h"

#include "core/store/TokenStore.h"
#include "ui/access/AccessColors.h"

namespace hftm {

AccessGridModel::AccessGridModel(TokenStore *store, WatchList watchList, AccessResults results,
                                 QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_watchList(std::move(watchList))
    , m_results(std::move(results))
{
    m_grid.setRepos(m_watchList.repos());
    if (const Result<QHash<QString, AccessCell>> saved = m_results.load())
        m_grid.setCells(*saved);
    else
        m_resultsLoadError = saved.error();
    reloadColumns();
    connect(m_store, &TokenStore::changed, this, &AccessGridModel::reloadColumns);
}

int AccessGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_grid.rowCount();
}

int AccessGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_grid.columnCount();
}

QString AccessGridModel::toolTip(int row, int column) const
{
    const AccessCell c = m_grid.cell(row, column);
    QStringList lines{AccessWords::label(c.state), c.explanation()};
    if (c.result && c.state != AccessState::Checking && c.result->httpStatus) {
        QString hub = tr("The Hub answered HTTP %1").arg(c.result->httpStatus);
        if (!c.result->errorCode.isEmpty())
            hub += QStringLiteral(" (%1)").arg(c.result->errorCode);
        if (!c.result->hubMessage.isEmpty())
            hub += QStringLiteral(": ") + c.result->hubMessage;
        lines << hub;
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant AccessGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccessCell c = m_grid.cell(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return AccessWords::label(c.state);
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case Qt::AccessibleTextRole:
        return tr("%1 with %2: %3")
            .arg(repo(index.row()).displayId(), column(index.column()).name, AccessWords::label(c.state));
    case Qt::AccessibleDescriptionRole:
    case ExplanationRole:
        return c.explanation();
    case Qt::BackgroundRole:
        return AccessColors::forState(c.state, m_dark).background;
    case Qt::ForegroundRole:
        return AccessColors::forState(c.state, m_dark).foreground;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case StateRole:
        return int(c.state);
    case StateIdRole:
        return AccessWords::stateId(c.state);
    case RequestAccessUrlRole:
        return c.result && c.state == AccessState::Gated ? c.result->requestAccessUrl : QUrl();
    case RepoKeyRole:
        return WatchList::key(repo(index.row()));
    case TokenNameRole:
        return column(index.column()).name;
    default:
        return {};
    }
}

QVariant AccessGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_grid.rowCount())
            return {};
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return repo(section).displayId();
        if (role == Qt::ToolTipRole)
            return repoPage(section).toString();
        return {};
    }
    if (section < 0 || section >= m_grid.columnCount())
        return {};
    const AccessColumn token = column(section);
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return token.name;
    if (role == Qt::ToolTipRole) {
        if (!token.whoami)
            return tr("%1: not validated yet, so its account and scopes are unknown.").arg(token.name);
        const QString roleWords = tokenRoleText(token.whoami->roleKind, token.whoami->role);
        return tr("%1: account %2, %3 token").arg(token.name, token.whoami->user, roleWords);
    }
    return {};
}

Qt::ItemFlags AccessGridModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

void AccessGridModel::save()
{
    if (const Error error = m_watchList.save())
        Q_EMIT watchListError(tr("The watch list could not be saved: %1").arg(error.message));
}

Result<WatchList::Added> AccessGridModel::addRepo(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString why;
    const std::optional<RepoRef> parsed = RepoRef::parse(trimmed, &why);
    if (!parsed)
        return makeError(ErrorCode::InvalidInput, why);
    const int existing = m_watchList.indexOf(*parsed);
    if (existing >= 0)
        return WatchList::Added{existing, true};
    const int row = m_watchList.size();
    beginInsertRows(QModelIndex(), row, row);
    const WatchList::Added added = m_watchList.add(*parsed);
    m_grid.setRepos(m_watchList.repos());
    endInsertRows();
    save();
    return added;
}

bool AccessGridModel::removeRepo(int row)
{
    if (row < 0 || row >= m_watchList.size())
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_watchList.remove(row);
    m_grid.setRepos(m_watchList.repos());
    endRemoveRows();
    save();
    return true;
}

bool AccessGridModel::moveRepo(int from, int to)
{
    if (from < 0 || from >= m_watchList.size() || to < 0 || to >= m_watchList.size() || from == to)
        return false;
    // beginMoveRows wants the row *before which* the moved row lands, counted before the move.
    if (!beginMoveRows(QModelIndex(), from, from, QModelIndex(), to > from ? to + 1 : to))
        return false;
    m_watchList.move(from, to);
    m_grid.setRepos(m_watchList.repos());
    endMoveRows();
    save();
    return true;
}

ScopeCoverage AccessGridModel::coverage(int row, int column) const
{
    const AccessCell c = m_grid.cell(row, column);
    const auto visibility =
        c.result ? ScopeCoverage::visibilityOf(*c.result) : ScopeCoverage::Visibility::Unknown;
    return ScopeCoverage::evaluate(this->column(column).whoami, repo(row), visibility);
}

QUrl AccessGridModel::repoPage(int row) const
{
    if (row < 0 || row >= m_grid.rowCount())
        return {};
    return QUrl(repo(row).webUrl(m_store->endpointFor(QString())));
}

QList<AccessRun::Target> AccessGridModel::targets(const QList<QPair<int, int>> &cells) const
{
    QList<AccessRun::Target> out;
    for (const auto &[row, col] : cells) {
        if (row >= 0 && row < m_grid.rowCount() && col >= 0 && col < m_grid.columnCount())
            out.append({repo(row), column(col).name});
    }
    return out;
}

void AccessGridModel::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() && columnCount())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

void AccessGridModel::update(const QString &repoKey, const QString &token,
                             const std::function<void(AccessCell &)> &change)
{
    int row = -1;
    int col = -1;
    if (!m_grid.find(repoKey, token, &row, &col))
        return; // removed from the watch list, or the token is gone, while its check ran
    AccessCell c = m_grid.cell(row, col);
    change(c);
    m_grid.setCell(row, col, c);
    Q_EMIT dataChanged(index(row, col), index(row, col));
}

void AccessGridModel::markChecking(const QString &repoKey, const QString &token)
{
    update(repoKey, token, [](AccessCell &c) { c.state = AccessState::Checking; });
}

void AccessGridModel::setResult(const QString &repoKey, const QString &token, const RepoAccessResult &result)
{
    update(repoKey, token, [&](AccessCell &c) {
        c.state = AccessWords::fromResult(result.state);
        c.result = result;
        c.checkedAt = m_now();
    });
}

void AccessGridModel::restore(const QString &repoKey, const QString &token)
{
    update(repoKey, token, [](AccessCell &c) {
        c.state = c.result ? AccessWords::fromResult(c.result->state) : AccessState::NotChecked;
    });
}

void AccessGridModel::saveResults()
{
    if (const Error error = m_results.save(m_grid.currentCells()))
        Q_EMIT watchListError(tr("The access results could not be saved: %1").arg(error.message));
}

void AccessGridModel::reloadColumns()
{
    QList<AccessColumn> columns;
    for (const TokenRecord &record : m_store->tokens())
        columns.append(
            {record.name, record.fingerprint, m_store->endpointFor(record.name), record.check.whoami});
    const QList<AccessColumn> &old = m_grid.columns();
    bool same = old.size() == columns.size();
    for (qsizetype i = 0; same && i < columns.size(); ++i)
        same = old.at(i).name == columns.at(i).name && old.at(i).fingerprint == columns.at(i).fingerprint;
    if (same) {
        // Only what a validation refreshed (the account, its scopes): keep the view's selection.
        m_grid.setColumns(columns);
        if (!columns.isEmpty())
            Q_EMIT headerDataChanged(Qt::Horizontal, 0, int(columns.size()) - 1);
        return;
    }
    beginResetModel();
    m_grid.setColumns(columns);
    endResetModel();
}

} // namespace hftm
