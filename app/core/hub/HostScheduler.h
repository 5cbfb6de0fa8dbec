#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace hftm {

// Runs queued jobs with at most N running per origin, in arrival order. A job starts its request and
// later calls done(origin). Jobs may finish synchronously (cache hit, rate-limit gate) without
// recursing: starting is a loop guarded against re-entry.
class HostScheduler {
public:
    using Job = std::function<void()>;

    void setMaxPerHost(int max) { m_maxPerHost = qMax(1, max); }
    int maxPerHost() const { return m_maxPerHost; }

    void enqueue(const QString &origin, Job job);
    void done(const QString &origin);
    void clear(); // drops queued jobs and forgets running ones (their done() calls are ignored)
    bool isIdle() const { return m_queue.isEmpty() && m_runningTotal == 0; }

private:
    struct Entry {
        QString origin;
        Job job;
    };
    void startReady();

    int m_maxPerHost = 6;
    QList<Entry> m_queue;
    QHash<QString, int> m_running;
    int m_runningTotal = 0;
    bool m_starting = false;
    bool m_again = false;
};

} // namespace hftm
