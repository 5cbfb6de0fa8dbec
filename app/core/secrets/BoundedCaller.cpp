#include "core/secrets/BoundedCaller.h"

#include "core/secrets/AnswerRelay.h"

#include <QSemaphore>
#include <QThreadPool>

#include <memory>

namespace hftm {

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
    // The semaphore is shared: a call that times out releases it after this frame is gone.
    auto done = std::make_shared<QSemaphore>(0);
    // The deadline counts from here, like the asynchronous form's: time spent queued behind a hung call
    // is time the keychain did not answer.
    m_pool->start([done, work = std::move(work)] {
        work();
        done->release();
    });
    if (done->tryAcquire(1, m_timeoutMs))
        return true;
    if (cancel)
        cancel();
    return false;
}

void BoundedCaller::start(QObject *context, std::function<void()> work, std::function<void(bool)> onDone,
                          std::function<void()> cancel)
{
    const auto relay = AnswerRelay::arm(context, m_timeoutMs, std::move(onDone), std::move(cancel));
    m_pool->start([relay, work = std::move(work)] {
        work();
        relay->answered();
    });
}

} // namespace hftm
