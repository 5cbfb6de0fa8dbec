#pragma once

#include "support/FakeHub.h"

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace hftm::bench {

// The shared FakeHub (which already delays answers by timers) on a thread of its own, so a benchmark
// can block on a child process while the Hub answers, and so serving requests costs the measured
// window's event loop nothing — the real Hub runs elsewhere too.
class ThreadedFakeHub {
public:
    ThreadedFakeHub()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        onHub([this](test::FakeHub *) {
            m_hub = new test::FakeHub;
            m_started = m_hub->start();
        });
    }
    ~ThreadedFakeHub()
    {
        onHub([](test::FakeHub *hub) { delete hub; });
        m_thread.quit();
        m_thread.wait();
    }
    ThreadedFakeHub(const ThreadedFakeHub &) = delete;
    ThreadedFakeHub &operator=(const ThreadedFakeHub &) = delete;

    bool isStarted() const { return m_started; }
    QString endpoint()
    {
        return get<QString>([](test::FakeHub *hub) { return hub->endpoint(); });
    }
    void setLatencyMs(int ms)
    {
        onHub([ms](test::FakeHub *hub) { hub->setLatencyMs(ms); });
    }
    void addTokens(const QStringList &secrets)
    {
        onHub([secrets](test::FakeHub *hub) {
            for (const QString &secret : secrets)
                hub->addToken(secret, QStringLiteral("whoami_read_token.json"));
        });
    }
    void resetStats()
    {
        onHub([](test::FakeHub *hub) { hub->resetStats(); });
    }
    int requestCount()
    {
        return get<int>([](test::FakeHub *hub) { return hub->requestCount(); });
    }
    int maxInFlight()
    {
        return get<int>([](test::FakeHub *hub) { return hub->maxInFlight(); });
    }

private:
    // Runs f on the Hub's thread and waits for it (the Hub's thread never waits on the caller).
    void onHub(const std::function<void(test::FakeHub *)> &f)
    {
        QMetaObject::invokeMethod(
            &m_context, [&] { f(m_hub); }, Qt::BlockingQueuedConnection);
    }
    template <typename T> T get(const std::function<T(test::FakeHub *)> &f)
    {
        T value{};
        onHub([&](test::FakeHub *hub) { value = f(hub); });
        return value;
    }

    QThread m_thread;
    QObject m_context; // lives on m_thread: what invokeMethod runs on
    test::FakeHub *m_hub = nullptr;
    bool m_started = false;
};

} // namespace hftm::bench
