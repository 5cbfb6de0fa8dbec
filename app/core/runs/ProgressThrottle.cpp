#include "core/runs/ProgressThrottle.h"

namespace hftm {

ProgressThrottle::ProgressThrottle(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProgressThrottle::report);
}

void ProgressThrottle::update(int done, int total)
{
    m_done = done;
    m_total = total;
    if (m_timer.isActive())
        return; // folded into the report already due
    const qint64 since = m_sinceLast.isValid() ? m_sinceLast.elapsed() : m_intervalMs;
    m_timer.start(int(qMax<qint64>(0, m_intervalMs - since)));
}

void ProgressThrottle::flush()
{
    m_timer.stop();
    report();
}

void ProgressThrottle::stop()
{
    m_timer.stop();
}

void ProgressThrottle::report()
{
    m_sinceLast.start();
    Q_EMIT progress(m_done, m_total);
}

} // namespace hftm
