#pragma once

#include "core/Result.h"
#include "core/hub/RepoRef.h"

#include <QList>
#include <QString>

namespace hftm {

// The repos a researcher depends on, in the order they chose, persisted as JSON in the config folder.
class WatchList {
public:
    explicit WatchList(QString path = QString());         // empty path: in memory only
    static QString defaultPath(const QString &configDir); // <configDir>/watchlist.json

    QString path() const { return m_path; }

    // Missing file: empty list, no error. An unparseable file is copied aside first (so saving later
    // cannot lose it) and the list starts empty; entries that no longer parse are skipped.
    Error load();
    // Atomic write (temp file + rename). A no-op without a path.
    Error save() const;

    const QList<RepoRef> &repos() const { return m_repos; }
    int size() const { return int(m_repos.size()); }
    int indexOf(const RepoRef &repo) const; // by key(); -1 when absent

    struct Added {
        int row = -1;
        bool duplicate = false; // already listed: nothing added, row is where it already is
    };
    // Parses what was pasted (id, models/…, datasets/…, spaces/… or a web link); refusals carry
    // RepoRef's translated reason. Does not save.
    Result<Added> add(const QString &text);
    Added add(const RepoRef &repo);
    bool remove(int row);
    bool move(int from, int to);

    // Identity for dedupe and for grid cells: type and id, case-insensitively (the Hub resolves
    // "GPT2" to "gpt2"), regardless of the host a link was pasted from.
    static QString key(const RepoRef &repo);

private:
    QString m_path;
    QList<RepoRef> m_repos;
};

} // namespace hftm
