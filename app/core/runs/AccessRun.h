#pragma once

#include "core/hub/RepoAccessResult.h"
#include "core/hub/RepoRef.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace hftm {

class HubClient;
class ProgressThrottle;
class RepoAccessChecker;
class SecretJob;
class TokenStore;

// Runs the access checks the grid asks for: the secrets of the tokens involved in one
// TokenStore::readSecrets() job per call (bulk, never blocking), then the (token, repo) pairs through its
// RepoAccessChecker, reported per cell. The secrets live only in that job and the checker's queued
// requests; nothing here keeps one. finished() comes exactly once per run, whatever answers first.
class AccessRun : public QObject {
    Q_OBJECT
public:
    struct Target {
        RepoRef repo;
        QString token; // stored token name
    };

    AccessRun(TokenStore *store, HubClient *hub, QObject *parent = nullptr);
    ~AccessRun() override;

    // Queues the targets (ones already being checked are skipped) and joins a run in progress:
    // cellStarted() for each before this returns, answers later.
    void run(const QList<Target> &targets);
    // Stops at once: no cellAnswered() after this returns; cellCancelled() for each one not answered,
    // then finished(true), before this returns.
    void cancel();
    bool isRunning() const { return !m_pending.isEmpty(); }
    int done() const { return m_done; }   // answered in the current run
    int total() const { return m_total; } // queued in the current run
    RepoAccessChecker *checker() const { return m_checker; }
    void setProgressIntervalMs(int ms);

Q_SIGNALS:
    void cellStarted(const QString &repoKey, const QString &token);
    void cellAnswered(const QString &repoKey, const QString &token, const hftm::RepoAccessResult &result);
    void cellCancelled(const QString &repoKey, const QString &token);
    // At most one per progress interval; the last count always comes just before finished(false).
    void progress(int done, int total);
    void finished(bool cancelled);

private:
    struct Batch {
        QList<QString> keys;             // request keys of this run() call, in order
        QHash<QString, QString> refused; // token → why it cannot be asked (its endpoint)
    };
    void onSecrets(quint64 batchId, SecretJob *job);
    void answer(const QString &key, const RepoAccessResult &result);
    static RepoAccessResult localError(const QString &explanation);

    TokenStore *m_store;
    RepoAccessChecker *m_checker;
    ProgressThrottle *m_progress;
    QHash<QString, Target> m_pending; // by request key: waiting for a secret or for the Hub
    QHash<quint64, Batch> m_batches;  // run() calls whose secrets are still being read
    QHash<quint64, QPointer<SecretJob>> m_jobs;
    quint64 m_nextBatch = 0;
    int m_done = 0;
    int m_total = 0;
    quint64 m_generation = 0; // bumped by cancel(), so an answer's receivers may cancel safely
};

} // namespace hftm
