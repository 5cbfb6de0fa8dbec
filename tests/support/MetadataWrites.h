#pragma once

// Counts how often a file is written, as the kernel saw it (inotify): each atomic replace (rename onto
// the name) and each in-place write that is closed. Works across processes, so a test can count the
// writes an `hftoken` child made. Linux only, like the rest of the suite.
#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>

namespace hftm::test {

class MetadataWrites {
public:
    // path: the file to watch (e.g. the store's tokens.json); its folder must exist.
    explicit MetadataWrites(const QString &path)
        : m_name(QFileInfo(path).fileName().toLocal8Bit())
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0)
            m_watch = inotify_add_watch(m_fd, QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
                                        IN_MOVED_TO | IN_CLOSE_WRITE);
    }
    ~MetadataWrites()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    MetadataWrites(const MetadataWrites &) = delete;
    MetadataWrites &operator=(const MetadataWrites &) = delete;

    bool isValid() const { return m_fd >= 0 && m_watch >= 0; }

    // Writes since construction (or since the last reset()); reads every event the kernel queued.
    int count()
    {
        alignas(inotify_event) char buffer[16 * 1024];
        for (;;) {
            const ssize_t got = ::read(m_fd, buffer, sizeof buffer);
            if (got <= 0)
                break; // EAGAIN: nothing more queued
            for (ssize_t at = 0; at < got;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                if (event->len > 0 && QByteArray(event->name) == m_name)
                    ++m_count;
                at += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
        return m_count;
    }
    void reset()
    {
        count();
        m_count = 0;
    }

private:
    QByteArray m_name;
    int m_fd = -1;
    int m_watch = -1;
    int m_count = 0;
};

} // namespace hftm::test
