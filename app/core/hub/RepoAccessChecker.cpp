#include "core/hub/RepoAccessChecker.h"

#include "core/hub/CollectResults.h"
#include "core/hub/HubClient.h"
#include "core/hub/HubErrors.h"

#include <QEventLoop>

namespace hftm {

RepoAccessChecker::RepoAccessChecker(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

RepoAccessChecker::~RepoAccessChecker()
{
    ++m_generation;
    for (const QPointer<HubReply> &reply : std::as_const(m_inFlight)) {
        if (reply)
            reply->deleteLater();
    }
}

void RepoAccessChecker::check(const QList<RepoAccessRequest> &requests)
{
    if (requests.isEmpty())
        return;
    m_total += int(requests.size());
    const quint64 generation = m_generation;
    for (const RepoAccessRequest &request : requests) {
        const QString endpoint = HubClient::resolveEndpoint(request.endpoint);
        const QString origin = HubClient::origin(QUrl(endpoint));
        QMetaObject::invokeMethod(
            this,
            [this, request, endpoint, origin, generation] {
                if (generation != m_generation)
                    return;
                m_scheduler.enqueue(origin,
                                    [this, request, endpoint, origin] { start(request, endpoint, origin); });
            },
            Qt::QueuedConnection);
    }
}

HubReply *RepoAccessChecker::track(HubReply *reply)
{
    m_inFlight.append(reply);
    connect(reply, &HubReply::finished, this, [this, reply] {
        m_inFlight.removeAll(reply);
        reply->deleteLater();
    });
    return reply;
}

void RepoAccessChecker::start(const RepoAccessRequest &request, const QString &endpoint,
                              const QString &origin)
{
    if (request.repo.isForeignTo(endpoint)) {
        RepoAccessResult result;
        result.state = RepoAccessResult::State::Error;
        result.explanation = tr("This link points to %1, not to the Hub this token belongs to (%2). "
                                "Nothing was sent.")
                                 .arg(request.repo.sourceHost, endpoint);
        complete(request, origin, result);
        return;
    }
    if (const int wait = m_client->rateLimits().secondsLeft(origin, m_client->now()); wait > 0) {
        RepoAccessResult result;
        result.state = RepoAccessResult::State::RateLimited;
        result.retryAfterSeconds = wait;
        result.explanation = tr("The Hub is rate-limiting requests from this address; not asked again. "
                                "Try again in %n second(s).",
                                nullptr, wait);
        complete(request, origin, result);
        return;
    }
    HubReply *info = track(m_client->get(endpoint, request.repo.apiPath(), request.token));
    const quint64 generation = m_generation;
    connect(info, &HubReply::finished, this, [this, info, request, endpoint, origin, generation] {
        if (generation != m_generation)
            return;
        const HubResponse &response = info->response();
        if (response.hasHttpStatus() && response.httpStatus == 200) {
            askAuthCheck(request, endpoint, origin, response);
            return;
        }
        complete(request, origin,
                 interpretRepoAccess(request.repo, endpoint, request.token.isEmpty(), response, HubResponse(),
                                     m_client->now()));
    });
}

void RepoAccessChecker::askAuthCheck(const RepoAccessRequest &request, const QString &endpoint,
                                     const QString &origin, const HubResponse &info)
{
    // Metadata 200 says nothing about file access (gated repos answer 200 to everyone).
    HubReply *authCheck = track(m_client->get(endpoint, request.repo.authCheckPath(), request.token));
    const quint64 generation = m_generation;
    connect(authCheck, &HubReply::finished, this,
            [this, authCheck, request, endpoint, origin, info, generation] {
                if (generation != m_generation)
                    return;
                complete(request, origin,
                         interpretRepoAccess(request.repo, endpoint, request.token.isEmpty(), info,
                                             authCheck->response(), m_client->now()));
            });
}

void RepoAccessChecker::complete(const RepoAccessRequest &request, const QString &origin,
                                 RepoAccessResult result)
{
    if (result.state == RepoAccessResult::State::RateLimited && result.httpStatus == 429)
        m_client->rateLimits().markLimited(origin, m_client->now().addSecs(result.retryAfterSeconds));
    result.explanation = HubErrors::redact(result.explanation, request.token);
    result.hubMessage = HubErrors::redact(result.hubMessage, request.token);
    ++m_done;
    const quint64 generation = m_generation;
    Q_EMIT resultReady(request.key, result);
    if (generation != m_generation)
        return; // a receiver cancelled
    Q_EMIT progress(m_done, m_total);
    if (m_done >= m_total) {
        m_done = m_total = 0;
        Q_EMIT finished();
    }
    // Free the slot last: the next queued check may be answered at once (rate-limit gate).
    m_scheduler.done(origin);
}

void RepoAccessChecker::cancel()
{
    const bool wasRunning = isRunning();
    ++m_generation;
    m_scheduler.clear();
    const QList<QPointer<HubReply>> inFlight = std::exchange(m_inFlight, {});
    for (const QPointer<HubReply> &reply : inFlight) {
        if (reply)
            reply->abort(); // its finished() handler deletes it
    }
    m_done = m_total = 0;
    if (wasRunning)
        Q_EMIT finished();
}

QHash<QString, RepoAccessResult> RepoAccessChecker::checkAndWait(const QList<RepoAccessRequest> &requests)
{
    if (requests.isEmpty())
        return {};
    return collectResults(this, &RepoAccessChecker::resultReady, [&] { check(requests); });
}

} // namespace hftm
