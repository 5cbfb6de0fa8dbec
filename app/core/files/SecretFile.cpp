#include "core/files/SecretFile.h"

#include "core/files/StoredTokensLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::SecretFile)
};

constexpr mode_t FileMode = 0600;
constexpr mode_t FolderMode = 0700;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

Error ioError(const QString &what, int err)
{
    return makeError(ErrorCode::Io, what + QStringLiteral(": ") + qt_error_string(err));
}

enum class Kind { Missing, Regular, SymLink, Other };

// lstat, so a symlink is seen as one; secrets are never read or written through a link because a link
// planted in HF_HOME would let another user redirect our write or read someone else's file.
Result<Kind> kindOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        if (errno == ENOENT)
            return Kind::Missing;
        return ioError(Tr::tr("Could not inspect %1").arg(nativePath(path)), errno);
    }
    if (S_ISLNK(st.st_mode))
        return Kind::SymLink;
    return S_ISREG(st.st_mode) ? Kind::Regular : Kind::Other;
}

Error unsafeError(const QString &path, Kind kind)
{
    if (kind == Kind::SymLink)
        return makeError(
            ErrorCode::FileUnsafe,
            Tr::tr("%1 is a symbolic link. Token files are never read or written through a link; "
                   "replace it with a regular file.")
                .arg(nativePath(path)));
    return makeError(ErrorCode::FileUnsafe,
                     Tr::tr("%1 is not a regular file, so it cannot hold a token.").arg(nativePath(path)));
}

Result<QByteArray> readAll(int fd, const QString &path)
{
    QByteArray data;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0)
            return data;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(Tr::tr("Could not read %1").arg(nativePath(path)), errno);
        }
        data.append(buffer, n);
    }
}

// ENOSPC and EDQUOT get their own words and code: "no space" is what the user can act on, and the
// promise that nothing changed is what they need to hear.
Error writeFailure(const QString &path, int err)
{
    if (err == ENOSPC)
        return makeError(ErrorCode::DiskFull,
                         Tr::tr("The disk is full: nothing was changed. %1 could not be written; free some "
                                "space and try again.")
                             .arg(nativePath(path)));
    if (err == EDQUOT)
        return makeError(ErrorCode::DiskFull,
                         Tr::tr("The disk is full (the disk quota is used up): nothing was changed. %1 could "
                                "not be written; free some space and try again.")
                             .arg(nativePath(path)));
    return makeError(
        ErrorCode::Io,
        Tr::tr("Could not write %1: %2. Nothing was changed.").arg(nativePath(path), qt_error_string(err)));
}

// 0 or the errno of the failure. A short write is not a failure by itself: the loop goes on and the
// next write() says why it stopped (ENOSPC), which is the error Qt 6.4's QSaveFile swallows.
int writeAll(int fd, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = secretFileSyscalls().write(fd, data, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EIO; // no progress and no reason: retrying would spin forever
        data += n;
        left -= n;
    }
    return 0;
}

int fsyncRetrying(int fd)
{
    while (::fsync(fd) != 0) {
        if (errno != EINTR)
            return errno;
    }
    return 0;
}

// Proves the file holds exactly 'size' bytes: a write() that claimed more than reached the file shows
// here, before anything is renamed.
bool hasSize(int fd, qsizetype size)
{
    struct stat st {};
    return ::fstat(fd, &st) == 0 && st.st_size == size;
}

// The temp file: created 0600 next to the target (same file system, so the rename is atomic) and
// removed again unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(const QString &target)
        : m_target(target)
    {
    }
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_path.isEmpty())
            ::unlink(m_path.constData());
    }
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;

    // 0 or errno. O_EXCL|O_NOFOLLOW: a name someone planted (file or link) is never opened, just skipped.
    int create()
    {
        const QFileInfo info(m_target);
        for (int attempt = 0; attempt < 100; ++attempt) {
            const QString name =
                QStringLiteral(".%1.tmp-%2")
                    .arg(info.fileName(), QString::number(QRandomGenerator::global()->generate64(), 36));
            const QByteArray path = QFile::encodeName(info.absoluteDir().filePath(name));
            const int fd =
                ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
            if (fd >= 0) {
                m_fd = fd;
                m_path = path;
                // open()'s mode went through the umask; a umask such as 0277 would leave it unwritable.
                return ::fchmod(fd, 0600) == 0 ? 0 : errno;
            }
            if (errno != EEXIST)
                return errno;
        }
        return EEXIST;
    }
    int fd() const { return m_fd; }
    const QByteArray &path() const { return m_path; }
    int close()
    {
        const int rc = ::close(std::exchange(m_fd, -1));
        return rc == 0 ? 0 : errno; // NFS reports a failed write-back only here
    }
    void renamed() { m_path.clear(); }

