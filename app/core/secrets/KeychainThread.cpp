#include "core/secrets/KeychainThread.h"

#include <QObject>
#include <QSemaphore>
#include <QThread>

#include <memory>

namespace hftm::keychainthread {

namespace {

// Started on first use. At exit the thread is asked to stop; a job stuck in D-Bus must not hang the
// program's exit, so if it does not stop within a second it is left to the OS.
class Holder {
public:
    Holder()
        : m_thread(new QThread)
        , m_anchor(new QObject)
    {
        m_thread->setObjectName(QStringLiteral("hftm-keychain"));
        m_anchor->moveToThread(m_thread);
        m_thread->start();
    }
    ~Holder()
    {
        m_thread->quit();
        // Destroying a running QThread aborts the program: a stuck one is leaked instead (we are exiting).
        if (m_thread->wait(1000)) {
            delete m_anchor;
            delete m_thread;
        }
    }
    Holder(const Holder &) = delete;
    Holder &operator=(const Holder &) = delete;
    QObject *anchor() const { return m_anchor; }

private:
    QThread *m_thread;
    QObject *m_anchor; // lives on m_thread: what work is posted to
};

Holder &holder()
{
    static Holder instance;
    return instance;
}

} // namespace

bool run(const std::function<void(std::function<void()> done)> &start, int timeoutMs)
{
    auto finished = std::make_shared<QSemaphore>(0);
    QMetaObject::invokeMethod(
        holder().anchor(), [start, finished] { start([finished] { finished->release(); }); },
        Qt::QueuedConnection);
    return finished->tryAcquire(1, timeoutMs);
}

} // namespace hftm::keychainthread
