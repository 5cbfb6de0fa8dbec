#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <atomic>
#include <thread>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace hftm::bench {

// Counts how many times one file was written while it watched: an atomic replace (rename onto the
// name) counts once, and so does an in-place rewrite (modified, then closed). inotify queues events in
// the kernel, and a thread drains them as they come so a long run cannot overflow the queue.
class FileWriteCounter {
public:
    FileWriteCounter(const QString &folder, const QString &fileName)
        : m_name(QFile::encodeName(fileName))
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0 && inotify_add_watch(m_fd, QFile::encodeName(folder).constData(),
                                           IN_MOVED_TO | IN_MODIFY | IN_CLOSE_WRITE) < 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        if (m_fd >= 0)
            m_thread = std::thread([this] { drain(); });
    }
    ~FileWriteCounter()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileWriteCounter(const FileWriteCounter &) = delete;
    FileWriteCounter &operator=(const FileWriteCounter &) = delete;

    bool isValid() const { return m_fd >= 0; }
    // Stops watching (after reading what is queued) and answers the count; -1 if the queue overflowed.
    int stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_overflow ? -1 : m_writes.load();
    }

private:
    void drain()
    {
        alignas(inotify_event) char buffer[16384];
        bool modified = false;
        for (;;) {
            pollfd p{m_fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, 20);
            if (ready <= 0) {
                if (m_stop)
                    return; // nothing left queued
                continue;
            }
            const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
            for (ssize_t at = 0; at < length;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                at += ssize_t(sizeof(inotify_event) + event->len);
                if (event->mask & IN_Q_OVERFLOW)
                    m_overflow = true;
                if (event->len == 0 || QByteArray(event->name) != m_name)
                    continue;
                if (event->mask & IN_MOVED_TO) {
                    ++m_writes;
                } else if (event->mask & IN_MODIFY) {
                    modified = true;
                } else if ((event->mask & IN_CLOSE_WRITE) && modified) {
                    modified = false;
                    ++m_writes;
                }
            }
        }
    }

    QByteArray m_name;
    int m_fd = -1;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_overflow{false};
    std::atomic<int> m_writes{0};
};

} // namespace hftm::bench
