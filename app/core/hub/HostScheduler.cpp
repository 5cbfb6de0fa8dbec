#include "core/hub/HostScheduler.h"

namespace hftm {

void HostScheduler::enqueue(const QString &origin, Job job)
{
    m_queue.append(Entry{origin, std::move(job)});
    startReady();
}

void HostScheduler::done(const QString &origin)
{
    auto it = m_running.find(origin);
    if (it == m_running.end() || *it <= 0)
        return; // from a job dropped by clear()
    --*it;
    --m_runningTotal;
    startReady();
}

void HostScheduler::clear()
{
    m_queue.clear();
    m_running.clear();
    m_runningTotal = 0;
}

void HostScheduler::startReady()
{
    if (m_starting) {
        m_again = true; // a job finished while we were starting others: look again afterwards
        return;
    }
    m_starting = true;
    do {
        m_again = false;
        for (qsizetype i = 0; i < m_queue.size();) {
            if (m_running.value(m_queue.at(i).origin) >= m_maxPerHost) {
                ++i;
                continue;
            }
            Entry entry = m_queue.takeAt(i);
            ++m_running[entry.origin];
            ++m_runningTotal;
            entry.job(); // may call done() (sets m_again) or clear() (empties the queue)
        }
    } while (m_again);
    m_starting = false;
}

} // namespace hftm
