#include "core/runs/AccessRun.h"

#include "core/access/WatchList.h"
#include "core/hub/HubClient.h"
#include "core/hub/RepoAccessChecker.h"
#include "core/runs/ProgressThrottle.h"
#include "core/secrets/SecretJob.h"
#include "core/store/TokenStore.h"

namespace hftm {

namespace {
QString requestKey(const AccessRun::Target &target)
{
    return WatchList::key(target.repo) + QLatin1Char('\n') + target.token;
}
} // namespace

AccessRun::AccessRun(TokenStore *store, HubClient *hub, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_checker(new RepoAccessChecker(hub, this))
    , m_progress(new ProgressThrottle(this))
{
    connect(m_checker, &RepoAccessChecker::resultReady, this, &AccessRun::answer);
    connect(m_progress, &ProgressThrottle::progress, this, &AccessRun::progress);
}

AccessRun::~AccessRun()
{
    for (const QPointer<SecretJob> &job : std::as_const(m_jobs)) {
        if (job)
            disconnect(job, nullptr, this, nullptr);
    }
}

void AccessRun::setProgressIntervalMs(int ms)
{
    m_progress->setIntervalMs(ms);
}

RepoAccessResult AccessRun::localError(const QString &explanation)
{
    RepoAccessResult result;
    result.state = RepoAccessResult::State::Error;
    result.explanation = explanation;
    return result;
}

void AccessRun::run(const QList<Target> &targets)
{
    Batch batch;
    QStringList toRead;
    for (const Target &target : targets) {
        const QString key = requestKey(target);
        if (m_pending.contains(key) || batch.keys.contains(key))
            continue;
        if (!toRead.contains(target.token) && !batch.refused.contains(target.token)) {
            const Error error = HubClient::validateEndpoint(m_store->endpointFor(target.token));
            if (error)
                batch.refused.insert(target.token, error.message);
            else
                toRead << target.token;
        }
        batch.keys << key;
        m_pending.insert(key, target);
        ++m_total;
        Q_EMIT cellStarted(WatchList::key(target.repo), target.token);
    }
    if (batch.keys.isEmpty())
        return;
    m_progress->update(m_done, m_total);
    const quint64 id = ++m_nextBatch;
    m_batches.insert(id, batch);
    // Refusals, too, arrive on a later turn: after every cell has started, never inside this call.
    if (toRead.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, id] { onSecrets(id, nullptr); }, Qt::QueuedConnection);
        return;
    }
    SecretJob *job = m_store->readSecrets(toRead);
    m_jobs.insert(id, job);
    connect(job, &SecretJob::finished, this, [this, id](SecretJob *finished) { onSecrets(id, finished); });
}

void AccessRun::onSecrets(quint64 batchId, SecretJob *job)
{
    m_jobs.remove(batchId);
    const auto it = m_batches.constFind(batchId);
    if (it == m_batches.constEnd())
        return; // cancelled meanwhile
    const Batch batch = *it;
    m_batches.erase(it);
    QList<RepoAccessRequest> requests;
    QList<QPair<QString, RepoAccessResult>> refused;
    for (const QString &key : batch.keys) {
        const auto target = m_pending.constFind(key);
        if (target == m_pending.constEnd())
            continue;
        if (const auto why = batch.refused.constFind(target->token); why != batch.refused.constEnd()) {
            refused.append({key, localError(*why)});
            continue;
        }
        const Result<QString> secret =
            job ? job->result(target->token) : Result<QString>(makeError(ErrorCode::NotFound, QString()));
        if (!secret)
            refused.append(
                {key, localError(tr("Could not read this token's secret: %1").arg(secret.error().message))});
        else
            requests.append({key, m_store->endpointFor(target->token), *secret, target->repo});
    }
    m_checker->check(requests); // answered later, never inside this call
    const quint64 generation = m_generation;
    for (const auto &[key, result] : std::as_const(refused)) {
        answer(key, result);
        if (generation != m_generation)
            return; // a receiver cancelled
    }
}

void AccessRun::answer(const QString &key, const RepoAccessResult &result)
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
    m_progress->update(m_done, m_total);
    if (!m_pending.isEmpty())
        return;
    m_done = m_total = 0; // before the last report: a receiver may start the next run from it
    m_progress->flush();
    if (generation == m_generation && m_pending.isEmpty())
        Q_EMIT finished(false);
}

void AccessRun::cancel()
{
    if (m_pending.isEmpty())
        return;
    ++m_generation;
    m_progress->stop();
    m_checker->cancel();
    for (const QPointer<SecretJob> &job : std::exchange(m_jobs, {})) {
        if (job)
            disconnect(job, nullptr, this, nullptr); // it finishes and deletes itself on its own
    }
    m_batches.clear();
    const QHash<QString, Target> pending = std::exchange(m_pending, {});
    m_done = m_total = 0;
    for (const Target &target : pending)
        Q_EMIT cellCancelled(WatchList::key(target.repo), target.token);
    Q_EMIT finished(true);
}

} // namespace hftm
