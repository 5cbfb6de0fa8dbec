#include "core/store/ValidationRunner.h"

#include "core/hub/TokenValidator.h"
#include "core/store/TokenStore.h"

#include <QTimer>

namespace hftm {

namespace {
constexpr int SecretsPerTurn = 8; // ~10 ms of keychain reads between repaints
} // namespace

ValidationRunner::ValidationRunner(TokenStore *store, TokenValidator *validator, EndpointOf endpointOf,
                                   QString keyPrefix, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_validator(validator)
    , m_endpointOf(std::move(endpointOf))
    , m_keyPrefix(std::move(keyPrefix))
{
    connect(m_validator, &TokenValidator::resultReady, this, &ValidationRunner::onResult);
    connect(m_validator, &TokenValidator::finished, this, &ValidationRunner::onValidatorFinished);
}

void ValidationRunner::validate(const QStringList &names)
{
    for (const QString &name : names) {
        if (m_toRead.contains(name) || m_pending.contains(name))
            continue;
        m_toRead << name;
        ++m_total;
    }
    emit progress(m_done, m_total);
    if (!m_batchScheduled && !m_toRead.isEmpty()) {
        m_batchScheduled = true;
        QTimer::singleShot(0, this, &ValidationRunner::readNextBatch);
    }
}

void ValidationRunner::readNextBatch()
{
    m_batchScheduled = false;
    QList<ValidationRequest> batch;
    for (int i = 0; i < SecretsPerTurn && !m_toRead.isEmpty(); ++i) {
        const QString name = m_toRead.takeFirst();
        const Result<QString> secret = m_store->secret(name);
        if (!secret) {
            m_problems << tr("%1: %2").arg(name, secret.error().message);
            markDone();
            continue;
        }
        m_pending.insert(name);
        // A click is a request for a fresh answer, not the validator's cached one.
        batch.append(ValidationRequest{m_keyPrefix + name, m_endpointOf(name), *secret, true});
    }
    if (!batch.isEmpty())
        m_validator->validate(batch);
    if (!m_toRead.isEmpty()) {
        m_batchScheduled = true;
        QTimer::singleShot(0, this, &ValidationRunner::readNextBatch);
    }
}

void ValidationRunner::onResult(const QString &key, const ValidationResult &result)
{
    if (!key.startsWith(m_keyPrefix) || !m_pending.remove(key.mid(m_keyPrefix.size())))
        return;
    const QString name = key.mid(m_keyPrefix.size());
    TokenCheck check;
    check.status = result.status;
    check.checkedAt = result.checkedAt;
    check.message = result.message;
    check.whoami = result.whoami;
    if (const Error error = m_store->recordCheck(name, check))
        m_problems << tr("%1: %2").arg(name, error.message);
    markDone();
}

void ValidationRunner::onValidatorFinished()
{
    // Another user of the shared validator cancelled it: our requests were dropped with theirs.
    if (m_pending.isEmpty() || m_validator->isRunning())
        return;
    m_done += int(m_pending.size());
    m_pending.clear();
    emit progress(m_done, m_total);
    if (m_toRead.isEmpty())
        finish();
}

void ValidationRunner::markDone()
{
    ++m_done;
    emit progress(m_done, m_total);
    if (m_toRead.isEmpty() && m_pending.isEmpty())
        finish();
}

void ValidationRunner::cancel()
{
    if (!isRunning())
        return;
    m_toRead.clear();
    m_pending.clear();
    m_validator->cancel();
    finish();
}

void ValidationRunner::finish()
{
    const int total = m_total;
    const QStringList problems = m_problems;
    m_total = m_done = 0;
    m_problems.clear();
    emit finished(total, problems);
}

} // namespace hftm
