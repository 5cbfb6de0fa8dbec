#pragma once

#include "core/hub/HostScheduler.h"
#include "core/hub/RepoAccessResult.h"
#include "core/hub/RepoRef.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace hftm {

class HubClient;
class HubReply;

// One (token, repo) pair to check. key is the caller's handle, echoed in resultReady.
struct RepoAccessRequest {
    QString key;
    QString endpoint; // empty = HubClient::resolveEndpoint()
    QString token;    // empty = anonymous
    RepoRef repo;
};

// Checks whether tokens can read repos: GET the repo info (exists, gated, private), then its
// auth-check (file access). Bounded concurrency per host; cancellable.
class RepoAccessChecker : public QObject {
    Q_OBJECT
public:
    explicit RepoAccessChecker(HubClient *client, QObject *parent = nullptr);
    ~RepoAccessChecker() override;

    void setMaxConcurrentPerHost(int max) { m_scheduler.setMaxPerHost(max); }

    // Queues the checks; results arrive asynchronously. A repo parsed from a link on another host
    // than the endpoint is answered Error without any request (the token stays with its Hub).
    void check(const QList<RepoAccessRequest> &requests);
    // Aborts in-flight replies, drops queued checks: no resultReady() after this returns.
    // Emits finished() (synchronously) if a run was going on.
    void cancel();
    bool isRunning() const { return m_total > 0; }

    // For the CLI: runs a local event loop until all are answered. Keys must be unique.
    QHash<QString, RepoAccessResult> checkAndWait(const QList<RepoAccessRequest> &requests);

Q_SIGNALS:
    void resultReady(const QString &key, const hftm::RepoAccessResult &result);
    void progress(int done, int total);
    void finished();

private:
    void start(const RepoAccessRequest &request, const QString &endpoint, const QString &origin);
    void askAuthCheck(const RepoAccessRequest &request, const QString &endpoint, const QString &origin,
                      const HubResponse &info);
    HubReply *track(HubReply *reply);
    void complete(const RepoAccessRequest &request, const QString &origin, RepoAccessResult result);

    HubClient *m_client;
    HostScheduler m_scheduler;
    QList<QPointer<HubReply>> m_inFlight;
    quint64 m_generation = 0;
    int m_total = 0;
    int m_done = 0;
};

} // namespace hftm
