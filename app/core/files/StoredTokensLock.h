#pragma once

#include "Result.h"

#include <QString>

namespace hftm {

// An exclusive flock() on stored_tokens.lock: the lock huggingface_hub's filelock takes while it
// refreshes an OAuth token in place. QLockFile would not interoperate. The file is left on disk.
class StoredTokensLock {
public:
    StoredTokensLock() = default;
    ~StoredTokensLock();
    StoredTokensLock(const StoredTokensLock &) = delete;
    StoredTokensLock &operator=(const StoredTokensLock &) = delete;
    StoredTokensLock(StoredTokensLock &&other) noexcept;
    StoredTokensLock &operator=(StoredTokensLock &&other) noexcept;

    // Waits up to timeoutMs for the lock; LockTimeout names the lock file when it could not be taken.
    static Result<StoredTokensLock> acquire(const QString &lockPath, int timeoutMs = 10000);

    bool isHeld() const { return m_fd >= 0; }
    void release();

private:
    int m_fd = -1;
};

} // namespace hftm
