#include "core/secrets/BoundedCaller.h"

#include <QEventLoop>
#include <QMutex>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace hftm {

namespace {
// Shared by the caller and the worker: whichever is last frees it.
struct Completion {
    QMutex mutex;
    QEventLoop *loop = nullptr; // cleared by the caller, under the mutex, before its loop goes away
    bool done = false;
};
} // namespace

BoundedCaller::BoundedCaller(int timeoutMs)
    : m_pool(new QThreadPool)
    , m_timeoutMs(timeoutMs)
{
    // One call at a time, like QtKeychain's queue: a hung daemon then makes later calls time out too,
    // which is the truth, instead of piling up threads.
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(30000);
}

BoundedCaller::~BoundedCaller()
{
    // A call stuck in D-Bus must not hang the program's exit: its thread is left to the OS then.
    if (m_pool->waitForDone(1000))
        delete m_pool;
}

bool BoundedCaller::run(std::function<void()> work, const std::function<void()> &cancel)
{
    auto state = std::make_shared<Completion>();
    QEventLoop loop;
    state->loop = &loop;
    m_pool->start([state, work = std::move(work)] {
        work();
        const QMutexLocker locker(&state->mutex);
        state->done = true;
        if (state->loop)
            QMetaObject::invokeMethod(state->loop, &QEventLoop::quit, Qt::QueuedConnection);
    });

    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer); // "within N s" should be true, not 5 % early
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(m_timeoutMs);
    bool finished = false;
    {
        const QMutexLocker locker(&state->mutex);
        finished = state->done;
    }
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    QMutexLocker locker(&state->mutex);
    state->loop = nullptr;
    finished = state->done;
    locker.unlock();
    if (!finished && cancel)
        cancel();
    return finished;
}

} // namespace hftm
