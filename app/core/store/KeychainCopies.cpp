#include "core/store/KeychainCopies.h"

#include "core/files/TokenText.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace hftm {

KeychainCopies::KeychainCopies(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
}

void KeychainCopies::enqueue(const QString &name, const QString &secret)
{
    const QString fingerprint = TokenText::fingerprint(secret);
    if (m_inFlight.value(name) == fingerprint)
        return;
    const auto same =
        std::find_if(m_queue.begin(), m_queue.end(), [&](const Pending &p) { return p.name == name; });
    if (same != m_queue.end()) {
        *same = Pending{name, secret, fingerprint}; // the newer secret replaces one not yet written
    } else {
        m_queue.append(Pending{name, secret, fingerprint});
    }
    scheduleStart();
}

void KeychainCopies::scheduleStart()
{
    if (m_startScheduled)
        return;
    m_startScheduled = true;
    // Even a keychain whose asynchronous calls still write before returning (the default forms) then
    // runs between events, one batch per turn, instead of inside the caller's command or event.
    QMetaObject::invokeMethod(this, &KeychainCopies::startMore, Qt::QueuedConnection);
}

void KeychainCopies::startMore()
{
    m_startScheduled = false;
    if (!m_inFlight.isEmpty())
        return; // the batch being written starts the next one when it answers
    QHash<QString, QString> batch;
    while (!m_queue.isEmpty() && batch.size() < Batch) {
        Pending next = m_queue.takeFirst();
        if (!m_secrets || (m_stillWanted && !m_stillWanted(next.name, next.fingerprint)))
            continue;
        m_inFlight.insert(next.name, next.fingerprint);
        batch.insert(next.name, next.secret);
    }
    if (!batch.isEmpty()) {
        SecretJob *job = m_secrets->writeMany(batch);
        connect(job, &SecretJob::finished, this, &KeychainCopies::onWritten);
        return;
    }
    const QHash<QString, QString> written = std::exchange(m_written, {});
    const QHash<QString, QString> failed = std::exchange(m_failed, {});
    const QStringList notes = std::exchange(m_notes, {});
    emit drained(written, failed, notes);
}

void KeychainCopies::onWritten(SecretJob *job)
{
    const QHash<QString, QString> batch = std::exchange(m_inFlight, {});
    bool unavailable = job->error().code == ErrorCode::KeychainUnavailable;
    for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
        const Result<QString> outcome = job->result(it.key());
        if (outcome) {
            m_written.insert(it.key(), it.value());
            continue;
        }
        m_notes << QCoreApplication::translate("hftm::TokenSync",
                                               "Could not copy \"%1\" into the keychain: %2")
                       .arg(it.key(), outcome.error().message);
        m_failed.insert(it.key(), it.value());
        unavailable = unavailable || outcome.error().code == ErrorCode::KeychainUnavailable;
    }
    if (unavailable) {
        for (const Pending &dropped : std::as_const(m_queue))
            m_failed.insert(dropped.name, dropped.fingerprint);
        m_queue.clear(); // one unanswered request is enough: don't wait on it once per batch
    }
    // The next batch on a later turn of the event loop: the window answers in between.
    scheduleStart();
}

} // namespace hftm
