#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace hftm {

// Reads and atomically writes files that hold secrets: mode 0600, folder 0700, never through a symlink.
class SecretFile {
public:
    // Missing file -> empty QByteArray and no error. Symlink / not a regular file -> FileUnsafe.
    static Result<QByteArray> read(const QString &path);

    // Temp file in the same folder created 0600 before any byte is written; every byte written, fsync'd
    // and its size checked before the rename, then the folder fsync'd. On any failure the temp file is
    // removed and the old file is left byte-identical: DiskFull when there is no space or quota left, Io
    // otherwise. A target that is a mount point (rename fails with EBUSY or EXDEV) is written in place,
    // but only while this process holds a StoredTokensLock in its folder; that is reported once through
    // takeNotes(). Creates missing folders 0700 and tightens the file's own folder to 0700 when the user
    // owns it and it is not a shared sticky folder such as /tmp. Refuses symlinks and non-regular targets.
    static Error write(const QString &path, const QByteArray &bytes);

    // write() under the flock of 'lockPath' (taken after the folder exists), for files that are written
    // outside StoredTokensFile::update, such as `token`.
    static Error writeLocked(const QString &path, const QByteArray &bytes, const QString &lockPath);

    // Notes for the user that write() produced since the last call ("<path> is a mount point; it was
    // written in place"), each path at most once per process.
    static QStringList takeNotes();

    // Removes the file if it exists; refuses symlinks.
    static Error remove(const QString &path);

    // Copies an unparseable file aside (path + ".unparsed-<UTC timestamp>", 0600) unless an identical
    // copy already exists, so that huggingface_hub dropping it later cannot lose the user's tokens.
    static Result<QString> keepBackup(const QString &path, const QByteArray &bytes);

    // Creates 'folder' and its missing parents 0700, then removes group/other access from 'folder' itself
    // when the current user owns it and it is not a shared sticky folder such as /tmp.
    static Error ensureFolder(const QString &folder);
};

// Test seam only: the system calls write() goes through, so a test can inject a short write, ENOSPC or a
// rename failing with EXDEV without a full disk or a mount. Nothing but tests changes them.
struct SecretFileSyscalls {
    ssize_t (*write)(int fd, const void *data, size_t size);
    int (*rename)(const char *from, const char *to);
};
SecretFileSyscalls &secretFileSyscalls();

} // namespace hftm
