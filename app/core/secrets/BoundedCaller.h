#pragma once

#include <functional>

class QThreadPool;

namespace hftm {

// Runs blocking keychain calls on a worker thread, one at a time, each bounded by a deadline, while the
// calling thread's event loop keeps painting and firing timers (user input is held back meanwhile).
class BoundedCaller {
public:
    explicit BoundedCaller(int timeoutMs);
    ~BoundedCaller();
    BoundedCaller(const BoundedCaller &) = delete;
    BoundedCaller &operator=(const BoundedCaller &) = delete;

    int timeoutMs() const { return m_timeoutMs; }
    // True when 'work' finished within the deadline. Otherwise 'cancel' runs here and the work is left
    // to end on its own, so it must own (share) everything it touches.
    bool run(std::function<void()> work, const std::function<void()> &cancel);

private:
    QThreadPool *m_pool; // leaked on purpose when a call hangs at exit (see the destructor)
    int m_timeoutMs;
};

} // namespace hftm