private:
    QString m_target;
    QByteArray m_path;
    int m_fd = -1;
};

QMutex notesMutex;
QStringList pendingNotes;
QSet<QString> notedPaths;

void noteOnce(const QString &path, const QString &note)
{
    const QMutexLocker locker(&notesMutex);
    if (notedPaths.contains(path))
        return;
    notedPaths.insert(path);
    pendingNotes << note;
}

// The data is already fsync'd and renamed; a folder that refuses fsync (some file systems answer EINVAL)
// cannot undo that, so this is best effort.
void fsyncFolder(const QString &folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    fsyncRetrying(fd);
    ::close(fd);
}

// Puts 'bytes' into the open file from offset 0 and cuts it to their length; 0 or errno.
int overwrite(int fd, const QByteArray &bytes)
{
    if (::lseek(fd, 0, SEEK_SET) != 0)
        return errno;
    if (const int err = writeAll(fd, bytes))
        return err;
    while (::ftruncate(fd, bytes.size()) != 0) {
        if (errno != EINTR)
            return errno;
    }
    if (const int err = fsyncRetrying(fd))
        return err;
    return hasSize(fd, bytes.size()) ? 0 : EIO;
}

// A bind-mounted target (as containers mount `token` or `stored_tokens`) cannot be replaced by a
// rename, so it is written in place as huggingface_hub does. Only under our lock, so none of our own
// readers sees it half-written; space is reserved first and the old bytes are put back if a write fails.
Error writeInPlace(const QString &path, const QByteArray &bytes, int renameError)
{
    const QString where = nativePath(path);
    if (!StoredTokensLock::isHeldInFolder(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::Io,
                         Tr::tr("%1 is a mount point (%2), and such a file is only written in place under "
                                "its lock. Nothing was changed.")
                             .arg(where, qt_error_string(renameError)));
    const Result<QByteArray> old = SecretFile::read(path);
    if (!old)
        return old.error();
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return writeFailure(path, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return unsafeError(path, Kind::Other);
    }
    if (::fchmod(fd, FileMode) != 0) {
        const int err = errno;
        ::close(fd);
        return writeFailure(path, err);
    }
    // Reserving the new length up front turns a full disk into a clean refusal before the first byte.
    if (bytes.size() > st.st_size) {
        const int err = ::posix_fallocate(fd, 0, bytes.size());
        if (err == ENOSPC || err == EDQUOT) {
            ::close(fd);
            return writeFailure(path, err);
        }
    }
    int err = overwrite(fd, bytes);
    if (err != 0) {
        const bool restored = overwrite(fd, *old) == 0;
        ::close(fd);
        Error error = writeFailure(path, err);
        if (!restored)
            error.message = Tr::tr("Could not write %1 in place (%2), and its old contents could not be "
                                   "put back: check the file.")
                                .arg(where, qt_error_string(err));
        return error;
    }
    if (::close(fd) != 0)
        return writeFailure(path, errno);
    const Result<QByteArray> check = SecretFile::read(path);
    if (!check || check->size() != bytes.size() || *check != bytes)
        return makeError(ErrorCode::Io, Tr::tr("%1 was written in place, but reading it back did not give "
                                               "the bytes written: check the file.")
                                            .arg(where));
    noteOnce(path, Tr::tr("%1 is a mount point; it was written in place.").arg(where));
    return {};
}

QString backupStamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

} // namespace

Result<QByteArray> SecretFile::read(const QString &path)
{
    const Result<Kind> kind = kindOf(path);
    if (!kind)
        return kind.error();
    if (*kind == Kind::Missing)
        return QByteArray();
    if (*kind != Kind::Regular)
        return unsafeError(path, *kind);

    // O_NOFOLLOW and the fstat close the gap between the lstat above and the open; O_NONBLOCK keeps a
    // FIFO swapped in meanwhile from hanging us.
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return QByteArray();
        if (errno == ELOOP)
            return unsafeError(path, Kind::SymLink);
        return ioError(Tr::tr("Could not open %1").arg(nativePath(path)), errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return unsafeError(path, Kind::Other);
    }
    Result<QByteArray> data = readAll(fd, path);
    ::close(fd);
    return data;
}

