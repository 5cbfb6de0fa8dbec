#pragma once

#include "core/Result.h"

#include <QString>

namespace hftm {

// An exclusive flock() on stored_tokens.lock: the lock huggingface_hub's filelock takes while it
// refreshes an OAuth token in place. QLockFile would not interoperate. The file is left on disk, and it
// is never opened through a symbolic link.
class StoredTokensLock {
public:
    StoredTokensLock() = default;
    ~StoredTokensLock();
    StoredTokensLock(const StoredTokensLock &) = delete;
    StoredTokensLock &operator=(const StoredTokensLock &) = delete;
    StoredTokensLock(StoredTokensLock &&other) noexcept;
    StoredTokensLock &operator=(StoredTokensLock &&other) noexcept;

    // Waits up to timeoutMs for the lock; LockTimeout names the lock file when it could not be taken.
    // A lock file that is a symbolic link or not a regular file is refused (FileUnsafe).
    static Result<StoredTokensLock> acquire(const QString &lockPath, int timeoutMs = 10000);

    // True while this process holds a lock whose file lies in 'folder': SecretFile writes a bind-mounted
    // file in place only then, because readers would otherwise see it half-written.
    static bool isHeldInFolder(const QString &folder);

    bool isHeld() const { return m_fd >= 0; }
    void release();

private:
    int m_fd = -1;
    QString m_folder; // absolute folder of the lock file, for isHeldInFolder()
};

} // namespace hftm
