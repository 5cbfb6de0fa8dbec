#include "core/files/StoredTokensLock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::StoredTokensLock)
};

// Short steps keep the wait responsive; filelock itself polls every 50 ms.
constexpr int PollStepMs = 20;

// Folders of the locks this process holds, counted: two stores may share a folder.
QMutex heldMutex;
QHash<QString, int> heldFolders;

void noteHeld(const QString &folder, int delta)
{
    const QMutexLocker locker(&heldMutex);
    const int count = heldFolders.value(folder) + delta;
    if (count > 0)
        heldFolders.insert(folder, count);
    else
        heldFolders.remove(folder);
}

} // namespace

StoredTokensLock::~StoredTokensLock()
{
    release();
}

StoredTokensLock::StoredTokensLock(StoredTokensLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_folder(std::exchange(other.m_folder, QString()))
{
}

StoredTokensLock &StoredTokensLock::operator=(StoredTokensLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_folder = std::exchange(other.m_folder, QString());
    }
    return *this;
}

Result<StoredTokensLock> StoredTokensLock::acquire(const QString &lockPath, int timeoutMs)
{
    // The same file huggingface_hub's filelock opens. O_NOFOLLOW: a link planted in a shared HF_HOME would
    // make us create or lock a file of the attacker's choosing (and filelock following it would lock
    // something else than we do). It is never deleted: removing a lock file another process has open
    // splits the lock in two.
    const QString where = QDir::toNativeSeparators(lockPath);
    const int fd = ::open(QFile::encodeName(lockPath).constData(),
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    if (fd < 0) {
        const int err = errno;
        if (err == ELOOP)
            return makeError(ErrorCode::FileUnsafe,
                             Tr::tr("The lock file %1 is a symbolic link. Lock files are never followed "
                                    "through a link, so nothing was changed; delete the link and try again.")
                                 .arg(where));
        return makeError(ErrorCode::Io,
                         Tr::tr("Could not open the lock file %1: %2").arg(where, qt_error_string(err)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::FileUnsafe,
                         Tr::tr("The lock file %1 is not a regular file, so nothing was changed; delete it "
                                "and try again.")
                             .arg(where));
    }

    StoredTokensLock lock;
    lock.m_fd = fd;
    const QDeadlineTimer deadline(qMax(0, timeoutMs));
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            lock.m_folder = QFileInfo(lockPath).absolutePath();
            noteHeld(lock.m_folder, +1);
            return lock;
        }
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

bool StoredTokensLock::isHeldInFolder(const QString &folder)
{
    const QMutexLocker locker(&heldMutex);
    return heldFolders.contains(QFileInfo(folder).absoluteFilePath());
}

void StoredTokensLock::release()
{
    if (m_fd < 0)
        return;
    if (!m_folder.isEmpty())
        noteHeld(std::exchange(m_folder, QString()), -1);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

} // namespace hftm
