#pragma once

// The desktop app as ui/main.cpp assembles it (context from the environment — the real keychain —,
// main window, app controller with tray), built inside a benchmark process, and a probe that measures how
// long its event loop stops answering.
#include "ui/app/AppContext.h"
#include "ui/app/AppController.h"
#include "ui/window/MainWindow.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace hftm::bench {

struct App {
    std::unique_ptr<AppContext> context = AppContext::fromEnvironment();
    MainWindow window{*context};
    AppController controller{*context, &window, AppOptions{}};
};

// A 5 ms timer on the GUI thread: the longest gap between two of its ticks, minus the 5 ms it asked
// for, is the longest time the event loop did not answer. onTick runs on every tick (cheap checks).
class StallProbe : public QObject {
public:
    explicit StallProbe(std::function<void()> onTick = {})
        : m_onTick(std::move(onTick))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(IntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = m_clock.nsecsElapsed() / 1e6;
            const double stall = now - m_last - IntervalMs;
            m_last = now;
            m_max = qMax(m_max, stall);
            if (stall > 50)
                ++m_over50;
            ++m_ticks;
            if (m_onTick)
                m_onTick();
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double elapsedMs() const { return m_clock.nsecsElapsed() / 1e6; }
    double maxStallMs() const { return qMax(0.0, m_max); }
    int stallsOver50() const { return m_over50; }
    int ticks() const { return m_ticks; }

    static constexpr int IntervalMs = 5;

private:
    std::function<void()> m_onTick;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    double m_max = 0;
    int m_over50 = 0;
    int m_ticks = 0;
};

} // namespace hftm::bench
