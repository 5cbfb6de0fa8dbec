#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace hftm {

// Tells when any of a few files changes, is created, replaced or removed — including by other programs
// (`hf auth login` in a terminal). Watches each file and its folder: writers that replace a file by an
// atomic rename drop the file's watch, so every event re-arms it. Bursts are debounced into one signal,
// and a burst that leaves every file as it was last accepted (the owner's own write) says nothing.
class FileWatcher : public QObject {
    Q_OBJECT
public:
    explicit FileWatcher(QStringList files, int debounceMs = 200, QObject *parent = nullptr);

    QStringList files() const { return m_files; }
    // The files as they are now are known to the owner (it just wrote or read them): events that leave
    // them like this are not reported. Keeps a digest of each file, never its bytes.
    void acceptCurrent();
    // The same for one of the files (the owner wrote only that one, and read none of the others).
    void accept(const QString &file);
    // While held, nothing is reported: another thread is writing an edit of the owner's, and the files are
    // half-way between two states the owner knows. Holds nest. The last release() looks once more at what
    // settled meanwhile, so call it after the owner accepted the edit's result (acceptCurrent()).
    void hold();
    void release();
    bool isHeld() const { return m_holds > 0; }

signals:
    // A watched file differs from what was last accepted; once per burst.
    void changed();

private:
    void arm();
    void onEvent();
    void onSettled();
    QHash<QString, QByteArray> fingerprints() const;

    QStringList m_files;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QHash<QString, QByteArray> m_accepted;
    int m_holds = 0;
    bool m_settledWhileHeld = false;
};

} // namespace hftm
