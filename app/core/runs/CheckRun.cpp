#include "core/runs/CheckRun.h"

#include "core/hub/TokenValidator.h"
#include "core/runs/ProgressThrottle.h"
#include "core/secrets/SecretJob.h"
#include "core/store/TokenStore.h"

#include <atomic>

namespace hftm {

namespace {
// Unique per run across every CheckRun of the process: a late answer of an earlier run never matches.
QString nextKeyPrefix()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("check-run-%1:").arg(++counter);
}
} // namespace

QStringList CheckSummary::problems() const
{
    QStringList lines;
    for (const QString &name : names) {
        if (const auto it = unread.constFind(name); it != unread.constEnd())
            lines << CheckRun::tr("%1: %2").arg(name, it->message);
        else if (recordError && results.contains(name))
            lines << CheckRun::tr("%1: %2").arg(name, recordError.message);
    }
    return lines;
}

TokenCheck toTokenCheck(const ValidationResult &result)
{
    TokenCheck check;
    check.status = result.status;
    check.checkedAt = result.checkedAt; // when the Hub answered, not when it is written down
    check.message = result.message;
    check.whoami = result.whoami;
    if (result.status == TokenStatus::Valid || result.status == TokenStatus::Expired ||
        result.status == TokenStatus::Invalid) {
        check.verdict = result.status;
        check.verdictAt = result.checkedAt;
    }
    return check;
}

CheckRun::CheckRun(TokenStore *store, TokenValidator *validator, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_validator(validator)
    , m_endpointOf([store](const QString &name) { return store->endpointFor(name); })
    , m_progress(new ProgressThrottle(this))
{
    connect(m_validator, &TokenValidator::resultReady, this, &CheckRun::onResult);
    connect(m_validator, &TokenValidator::finished, this, &CheckRun::onValidatorFinished);
    connect(m_progress, &ProgressThrottle::progress, this, &CheckRun::progress);
    m_recordTimer.setSingleShot(true);
    connect(&m_recordTimer, &QTimer::timeout, this, &CheckRun::record);
}

CheckRun::~CheckRun()
{
    if (m_running && m_validator) {
        disconnect(m_validator, nullptr, this, nullptr);
        m_validator->cancelKeys(m_keyPrefix);
    }
}

void CheckRun::setProgressIntervalMs(int ms)
{
    m_progress->setIntervalMs(ms);
}

bool CheckRun::start(const QStringList &names)
{
    if (m_running)
        return false;
    m_running = true;
    m_keyPrefix = nextKeyPrefix();
    m_summary = CheckSummary{};
    m_pending.clear();
    m_unrecorded.clear();
    m_done = 0;
    for (const QString &name : names) {
        if (!m_summary.names.contains(name))
            m_summary.names << name;
    }
    reportProgress();
    if (m_summary.names.isEmpty()) {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    finish(false);
            },
            Qt::QueuedConnection);
        return true;
    }
    // One request for every secret: the keychain answers in bulk, and nobody waits for it.
    m_job = m_store->readSecrets(m_summary.names);
    connect(m_job, &SecretJob::finished, this, &CheckRun::onSecrets);
    return true;
}

void CheckRun::onSecrets(SecretJob *job)
{
    if (!m_running || job != m_job)
        return;
    m_job = nullptr;
    QList<ValidationRequest> requests;
    for (const QString &name : std::as_const(m_summary.names)) {
        const Result<QString> secret = job->result(name);
        if (!secret) {
            m_summary.unread.insert(name, secret.error());
            ++m_done;
            continue;
        }
        // A run is a request for fresh answers, never the validator's cached ones.
        requests.append(ValidationRequest{m_keyPrefix + name, m_endpointOf(name), *secret, true});
    }
    if (!m_validator || requests.isEmpty() || (m_stopOnUnread && !m_summary.unread.isEmpty())) {
        finish(!m_validator);
        return;
    }
    for (const ValidationRequest &request : std::as_const(requests))
        m_pending.insert(request.key.mid(m_keyPrefix.size()));
    m_validator->validate(requests); // answers arrive later, never inside this call
    reportProgress();
}

void CheckRun::onResult(const QString &key, const ValidationResult &answer)
{
    if (!m_running || !key.startsWith(m_keyPrefix))
        return;
    const QString name = key.mid(m_keyPrefix.size());
    if (!m_pending.remove(name))
        return;
    ++m_done;
    m_summary.results.insert(name, answer);
    const TokenCheck check = toTokenCheck(answer);
    m_unrecorded.insert(name, check);
    const quint64 generation = m_generation;
    Q_EMIT result(name, check);
    if (generation != m_generation)
        return; // a receiver cancelled: the run is over
    if (m_pending.isEmpty()) {
        finish(false);
        return;
    }
    reportProgress();
    if (m_recordIntervalMs > 0 && !m_recordTimer.isActive())
        m_recordTimer.start(m_recordIntervalMs);
}

void CheckRun::onValidatorFinished()
{
    // Somebody cancelled the whole shared validator: our requests went with theirs, unanswered.
    if (m_running && !m_job && !m_pending.isEmpty() && m_validator && !m_validator->isRunning())
        finish(true);
}

void CheckRun::record()
{
    m_recordTimer.stop();
    if (m_unrecorded.isEmpty())
        return;
    m_summary.recordError = m_store->recordChecks(m_unrecorded);
    // A failed write keeps its answers for the next one; the run's last write decides recordError.
    if (!m_summary.recordError)
        m_unrecorded.clear();
}

void CheckRun::reportProgress()
{
    m_progress->update(m_done, m_summary.total());
}

void CheckRun::cancel()
{
    if (m_running)
        finish(true);
}

void CheckRun::finish(bool cancelled)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr); // it still finishes, and deletes itself, on its own
        m_job = nullptr;
    }
    if (!m_pending.isEmpty() && m_validator)
        m_validator->cancelKeys(m_keyPrefix);
    m_pending.clear();
    m_summary.cancelled = cancelled;
    record();
    const CheckSummary summary = std::exchange(m_summary, CheckSummary{});
    m_unrecorded.clear();
    const QPointer<CheckRun> self(this);
    m_progress->update(m_done, summary.total());
    m_progress->flush();
    if (self)
        Q_EMIT finished(summary);
}

} // namespace hftm
