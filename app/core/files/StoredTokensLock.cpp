#include "files/StoredTokensLock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <utility>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::StoredTokensLock)
};

// Short steps keep the wait responsive; filelock itself polls every 50 ms.
constexpr int PollStepMs = 20;

} // namespace

StoredTokensLock::~StoredTokensLock()
{
    release();
}

StoredTokensLock::StoredTokensLock(StoredTokensLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{
}

StoredTokensLock &StoredTokensLock::operator=(StoredTokensLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

Result<StoredTokensLock> StoredTokensLock::acquire(const QString &lockPath, int timeoutMs)
{
    // The same file huggingface_hub's filelock opens (it follows links too, so both lock the same inode).
    // It is never deleted: removing a lock file another process has open splits the lock in two.
    const int fd = ::open(QFile::encodeName(lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        return makeError(ErrorCode::Io, Tr::tr("Could not open the lock file %1: %2")
                                            .arg(QDir::toNativeSeparators(lockPath), qt_error_string(err)));
    }

    StoredTokensLock lock;
    lock.m_fd = fd;
    const QDeadlineTimer deadline(qMax(0, timeoutMs));
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return lock;
        const int err = errno;
        if (err != EWOULDBLOCK && err != EINTR)
            return makeError(ErrorCode::Io,
                             Tr::tr("Could not lock %1: %2")
                                 .arg(QDir::toNativeSeparators(lockPath), qt_error_string(err)));
        if (err == EWOULDBLOCK && deadline.hasExpired())
            break;
        if (err == EWOULDBLOCK)
            QThread::msleep(
                static_cast<unsigned long>(qBound(qint64(1), deadline.remainingTime(), qint64(PollStepMs))));
    }
    return makeError(
        ErrorCode::LockTimeout,
        Tr::tr("Another program (for example huggingface_hub refreshing a token) is holding the lock "
               "file %1, so the stored tokens were not changed. Try again in a moment.")
            .arg(QDir::toNativeSeparators(lockPath)));
}

void StoredTokensLock::release()
{
    if (m_fd < 0)
        return;
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

} // namespace hftm
