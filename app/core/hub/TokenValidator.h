#pragma once

#include "core/hub/HostScheduler.h"
#include "core/hub/ValidationResult.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace hftm {

class HubClient;
class HubReply;

// One token to check. key is the caller's handle (e.g. the token name), echoed in resultReady.
struct ValidationRequest {
    QString key;
    QString endpoint; // empty = HubClient::resolveEndpoint() (HF_ENDPOINT or the default)
    QString token;
    bool force = false; // skip the recent-result cache (never the rate-limit gate)
};

// Validates many tokens with whoami-v2 concurrently (bounded per host), reusing recent answers and
// holding back every request to an endpoint that answered 429 until its Retry-After has passed.
class TokenValidator : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultCacheTtlSeconds = 60;

    explicit TokenValidator(HubClient *client, QObject *parent = nullptr);
    ~TokenValidator() override;

    void setMaxConcurrentPerHost(int max) { m_scheduler.setMaxPerHost(max); }
    int maxConcurrentPerHost() const { return m_scheduler.maxPerHost(); }
    void setCacheTtlSeconds(int seconds) { m_cacheTtlSeconds = seconds; } // 0 disables the cache
    void clearCache() { m_cache.clear(); }

    // Queues the requests; results arrive asynchronously (never inside this call). Calling it again
    // while running adds to the same run; finished() comes once when everything is answered.
    void validate(const QList<ValidationRequest> &requests);
    // Aborts in-flight requests and drops queued ones: no resultReady() after this returns.
    // Emits finished() (synchronously) if a run was going on.
    void cancel();
    // Aborts and drops only the requests whose key starts with keyPrefix (one caller's run), so users
    // sharing this validator keep theirs: no resultReady() for those after this returns. Emits finished()
    // (synchronously) when that leaves nothing open.
    void cancelKeys(const QString &keyPrefix);
    bool isRunning() const { return m_total > 0; }

    // For the CLI: runs a local event loop until all are answered. Keys must be unique.
    QHash<QString, ValidationResult> validateAndWait(const QList<ValidationRequest> &requests);

    static QString cacheKey(const QString &endpoint, const QString &token); // hash, never the token

Q_SIGNALS:
    void resultReady(const QString &key, const hftm::ValidationResult &result);
    void progress(int done, int total);
    void finished();

private:
    void start(quint64 id, const ValidationRequest &request, const QString &endpoint, const QString &origin);
    void deliver(quint64 id, const QString &key, const ValidationResult &result);

    struct CacheEntry {
        ValidationResult result;
        QDateTime storedAt;
    };

    HubClient *m_client;
    HostScheduler m_scheduler;
    int m_cacheTtlSeconds = DefaultCacheTtlSeconds;
    QHash<QString, CacheEntry> m_cache;
    struct InFlight {
        QPointer<HubReply> reply;
        quint64 id = 0;
        QString origin;
    };

    QList<InFlight> m_inFlight;
    // Requests not answered yet (queued or in flight), by id, with their key: cancelKeys() settles some
    // of them without an answer, and a request no longer here is never started or delivered.
    QHash<quint64, QString> m_open;
    quint64 m_nextId = 0;
    quint64 m_generation = 0; // bumps on cancel(): late callbacks of older runs are ignored
    int m_total = 0;
    int m_done = 0;
};

} // namespace hftm
