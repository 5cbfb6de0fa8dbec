#include "core/hub/TokenValidator.h"

#include "core/hub/CollectResults.h"
#include "core/hub/HubClient.h"
#include "core/hub/HubErrors.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QSet>

namespace hftm {

TokenValidator::TokenValidator(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

TokenValidator::~TokenValidator()
{
    ++m_generation;
    for (const InFlight &entry : std::as_const(m_inFlight)) {
        if (entry.reply)
            entry.reply->deleteLater();
    }
}

QString TokenValidator::cacheKey(const QString &endpoint, const QString &token)
{
    const QByteArray digest = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
    return endpoint + QLatin1Char(' ') + QString::fromLatin1(digest);
}

void TokenValidator::validate(const QList<ValidationRequest> &requests)
{
    if (requests.isEmpty())
        return;
    m_total += int(requests.size());
    const quint64 generation = m_generation;
    for (const ValidationRequest &request : requests) {
        const QString endpoint = HubClient::resolveEndpoint(request.endpoint);
        const QString origin = HubClient::origin(QUrl(endpoint));
        const quint64 id = ++m_nextId;
        m_open.insert(id, request.key);
        // Queued so that results never arrive inside validate(), even for cache hits.
        QMetaObject::invokeMethod(
            this,
            [this, id, request, endpoint, origin, generation] {
                if (generation != m_generation || !m_open.contains(id))
                    return;
                m_scheduler.enqueue(origin, [this, id, request, endpoint, origin] {
                    if (!m_open.contains(id)) { // cancelled while queued: give the slot straight back
                        m_scheduler.done(origin);
                        return;
                    }
                    start(id, request, endpoint, origin);
                });
            },
            Qt::QueuedConnection);
    }
}

void TokenValidator::start(quint64 id, const ValidationRequest &request, const QString &endpoint,
                           const QString &origin)
{
    const QDateTime now = m_client->now();
    const QString key = cacheKey(endpoint, request.token);
    if (!request.force && m_cacheTtlSeconds > 0) {
        const auto cached = m_cache.constFind(key);
        if (cached != m_cache.constEnd() && cached->storedAt.secsTo(now) < m_cacheTtlSeconds) {
            ValidationResult result = cached->result;
            result.fromCache = true;
            deliver(id, request.key, result);
            m_scheduler.done(origin);
            return;
        }
    }
    // The Hub told us to wait: answer without asking again, so a big batch cannot become a storm.
    if (const int wait = m_client->rateLimits().secondsLeft(origin, now); wait > 0) {
        ValidationResult result;
        result.status = TokenStatus::RateLimited;
        result.retryAfterSeconds = wait;
        result.checkedAt = now;
        result.message = tr("The Hub is rate-limiting token checks from this address; not asked again. "
                            "Try again in %n second(s).",
                            nullptr, wait);
        deliver(id, request.key, result);
        m_scheduler.done(origin);
        return;
    }

    HubReply *reply = m_client->get(endpoint, QStringLiteral("/api/whoami-v2"), request.token);
    m_inFlight.append(InFlight{reply, id, origin});
    const quint64 generation = m_generation;
    connect(reply, &HubReply::finished, this, [this, id, reply, request, key, origin, generation] {
        reply->deleteLater();
        m_inFlight.removeIf([reply](const InFlight &entry) { return entry.reply == reply; });
        // Cancelled (all, or this caller's): cancelKeys() already gave the slot back.
        if (generation != m_generation || !m_open.contains(id))
            return;
        // The answer's own time, not the request's: expiry and Retry-After are judged when it came.
        const QDateTime answeredAt = m_client->now();
        const ValidationResult result = interpretWhoami(reply->response(), answeredAt, request.token);
        if (result.status == TokenStatus::RateLimited)
            m_client->rateLimits().markLimited(origin, answeredAt.addSecs(result.retryAfterSeconds));
        // Only the Hub's verdicts are worth reusing; a network hiccup must be retryable at once.
        if (result.status == TokenStatus::Valid || result.status == TokenStatus::Expired ||
            result.status == TokenStatus::Invalid)
            m_cache.insert(key, CacheEntry{result, answeredAt});
        // Report first, then free the slot: the next queued request may be answered at once (gate).
        deliver(id, request.key, result);
        m_scheduler.done(origin);
    });
}

void TokenValidator::deliver(quint64 id, const QString &key, const ValidationResult &result)
{
    if (!m_open.remove(id))
        return;
    ++m_done;
    const quint64 generation = m_generation;
    Q_EMIT resultReady(key, result);
    if (generation != m_generation)
        return; // a receiver cancelled
    Q_EMIT progress(m_done, m_total);
    if (m_done >= m_total && generation == m_generation) {
        m_done = m_total = 0;
        Q_EMIT finished();
    }
}

void TokenValidator::cancel()
{
    const bool wasRunning = isRunning();
    ++m_generation;
    m_scheduler.clear();
    m_open.clear();
    const QList<InFlight> inFlight = std::exchange(m_inFlight, {});
    for (const InFlight &entry : inFlight) {
        if (entry.reply) {
            entry.reply->abort();
            entry.reply->deleteLater();
        }
    }
    m_done = m_total = 0;
    if (wasRunning)
        Q_EMIT finished();
}

void TokenValidator::cancelKeys(const QString &keyPrefix)
{
    QSet<quint64> dropped;
    for (auto it = m_open.begin(); it != m_open.end();) {
        if (it.value().startsWith(keyPrefix)) {
            dropped.insert(it.key());
            it = m_open.erase(it);
        } else {
            ++it;
        }
    }
    if (dropped.isEmpty())
        return;
    m_done += int(dropped.size()); // settled without an answer
    // Taken out of the list before aborting: an abort may report its reply's end at once.
    QList<InFlight> aborted;
    m_inFlight.removeIf([&](const InFlight &entry) {
        if (!dropped.contains(entry.id))
            return false;
        aborted.append(entry);
        return true;
    });
    const quint64 generation = m_generation;
    for (const InFlight &entry : std::as_const(aborted)) {
        if (entry.reply) {
            entry.reply->abort();
            entry.reply->deleteLater();
        }
        // Their slots go back on a later turn: the next queued requests (other callers') may answer at
        // once, and nobody's resultReady() should run inside this call.
        QMetaObject::invokeMethod(
            this,
            [this, origin = entry.origin, generation] {
                if (generation == m_generation)
                    m_scheduler.done(origin);
            },
            Qt::QueuedConnection);
    }
    if (m_total > 0 && m_done >= m_total) {
        m_done = m_total = 0;
        Q_EMIT finished();
    }
}

QHash<QString, ValidationResult> TokenValidator::validateAndWait(const QList<ValidationRequest> &requests)
{
    if (requests.isEmpty())
        return {};
    return collectResults(this, &TokenValidator::resultReady, [&] { validate(requests); });
}

} // namespace hftm
