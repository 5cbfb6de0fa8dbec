#pragma once

#include "core/hub/RepoAccessResult.h"
#include "core/hub/RepoRef.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace hftm {

class HubClient;
class RepoAccessChecker;
class TokenStore;

// Runs the access checks the grid asks for: reads each token's secret from the store only at that
// moment (once per token per call), hands the pairs to RepoAccessChecker and reports per cell. The
// secrets live only in the checker's queued requests; nothing here keeps one.
class AccessCheckRunner : public QObject {
    Q_OBJECT
public:
    struct Target {
        RepoRef repo;
        QString token; // stored token name
    };

    AccessCheckRunner(TokenStore *store, HubClient *hub, QObject *parent = nullptr);
    ~AccessCheckRunner() override;

    // Queues the targets (ones already being checked are skipped); joins a run in progress.
    void run(const QList<Target> &targets);
    // Stops at once: no cellAnswered() after this returns; cellCancelled() for each one not answered.
    void cancel();
    bool isRunning() const { return !m_pending.isEmpty(); }
    int done() const { return m_done; }   // answered in the current run
    int total() const { return m_total; } // queued in the current run
    RepoAccessChecker *checker() const { return m_checker; }

Q_SIGNALS:
    void cellStarted(const QString &repoKey, const QString &token);
    void cellAnswered(const QString &repoKey, const QString &token, const hftm::RepoAccessResult &result);
    void cellCancelled(const QString &repoKey, const QString &token);
    void progress(int done, int total);
    void finished(bool cancelled);

private:
    void answer(const QString &key, const RepoAccessResult &result);
    static RepoAccessResult localError(const QString &explanation);

    TokenStore *m_store;
    RepoAccessChecker *m_checker;
    QHash<QString, Target> m_pending; // by request key
    int m_done = 0;
    int m_total = 0;
    quint64 m_generation = 0; // bumped by cancel(), so an answer's receivers may cancel safely
};

} // namespace hftm
