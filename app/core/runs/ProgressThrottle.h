#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace hftm {

// Coalesces progress reports to at most one per interval: a window repaints its progress bar on each
// one, and 200 answers in a burst would otherwise repaint it 200 times. Never reports inside the call
// that changed the count; flush() sends the last count at once (the final report always arrives).
class ProgressThrottle : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 100; // ~10 reports per second

    explicit ProgressThrottle(QObject *parent = nullptr);

    void setIntervalMs(int ms) { m_intervalMs = ms; }
    // The count changed: reported on a later turn, no sooner than the interval after the last report.
    void update(int done, int total);
    // Reports the current count now (a pending report is folded into it).
    void flush();
    // Forgets a pending report (the run was cancelled and says so itself).
    void stop();

Q_SIGNALS:
    void progress(int done, int total);

private:
    void report();

    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    int m_intervalMs = DefaultIntervalMs;
    int m_done = 0;
    int m_total = 0;
};

} // namespace hftm
