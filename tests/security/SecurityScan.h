#pragma once
// Small helpers for the security checklist proofs: find a canary in a folder tree or in /proc, and run
// `hftoken` under a shell prelude (umask, ulimit) the way a user's environment could set it.

#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <sys/stat.h>

namespace hftm::test::security {

// Every regular file under root (symlinks not followed) whose bytes contain needle, as absolute paths.
inline QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits << path;
    }
    return hits;
}

// /proc/<pid>/<name> (cmdline, environ): NUL-separated bytes, empty if unreadable.
inline QByteArray procFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every process whose argv (readable for all) or environment (readable for our own) holds needle.
inline QStringList processesExposing(const QByteArray &needle)
{
    QStringList hits;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : pids) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        if (procFile(pid, "cmdline").contains(needle))
            hits << QStringLiteral("%1 cmdline").arg(pid);
        if (procFile(pid, "environ").contains(needle))
            hits << QStringLiteral("%1 environ").arg(pid);
    }
    return hits;
}

inline int unixMode(const QString &path)
{
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

inline bool isSymLink(const QString &path)
{
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISLNK(info.st_mode);
}

struct ShellRun {
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `sh -c '<prelude>; exec hftoken "$@"'` in env, bounded by timeoutMs. The shell belongs to the test
// harness (it sets umask / ulimit as a user's login shell could); the product never runs a shell.
inline ShellRun runUnderShell(const ScratchEnvironment &env, const QString &prelude,
                              const QStringList &arguments, const QByteArray &stdinBytes = QByteArray(),
                              int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(env.environment());
    QStringList shellArgs{QStringLiteral("-c"), prelude + QStringLiteral("; exec \"$0\" \"$@\""),
                          QStringLiteral(HFTOKEN_BIN)};
    shellArgs << arguments;
    process.start(QStringLiteral("/bin/sh"), shellArgs);
    process.write(stdinBytes);
    process.closeWriteChannel();
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    ShellRun run;
    run.status = process.exitStatus();
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace hftm::test::security
