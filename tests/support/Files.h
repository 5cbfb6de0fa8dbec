#pragma once

// Files in tests: whole-file reads and writes for byte-identical comparisons, permission bits, the umask,
// a forked child, and a one-line view of an INI document.
#include "core/files/IniDocument.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <functional>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hftm::test {

// The bytes of path, or ifMissing when it cannot be read.
QByteArray readBytes(const QString &path, const QByteArray &ifMissing = QByteArray());
// The bytes of path, or "<missing>" when it cannot be read: a comparison with any content, even an empty
// one, then also says that the file is gone.
QByteArray bytesOrMissing(const QString &path);
// Writes bytes to path with mode 0600, creating its folder; fails the running test if it cannot.
void writeBytes(const QString &path, const QByteArray &bytes);

// One-line view of a document for table-driven comparisons: "DEFAULT{k=v}|name{k=v;k2=v2}|...".
inline QString dump(const IniDocument &doc)
{
    const auto one = [](const IniSection &s) {
        QStringList kv;
        for (const auto &e : s.entries)
            kv << e.key + QLatin1Char('=') + e.value;
        return s.name + QLatin1Char('{') + kv.join(QLatin1Char(';')) + QLatin1Char('}');
    };
    QStringList parts;
    if (const IniSection *d = doc.defaults(); d && !d->entries.isEmpty())
        parts << one(*d);
    for (const QString &name : doc.sectionNames())
        parts << one(*doc.section(name));
    return parts.join(QLatin1Char('|'));
}

// Permission bits as stat() reports them (-1 when missing), so failures print a readable octal number.
inline int modeOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

class UmaskGuard {
public:
    explicit UmaskGuard(mode_t mask)
        : m_old(::umask(mask))
    {
    }
    ~UmaskGuard() { ::umask(m_old); }
    UmaskGuard(const UmaskGuard &) = delete;
    UmaskGuard &operator=(const UmaskGuard &) = delete;

private:
    mode_t m_old;
};

// Runs 'body' in a forked child and returns its exit status (or -1 if it crashed). The child never
// returns into the test framework, so QVERIFY cannot be used inside 'body'.
inline int runInChild(const std::function<int()> &body)
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(body());
    if (pid < 0)
        return -1;
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

} // namespace hftm::test
