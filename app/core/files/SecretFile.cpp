#include "files/SecretFile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Runs before any byte is written and again after the rename, so the result is 0600 whatever the umask
// and whatever mode an older huggingface_hub gave the file.
Error chmodNoFollow(const QString &path)
{
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ioError(Tr::tr("Could not restrict the permissions of %1").arg(nativePath(path)), errno);
    const int rc = ::fchmod(fd, FileMode);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return ioError(Tr::tr("Could not restrict the permissions of %1").arg(nativePath(path)), err);
    return {};
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

    QSaveFile file(path);
    file.setDirectWriteFallback(false); // never truncate the real file in place, as huggingface_hub does
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, Tr::tr("Could not write %1: %2. The file was not changed.")
                                            .arg(nativePath(path), file.errorString()));
    // QSaveFile creates a new temp file 0666 & ~umask, or copies the old file's mode: narrow it before
    // the first byte of the secret lands in it.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return makeError(ErrorCode::Io,
                         Tr::tr("Could not restrict the permissions of a temporary file for %1. "
                                "The file was not changed.")
                             .arg(nativePath(path)));
    }
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(
            ErrorCode::Io,
            Tr::tr("Could not write %1: %2. The file was not changed.").arg(nativePath(path), reason));
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, Tr::tr("Could not write %1: %2. The file was not changed.")
                                            .arg(nativePath(path), file.errorString()));
    return chmodNoFollow(path);
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
