#pragma once

#include "core/base/Clock.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace hftm {

class TokenStore;
class TokenValidator;
class CheckRun;

// Re-checks every stored token with the Hub in the background: every Settings::revalidateIntervalHours,
// when the network comes back, and on request (the tray's "Validate all"). Each run is a CheckRun: the
// secrets read in one request only when it starts, the answers recorded in one write (a network error
// never turns a token invalid). Runs never overlap.
class Revalidator : public QObject {
    Q_OBJECT
public:
    Revalidator(TokenStore *store, TokenValidator *validator, QObject *parent = nullptr);

    // Arms the periodic timer from the settings (re-read when they change) and, when the last check of
    // any token is older than the interval, schedules a run after 'startDelay'.
    void start(std::chrono::milliseconds startDelay = std::chrono::seconds(20));
    // Tests: a fixed interval instead of the settings' hours; the delay before a run on reconnect.
    void setIntervalOverride(std::chrono::milliseconds interval);
    void setReconnectDelay(std::chrono::milliseconds delay) { m_reconnectDelay = delay; }
    void setClock(NowFunction now) { m_now = std::move(now); }
    // Follows QNetworkInformation's reachability when a backend exists (none in tests or containers).
    bool watchNetwork();

    bool isRunning() const;
    int runsStarted() const { return m_runs; }
    std::chrono::milliseconds interval() const { return std::chrono::milliseconds(m_timer.interval()); }
    bool isTimerActive() const { return m_timer.isActive(); }

public Q_SLOTS:
    // Starts a run over all stored tokens; false (and nothing done) while one is running or none exist.
    bool runNow();
    // The network is back: check again soon, as earlier runs may have found the Hub unreachable.
    void onNetworkReturned();

Q_SIGNALS:
    void started(int count);
    void finished(int checked, const QStringList &problems);

private:
    void applySettings();
    bool anyCheckOlderThan(std::chrono::milliseconds age) const;

    TokenStore *m_store;
    TokenValidator *m_validator;
    NowFunction m_now = &systemNow;
    QTimer m_timer;
    QTimer m_soon; // one-shot: start-up catch-up and reconnect runs
    std::chrono::milliseconds m_override{0};
    std::chrono::milliseconds m_reconnectDelay{5000};
    CheckRun *m_runner; // its own run on the validator it shares with the window
    int m_runs = 0;
    bool m_wasOnline = true;
};

} // namespace hftm
