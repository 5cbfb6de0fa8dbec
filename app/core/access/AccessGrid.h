#pragma once

#include "core/base/WhoamiInfo.h"
#include "core/hub/RepoAccessResult.h"
#include "core/hub/RepoRef.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace hftm {

// What one cell of the access grid shows. The Hub's states plus the two the grid adds itself.
enum class AccessState {
    NotChecked,
    Checking,
    Readable,
    Gated,
    NoAccess,
    NotFound,
    TokenInvalid,
    RateLimited,
    Unreachable,
    Error,
};

// Words for the states, shared by the grid, the legend and the exports so they never drift apart.
namespace AccessWords {
// "readable", "gated", … as `hftoken access` prints them, plus "not-checked" and "checking".
QString stateId(AccessState state);
QString label(AccessState state);      // translated short cell text: "Readable", "Gated"
QString legendText(AccessState state); // translated one-line meaning for the legend
AccessState fromResult(RepoAccessResult::State state);
} // namespace AccessWords

// One token column: a stored token's name and what its last validation said about its account.
struct AccessColumn {
    QString name;
    QString fingerprint; // a replaced secret must not inherit the old one's answers
    QString endpoint;
    std::optional<WhoamiInfo> whoami;
};

// One cell: not checked yet, being checked, or the Hub's answer and when it came.
struct AccessCell {
    AccessState state = AccessState::NotChecked;
    std::optional<RepoAccessResult> result; // the last answer; kept while a re-check runs
    QDateTime checkedAt;

    QString explanation() const; // the answer's words, or why there is none yet
};

// The grid's data, Widgets-free: rows are watched repos, columns stored tokens, cells keyed by repo and
// token (not by position) so answers survive reordering, removal of other rows and token list reloads.
class AccessGrid {
public:
    void setRepos(const QList<RepoRef> &repos) { m_repos = repos; }
    void setColumns(const QList<AccessColumn> &columns) { m_columns = columns; }
    const QList<RepoRef> &repos() const { return m_repos; }
    const QList<AccessColumn> &columns() const { return m_columns; }
    int rowCount() const { return int(m_repos.size()); }
    int columnCount() const { return int(m_columns.size()); }

    AccessCell cell(int row, int column) const;
    // Where a cell is now; false when its repo or token is no longer in the grid.
    bool find(const QString &repoKey, const QString &token, int *row, int *column) const;
    void setCell(int row, int column, const AccessCell &cell);
    void clearCells() { m_cells.clear(); }
    // The cells of the repos and tokens in the grid now (others are dropped), for AccessResults; and
    // answers read back from it.
    QHash<QString, AccessCell> currentCells() const;
    void setCells(const QHash<QString, AccessCell> &cells) { m_cells = cells; }
    static QString keyOf(const QString &repoKey, const QString &token, const QString &fingerprint);

private:
    QString cellKey(int row, int column) const;

    QList<RepoRef> m_repos;
    QList<AccessColumn> m_columns;
    QHash<QString, AccessCell> m_cells;
};

} // namespace hftm
