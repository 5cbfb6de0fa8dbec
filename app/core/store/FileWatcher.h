#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace hftm {

// Tells when any of a few files changes, is created, replaced or removed — including by other programs
// (`hf auth login` in a terminal). Watches each file and its folder: writers that replace a file by an
// atomic rename drop the file's watch, so every event re-arms it. Bursts are debounced into one signal.
class FileWatcher : public QObject {
    Q_OBJECT
public:
    explicit FileWatcher(QStringList files, int debounceMs = 200, QObject *parent = nullptr);

    QStringList files() const { return m_files; }

signals:
    void changed();

private:
    void arm();
    void onEvent();

    QStringList m_files;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
};

} // namespace hftm
