#include "ui/window/FileWatcher.h"

#include <QDir>
#include <QFileInfo>

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
} // namespace

FileWatcher::FileWatcher(QStringList files, int debounceMs, QObject *parent)
    : QObject(parent)
    , m_files(std::move(files))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FileWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::onEvent);
    arm();
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

} // namespace hftm