Error SecretFile::ensureFolder(const QString &folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    QStringList missing;
    QString probe = absolute;
    while (!QFileInfo::exists(probe)) {
        missing.prepend(probe);
        const QString parent = QFileInfo(probe).absolutePath();
        if (parent == probe)
            break;
        probe = parent;
    }
    for (const QString &dir : std::as_const(missing)) {
        const QByteArray native = QFile::encodeName(dir);
        if (::mkdir(native.constData(), FolderMode) != 0 && errno != EEXIST)
            return ioError(Tr::tr("Could not create the folder %1").arg(nativePath(dir)), errno);
        ::chmod(native.constData(), FolderMode); // mkdir's mode went through the umask
    }

    struct stat st {};
    const QByteArray native = QFile::encodeName(absolute);
    if (::stat(native.constData(), &st) != 0)
        return ioError(Tr::tr("Could not inspect the folder %1").arg(nativePath(absolute)), errno);
    if (!S_ISDIR(st.st_mode))
        return makeError(ErrorCode::Io, Tr::tr("%1 is not a folder.").arg(nativePath(absolute)));
    // Only ever take access away, never add it: a user who made the folder read-only meant it. Someone
    // else's folder, or a sticky one shared by everybody (/tmp), is left alone.
    const bool ours = st.st_uid == ::geteuid();
    const bool sticky = (st.st_mode & S_ISVTX) != 0;
    if (ours && !sticky && (st.st_mode & 077) != 0)
        ::chmod(native.constData(), st.st_mode & 0700);
    return {};
}

Error SecretFile::write(const QString &path, const QByteArray &bytes)
{
    const Result<Kind> kind = kindOf(path);
    if (!kind)
        return kind.error();
    if (*kind != Kind::Missing && *kind != Kind::Regular)
        return unsafeError(path, *kind);
    if (Error e = ensureFolder(QFileInfo(path).absolutePath()))
        return e;

    TempFile temp(path);
    if (const int err = temp.create())
        return writeFailure(path, err);
    if (const int err = writeAll(temp.fd(), bytes))
        return writeFailure(path, err);
    if (const int err = fsyncRetrying(temp.fd()))
        return writeFailure(path, err);
    if (!hasSize(temp.fd(), bytes.size()))
        return makeError(ErrorCode::Io, Tr::tr("Could not write %1: not every byte reached the disk. Nothing "
                                               "was changed.")
                                            .arg(nativePath(path)));
    if (const int err = temp.close())
        return writeFailure(path, err);
    if (secretFileSyscalls().rename(temp.path().constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        if (err == EBUSY || err == EXDEV)
            return writeInPlace(path, bytes, err); // the temp file goes when 'temp' does
        return writeFailure(path, err);
    }
    temp.renamed();
    fsyncFolder(QFileInfo(path).absolutePath());
    return {};
}

Error SecretFile::writeLocked(const QString &path, const QByteArray &bytes, const QString &lockPath)
{
    if (Error e = ensureFolder(QFileInfo(lockPath).absolutePath()))
        return e;
    const Result<StoredTokensLock> lock = StoredTokensLock::acquire(lockPath);
    if (!lock)
        return lock.error();
    return write(path, bytes);
}

QStringList SecretFile::takeNotes()
{
    const QMutexLocker locker(&notesMutex);
    return std::exchange(pendingNotes, QStringList());
}

SecretFileSyscalls &secretFileSyscalls()
{
    static SecretFileSyscalls calls{::write, ::rename};
    return calls;
}

Error SecretFile::remove(const QString &path)
{
    const Result<Kind> kind = kindOf(path);
    if (!kind)
        return kind.error();
    if (*kind == Kind::Missing)
        return {};
    if (*kind != Kind::Regular)
        return unsafeError(path, *kind);
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT)
        return ioError(Tr::tr("Could not remove %1").arg(nativePath(path)), errno);
    return {};
}

Result<QString> SecretFile::keepBackup(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    const QString prefix = info.fileName() + QStringLiteral(".unparsed-");
    const QDir dir = info.absoluteDir();
    const QStringList existing =
        dir.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : existing) {
        const QString candidate = dir.filePath(name);
        const Result<QByteArray> old = read(candidate);
        if (old && *old == bytes)
            return candidate;
    }

    const QString base = info.absoluteFilePath() + QStringLiteral(".unparsed-") + backupStamp();
    QString target = base;
    for (int n = 2; QFileInfo::exists(target) || QFileInfo(target).isSymLink(); ++n)
        target = base + QLatin1Char('-') + QString::number(n);
    if (Error e = write(target, bytes))
        return e;
    return target;
}

} // namespace hftm
