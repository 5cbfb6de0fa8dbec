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
    // runs between events, one write per turn, instead of inside the caller's command or event.
    QMetaObject::invokeMethod(this, &KeychainCopies::startMore, Qt::QueuedConnection);
}

void KeychainCopies::startMore()
{
    m_startScheduled = false;
    while (!m_queue.isEmpty() && m_inFlight.size() < InFlight) {
        Pending next = m_queue.takeFirst();
        if (!m_secrets || (m_stillWanted && !m_stillWanted(next.name, next.fingerprint)))
            continue;
        m_inFlight.insert(next.name, next.fingerprint);
        SecretJob *job = m_secrets->writeLater(next.name, next.secret);
        connect(
            job, &SecretJob::finished, this,
            [this, name = next.name, fp = next.fingerprint](SecretJob *done) { onWritten(done, name, fp); });
    }
    if (!isBusy()) {
        const QHash<QString, QString> written = std::exchange(m_written, {});
        const QHash<QString, QString> failed = std::exchange(m_failed, {});
        const QStringList notes = std::exchange(m_notes, {});
        emit drained(written, failed, notes);
    }
}

void KeychainCopies::onWritten(SecretJob *job, const QString &name, const QString &fingerprint)
{
    m_inFlight.remove(name);
    if (const Error error = job->error()) {
        m_notes << QCoreApplication::translate("hftm::TokenSync",
                                               "Could not copy \"%1\" into the keychain: %2")
                       .arg(name, error.message);
        m_failed.insert(name, fingerprint);
        if (error.code == ErrorCode::KeychainUnavailable) {
            for (const Pending &dropped : std::as_const(m_queue))
                m_failed.insert(dropped.name, dropped.fingerprint);
            m_queue.clear(); // one unanswered write is enough: don't wait on it once per token
        }
    } else {
        m_written.insert(name, fingerprint);
    }
    // One turn of the event loop per answer keeps the window responsive while hundreds are copied.
    scheduleStart();
}

} // namespace hftm
