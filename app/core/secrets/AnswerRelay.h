#pragma once

#include <QMutex>

#include <functional>
#include <memory>

class QObject;
class QTimer;

namespace hftm {

// Hands one answer from another thread to the thread 'context' lives in, racing a deadline timer there:
// onDone(true) when answered() came first, onDone(false) (after 'cancel') when the deadline did. onDone
// runs exactly once, on context's thread, never inside arm(); never at all once context is destroyed.
class AnswerRelay : public std::enable_shared_from_this<AnswerRelay> {
public:
    static std::shared_ptr<AnswerRelay> arm(QObject *context, int timeoutMs, std::function<void(bool)> onDone,
                                            std::function<void()> cancel);
    // From any thread, at most once; a late answer (after the deadline) is dropped.
    void answered();

private:
    void settle(bool inTime); // context's thread only

    QMutex m_mutex;
    QObject *m_receiver = nullptr; // cleared under the mutex when context goes away
    QTimer *m_deadline = nullptr;  // context's thread only
    bool m_settled = false;        // context's thread only
    std::function<void(bool)> m_onDone;
    std::function<void()> m_cancel;
};

} // namespace hftm
