#pragma once

#include "core/Result.h"
#include "core/access/AccessGrid.h"

#include <QHash>
#include <QString>

namespace hftm {

// The access grid's last answers on disk, so the view shows them again after it is closed or the app
// restarts. Holds no secret: repo ids, token names, the 16-hex fingerprint tokens.json keeps too, and the
// Hub's words. Cells are keyed like AccessGrid's, so a replaced secret never inherits an old answer.
class AccessResults {
public:
    explicit AccessResults(QString path = QString());     // empty path: nothing is kept
    static QString defaultPath(const QString &configDir); // <configDir>/access_results.json

    // A user with 200 tokens and 50 repos has 10,000 cells; more than this is not a real grid.
    static constexpr int MaxCells = 20000;
    static constexpr qint64 MaxFileBytes = 8 * 1024 * 1024;

    // Missing file: no cells, no error. An unparseable or oversized file is copied aside (so the next
    // save cannot lose it) and nothing is loaded; entries that do not parse are skipped.
    Result<QHash<QString, AccessCell>> load() const;
    // Atomic write of the answered cells (at most MaxCells, newest first); checking cells keep the
    // answer they had. A no-op without a path.
    Error save(const QHash<QString, AccessCell> &cells) const;

private:
    QString m_path;
};

} // namespace hftm
