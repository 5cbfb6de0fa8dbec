#pragma once

#include <functional>

class QObject;
class QThreadPool;

namespace hftm {

// Runs blocking keychain calls on a worker thread, one at a time, each bounded by a deadline. Nothing here
// spins an event loop: run() blocks its thread on a semaphore (CLI, workers), start() returns at once and
// reports on the caller's thread.
class BoundedCaller {
public:
    explicit BoundedCaller(int timeoutMs);
    ~BoundedCaller();
    BoundedCaller(const BoundedCaller &) = delete;
    BoundedCaller &operator=(const BoundedCaller &) = delete;

    int timeoutMs() const { return m_timeoutMs; }
    // True when 'work' finished within the deadline. Otherwise 'cancel' runs here and the work is left
    // to end on its own, so it must own (share) everything it touches. Blocks this thread meanwhile and
    // runs none of its events.
    bool run(std::function<void()> work, const std::function<void()> &cancel);

    // Starts 'work' and returns at once. 'onDone' runs exactly once, on the thread 'context' lives in and
    // never inside this call: onDone(true) after the work, or onDone(false) when the deadline (a timer on
    // context's thread) came first; then 'cancel' has run and a late end of the work is ignored. If
    // 'context' is destroyed first, onDone never runs. 'work' must own everything it touches, as above;
    // 'onDone' must not capture what may be gone before the deadline.
    void start(QObject *context, std::function<void()> work, std::function<void(bool inTime)> onDone,
               std::function<void()> cancel);

private:
    QThreadPool *m_pool; // leaked on purpose when a call hangs at exit (see the destructor)
    int m_timeoutMs;
};

} // namespace hftm
