#pragma once

#include "core/Result.h"
#include "core/access/AccessGrid.h"
#include "core/access/AccessResults.h"
#include "core/access/ScopeCoverage.h"
#include "core/access/WatchList.h"
#include "core/base/Clock.h"
#include "core/runs/AccessRun.h"

#include <QAbstractTableModel>
#include <QUrl>

namespace hftm {

class TokenStore;

// The access grid as a table: rows are watched repos, columns stored tokens, each cell labelled and
// coloured by its state, with the explanation as tooltip. Watch list edits go through here and are
// saved at once. It renders what the Hub answered (via setResult); it never asks the Hub itself.
class AccessGridModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        StateRole = Qt::UserRole + 1, // AccessState as int
        StateIdRole,                  // "readable", "gated", … "not-checked"
        ExplanationRole,
        RequestAccessUrlRole, // QUrl, valid for gated cells
        RepoKeyRole,
        TokenNameRole,
    };

    // results: where the last answers are kept between sessions (loaded here, saved by saveResults()).
    AccessGridModel(TokenStore *store, WatchList watchList, AccessResults results = AccessResults(),
                    QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Watch list edits, saved at once; a failed save is reported by watchListError() and kept in memory.
    Result<WatchList::Added> addRepo(const QString &text);
    bool removeRepo(int row);
    bool moveRepo(int from, int to);

    const AccessGrid &grid() const { return m_grid; }
    RepoRef repo(int row) const { return m_grid.repos().value(row); }
    AccessColumn column(int column) const { return m_grid.columns().value(column); }
    AccessCell cell(int row, int column) const { return m_grid.cell(row, column); }
    ScopeCoverage coverage(int row, int column) const;
    QUrl repoPage(int row) const;
    QList<AccessRun::Target> targets(const QList<QPair<int, int>> &cells) const;

    void setNow(NowFunction now) { m_now = std::move(now); }
    void setDarkPalette(bool dark);

    // Fed from AccessRun's signals.
    void markChecking(const QString &repoKey, const QString &token);
    void setResult(const QString &repoKey, const QString &token, const RepoAccessResult &result);
    void restore(const QString &repoKey, const QString &token); // cancelled: back to what it showed
    // Keeps the answers of the repos and tokens listed now; a failure is reported by watchListError().
    void saveResults();
    Error resultsLoadError() const { return m_resultsLoadError; } // e.g. an unreadable results file

Q_SIGNALS:
    void watchListError(const QString &message);

private:
    void reloadColumns();
    void save();
    void update(const QString &repoKey, const QString &token,
                const std::function<void(AccessCell &)> &change);
    QString toolTip(int row, int column) const;

    TokenStore *m_store;
    WatchList m_watchList;
    AccessResults m_results;
    Error m_resultsLoadError;
    AccessGrid m_grid;
    NowFunction m_now = &systemNow;
    bool m_dark = false;
};

} // namespace hftm
