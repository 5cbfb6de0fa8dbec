#include "core/secrets/AnswerRelay.h"

#include <QObject>
#include <QTimer>

namespace hftm {

std::shared_ptr<AnswerRelay> AnswerRelay::arm(QObject *context, int timeoutMs,
                                              std::function<void(bool)> onDone, std::function<void()> cancel)
{
    auto relay = std::make_shared<AnswerRelay>();
    relay->m_receiver = context;
    relay->m_onDone = std::move(onDone);
    relay->m_cancel = std::move(cancel);
    // Direct: runs on context's thread, inside its destructor, before the object is freed, so a worker
    // that holds the mutex while posting never posts to freed memory.
    QObject::connect(context, &QObject::destroyed, [relay] {
        const QMutexLocker locker(&relay->m_mutex);
        relay->m_receiver = nullptr;
        relay->m_settled = true;
        relay->m_onDone = nullptr;
        relay->m_deadline = nullptr; // a child of context: deleted with it
    });
    relay->m_deadline = new QTimer(context);
    relay->m_deadline->setSingleShot(true);
    relay->m_deadline->setTimerType(Qt::PreciseTimer); // "within N s" should be true, not 5 % early
    QObject::connect(relay->m_deadline, &QTimer::timeout, context, [relay] { relay->settle(false); });
    relay->m_deadline->start(timeoutMs);
    return relay;
}

void AnswerRelay::answered()
{
    const QMutexLocker locker(&m_mutex);
    if (!m_receiver)
        return;
    // Queued even when the answer comes from context's own thread: never inside the starting call.
    QMetaObject::invokeMethod(
        m_receiver, [relay = shared_from_this()] { relay->settle(true); }, Qt::QueuedConnection);
}

void AnswerRelay::settle(bool inTime)
{
    if (m_settled)
        return;
    m_settled = true;
    if (m_deadline) {
        m_deadline->stop();
        m_deadline->deleteLater();
        m_deadline = nullptr;
    }
    if (!inTime && m_cancel)
        m_cancel();
    auto onDone = std::move(m_onDone);
    m_onDone = nullptr;
    m_cancel = nullptr;
    if (onDone)
        onDone(inTime);
}

} // namespace hftm
