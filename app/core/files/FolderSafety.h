#pragma once

#include "core/files/HfPaths.h"

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace hftm {

// Says, in words, when a folder holding the token files is not the user's own: owned by someone else,
// or writable by others without the sticky bit. Such a folder lets that someone replace or read tokens.
class FolderSafety {
public:
    // One sentence per problem, for HF_HOME and the token file's folder (each once); missing folders
    // are fine (they are created 0700). 'user' is the uid that should own them.
    static QStringList check(const HfPaths &paths, uid_t user);
    static QStringList check(const HfPaths &paths);
};

} // namespace hftm
