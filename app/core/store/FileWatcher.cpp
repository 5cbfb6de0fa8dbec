#include "core/store/FileWatcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>

namespace hftm {

namespace {
// The closest folder that exists: when HF_HOME does not exist yet, its parent tells us it appeared.
QString nearestExistingFolder(const QString &path)
{
    QFileInfo info(QFileInfo(path).absolutePath());
    while (!info.exists() && !info.isRoot()) {
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath())
            break;
        info = QFileInfo(parent);
    }
    return info.absoluteFilePath();
}

// What a file holds and where its watch hangs, as a digest: enough to tell another program's change from
// the owner's own write, without keeping a secret in memory.
QByteArray fingerprintOf(const QString &path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(nearestExistingFolder(path).toUtf8());
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        constexpr qint64 MaxBytes = 4 * 1024 * 1024; // token files are tiny; a huge one is hashed in part
        hash.addData(QByteArrayView("\1"));
        hash.addData(file.read(MaxBytes));
    }
    return hash.result();
}
} // namespace

FileWatcher::FileWatcher(QStringList files, int debounceMs, QObject *parent)
    : QObject(parent)
    , m_files(std::move(files))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FileWatcher::onSettled);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::onEvent);
    arm();
    acceptCurrent();
}

void FileWatcher::acceptCurrent()
{
    m_accepted = fingerprints();
}

void FileWatcher::accept(const QString &file)
{
    if (m_files.contains(file))
        m_accepted.insert(file, fingerprintOf(file));
}

QHash<QString, QByteArray> FileWatcher::fingerprints() const
{
    QHash<QString, QByteArray> prints;
    for (const QString &file : m_files)
        prints.insert(file, fingerprintOf(file));
    return prints;
}

void FileWatcher::arm()
{
    const QStringList watchedFiles = m_watcher.files();
    const QStringList watchedFolders = m_watcher.directories();
    QStringList toAdd;
    for (const QString &file : std::as_const(m_files)) {
        const QString folder = nearestExistingFolder(file);
        if (!watchedFolders.contains(folder) && !toAdd.contains(folder))
            toAdd << folder;
        if (QFileInfo::exists(file) && !watchedFiles.contains(file))
            toAdd << file;
    }
    if (!toAdd.isEmpty())
        m_watcher.addPaths(toAdd);
}

void FileWatcher::onEvent()
{
    arm();
    m_debounce.start(); // restarts: one signal after the burst of a write + rename settles
}

void FileWatcher::hold()
{
    ++m_holds;
}

void FileWatcher::release()
{
    if (m_holds == 0 || --m_holds > 0)
        return;
    if (std::exchange(m_settledWhileHeld, false))
        onSettled(); // an outside change made meanwhile still differs from what the owner accepted
}

void FileWatcher::onSettled()
{
    if (m_holds > 0) {
        m_settledWhileHeld = true;
        return;
    }
    QHash<QString, QByteArray> now = fingerprints();
    if (now == m_accepted)
        return; // the owner's own write, or a touch that changed nothing
    m_accepted = std::move(now);
    emit changed();
}

} // namespace hftm
