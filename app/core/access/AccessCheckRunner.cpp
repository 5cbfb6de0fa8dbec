#include "core/access/AccessCheckRunner.h"

#include "core/access/WatchList.h"
#include "core/hub/HubClient.h"
#include "core/hub/RepoAccessChecker.h"
#include "core/store/TokenStore.h"

namespace hftm {

namespace {
QString requestKey(const AccessCheckRunner::Target &target)
{
    return WatchList::key(target.repo) + QLatin1Char('\n') + target.token;
}
} // namespace

AccessCheckRunner::AccessCheckRunner(TokenStore *store, HubClient *hub, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_checker(new RepoAccessChecker(hub, this))
{
    connect(m_checker, &RepoAccessChecker::resultReady, this, &AccessCheckRunner::answer);
}

AccessCheckRunner::~AccessCheckRunner() = default;

RepoAccessResult AccessCheckRunner::localError(const QString &explanation)
{
    RepoAccessResult result;
    result.state = RepoAccessResult::State::Error;
    result.explanation = explanation;
    return result;
}

void AccessCheckRunner::run(const QList<Target> &targets)
{
    struct Secret {
        QString value;
        QString endpoint;
        QString problem;
    };
    QHash<QString, Secret> secrets; // dropped when this returns
    QList<RepoAccessRequest> requests;
    QList<QPair<QString, RepoAccessResult>> refused;
    for (const Target &target : targets) {
        const QString key = requestKey(target);
        if (m_pending.contains(key))
            continue;
        if (!secrets.contains(target.token)) {
            Secret secret;
            secret.endpoint = m_store->endpointFor(target.token);
            if (const Error error = HubClient::validateEndpoint(secret.endpoint)) {
                secret.problem = error.message;
            } else if (const Result<QString> value = m_store->secret(target.token)) {
                secret.value = *value;
            } else {
                secret.problem = tr("Could not read this token's secret: %1").arg(value.error().message);
            }
            secrets.insert(target.token, secret);
        }
        const Secret &secret = secrets[target.token];
        m_pending.insert(key, target);
        ++m_total;
        Q_EMIT cellStarted(WatchList::key(target.repo), target.token);
        if (!secret.problem.isEmpty())
            refused.append({key, localError(secret.problem)});
        else
            requests.append({key, secret.endpoint, secret.value, target.repo});
    }
    m_checker->check(requests);
    // Answered after every cell has started, so a run of refusals still reads as one run.
    for (const auto &[key, result] : std::as_const(refused))
        answer(key, result);
}

void AccessCheckRunner::answer(const QString &key, const RepoAccessResult &result)
{
    const auto it = m_pending.constFind(key);
    if (it == m_pending.constEnd())
        return;
    const Target target = *it;
    m_pending.erase(it);
    ++m_done;
    const quint64 generation = m_generation;
    Q_EMIT cellAnswered(WatchList::key(target.repo), target.token, result);
    if (generation != m_generation)
        return; // a receiver cancelled: cancel() already reported the rest and finished()
    Q_EMIT progress(m_done, m_total);
    if (m_pending.isEmpty()) {
        m_done = m_total = 0;
        Q_EMIT finished(false);
    }
}

void AccessCheckRunner::cancel()
{
    if (m_pending.isEmpty())
        return;
    ++m_generation;
    m_checker->cancel();
    const QHash<QString, Target> pending = std::exchange(m_pending, {});
    m_done = m_total = 0;
    for (const Target &target : pending)
        Q_EMIT cellCancelled(WatchList::key(target.repo), target.token);
    Q_EMIT finished(true);
}

} // namespace hftm
