#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace hftm {

// Reads and atomically writes files that hold secrets: mode 0600, folder 0700, never through a symlink.
class SecretFile {
public:
    // Missing file -> empty QByteArray and no error. Symlink / not a regular file -> FileUnsafe.
    static Result<QByteArray> read(const QString &path);

    // Temp file in the same folder created 0600 before any byte is written, fsync, rename (QSaveFile).
    // Creates missing folders 0700 and tightens the file's own folder to 0700 when the user owns it and
    // it is not a shared sticky folder such as /tmp. Refuses symlinks and non-regular targets.
    static Error write(const QString &path, const QByteArray &bytes);

    // Removes the file if it exists; refuses symlinks.
    static Error remove(const QString &path);

    // Copies an unparseable file aside (path + ".unparsed-<UTC timestamp>", 0600) unless an identical
    // copy already exists, so that huggingface_hub dropping it later cannot lose the user's tokens.
    static Result<QString> keepBackup(const QString &path, const QByteArray &bytes);

    // Creates 'folder' and its missing parents 0700, then removes group/other access from 'folder' itself
    // when the current user owns it and it is not a shared sticky folder such as /tmp.
    static Error ensureFolder(const QString &folder);
};

} // namespace hftm
