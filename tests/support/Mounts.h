#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cerrno>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace hftm::test {

// A mount made for one test (a tiny tmpfs or a bind mount), undone when it goes out of scope. Mounting
// needs root (CAP_SYS_ADMIN), as in CI; isMounted() false means the caller should QSKIP.
class ScopedMount {
public:
    static ScopedMount tmpfs(const QString &where, int kilobytes)
    {
        const QByteArray options = "size=" + QByteArray::number(kilobytes) + "k,mode=0700";
        return ScopedMount(where, ::mount("tmpfs", QFile::encodeName(where).constData(), "tmpfs", 0,
                                          options.constData()) == 0);
    }
    static ScopedMount bind(const QString &source, const QString &where)
    {
        return ScopedMount(where,
                           ::mount(QFile::encodeName(source).constData(),
                                   QFile::encodeName(where).constData(), nullptr, MS_BIND, nullptr) == 0);
    }
    ScopedMount(ScopedMount &&other) noexcept
        : m_where(other.m_where)
        , m_mounted(other.m_mounted)
    {
        other.m_mounted = false;
    }
    ScopedMount(const ScopedMount &) = delete;
    ScopedMount &operator=(const ScopedMount &) = delete;
    ScopedMount &operator=(ScopedMount &&) = delete;
    ~ScopedMount()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_where).constData(), MNT_DETACH);
    }
    bool isMounted() const { return m_mounted; }

private:
    ScopedMount(QString where, bool mounted)
        : m_where(std::move(where))
        , m_mounted(mounted)
    {
    }
    QString m_where;
    bool m_mounted;
};

// Writes zeros to 'path' until the file system says ENOSPC, so the next byte anyone writes fails.
inline bool fillFileSystem(const QString &path)
{
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const QByteArray block(4096, '\0');
    for (;;) {
        const ssize_t n = ::write(fd, block.constData(), size_t(block.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const bool full = errno == ENOSPC;
            ::close(fd);
            return full;
        }
    }
}

} // namespace hftm::test
