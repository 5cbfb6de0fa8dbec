#pragma once

#include "core/files/HfPaths.h"

#include <QProcessEnvironment>
#include <QString>

namespace hftm {

// Which token store this is: one per canonical stored_tokens path, so that two HF_HOMEs (or two
// HF_TOKEN_PATH values) never share keychain items, metadata or settings.
struct StoreIdentity {
    QString storedTokensPath; // canonical (links resolved, even for folders that do not exist yet)
    QString id;               // first 16 hex digits of SHA-256 over storedTokensPath: a folder name
    QString displayFolder;    // the folder of stored_tokens for people, with the home folder as "~"

    bool isValid() const { return !id.isEmpty(); }

    static StoreIdentity of(const HfPaths &paths,
                            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // The canonical form of a path whose tail may not exist yet: the longest existing prefix is resolved
    // and the rest appended, so the answer stays the same once the folders are created.
    static QString canonicalPath(const QString &path);
};

} // namespace hftm
