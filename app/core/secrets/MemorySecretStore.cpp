#include "core/secrets/MemorySecretStore.h"

#include "core/secrets/SecretJob.h"

#include <QCoreApplication>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::MemorySecretStore", text);
}

// Same wording class as the real keychain so callers exercise their "no keychain" path unchanged.
Error unavailableError()
{
    return makeError(ErrorCode::KeychainUnavailable,
                     tr("No keychain is reachable (the in-memory test store was told to act unavailable)."));
}

Error emptyKeyError()
{
    return makeError(ErrorCode::InvalidInput, tr("A keychain entry needs a non-empty name."));
}
} // namespace

// Every public call counts as one operation, failed ones included: benchmarks and tests use the count
// to prove that e.g. drawing the token list reads no secret at all.
void MemorySecretStore::blockAsConfigured() const
{
    // A model of a D-Bus round trip that blocks its caller, not a test's way of waiting.
    const std::chrono::milliseconds latency = m_blockingLatency;
    if (latency.count() > 0)
        QThread::msleep(static_cast<unsigned long>(latency.count()));
}

QHash<QString, QString> MemorySecretStore::entries() const
{
    const QMutexLocker locker(&m_mutex);
    return m_entries;
}

Result<QString> MemorySecretStore::read(const QString &key)
{
    blockAsConfigured();
    return readNow(key);
}

Result<QString> MemorySecretStore::readNow(const QString &key)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    const QMutexLocker locker(&m_mutex);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return makeError(ErrorCode::NotFound, tr("The keychain has no entry named “%1”.").arg(key));
    return it.value();
}

Error MemorySecretStore::write(const QString &key, const QString &secret)
{
    blockAsConfigured();
    return writeNow(key, secret);
}

Error MemorySecretStore::writeNow(const QString &key, const QString &secret)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    const QMutexLocker locker(&m_mutex);
    m_entries.insert(key, secret);
    return {};
}

Error MemorySecretStore::remove(const QString &key)
{
    blockAsConfigured();
    return removeNow(key);
}

Error MemorySecretStore::removeNow(const QString &key)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    const QMutexLocker locker(&m_mutex);
    m_entries.remove(key); // removing a missing entry succeeds, like the real keychain
    return {};
}

Error MemorySecretStore::probe()
{
    blockAsConfigured();
    return probeNow();
}

Error MemorySecretStore::probeNow()
{
    ++m_operations;
    return m_unavailable ? unavailableError() : Error{};
}

QString MemorySecretStore::displayName() const
{
    return tr("memory");
}

Result<QStringList> MemorySecretStore::storedKeys()
{
    blockAsConfigured();
    if (m_unavailable)
        return unavailableError();
    const QMutexLocker locker(&m_mutex);
    QStringList keys = m_entries.keys();
    keys.sort();
    return keys;
}

SecretJob *MemorySecretStore::answerLater(std::function<void(SecretJob *)> answer)
{
    ++m_requests;
    auto *job = new SecretJob;
    const std::weak_ptr<int> alive = m_alive;
    auto respond = [this, job, alive, answer = std::move(answer)] {
        if (alive.expired()) {
            job->finishLater(unavailableError());
            return;
        }
        ++m_answered;
        answer(job);
    };
    const std::chrono::milliseconds latency = m_latency;
    if (latency.count() <= 0)
        QMetaObject::invokeMethod(job, respond, Qt::QueuedConnection);
    else
        QTimer::singleShot(latency, Qt::PreciseTimer, job, respond);
    return job;
}

SecretJob *MemorySecretStore::readMany(const QStringList &keys)
{
    return answerLater([this, keys](SecretJob *job) {
        QHash<QString, Result<QString>> results;
        for (const QString &key : keys)
            results.insert(key, readNow(key));
        job->finishLater(m_unavailable ? unavailableError() : Error{}, std::move(results));
    });
}

SecretJob *MemorySecretStore::writeLater(const QString &key, const QString &secret)
{
    return answerLater([this, key, secret](SecretJob *job) { job->finishLater(writeNow(key, secret)); });
}

SecretJob *MemorySecretStore::removeLater(const QString &key)
{
    return answerLater([this, key](SecretJob *job) { job->finishLater(removeNow(key)); });
}

SecretJob *MemorySecretStore::probeLater()
{
    return answerLater([this](SecretJob *job) { job->finishLater(probeNow()); });
}

} // namespace hftm
