#pragma once

// Shared by both start-up benchmark programs so they measure "shown" the same way.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <sys/resource.h>

#include <cstdio>
#include <functional>

namespace hftm::bench {

inline long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

// Watches a top-level window for its first Paint event, lets that frame finish (every child is painted
// in the same backing-store sync), then prints "painted <ms since main> <peak RSS KiB> <extra>" on
// stdout and quits. The driver measures from exec to that line.
class FirstPaint : public QObject {
public:
    FirstPaint(QWidget *window, const QElapsedTimer &sinceMain, std::function<QString()> extra = {})
        : QObject(window)
        , m_sinceMain(sinceMain)
        , m_extra(std::move(extra))
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QTimer::singleShot(0, this, [this] {
                const QString extra = m_extra ? m_extra() : QString();
                std::printf("painted %.2f %ld %s\n", m_sinceMain.nsecsElapsed() / 1e6, peakRssKiB(),
                            qPrintable(extra));
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_sinceMain;
    std::function<QString()> m_extra;
    bool m_seen = false;
};

} // namespace hftm::bench
