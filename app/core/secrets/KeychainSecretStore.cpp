#include "core/secrets/KeychainSecretStore.h"

#include "core/secrets/KeychainErrors.h"
#include "core/secrets/KeychainThread.h"
#include "core/secrets/SecretJob.h"

#ifdef HFTM_HAVE_LIBSECRET
#include "core/secrets/LibsecretGlue.h"
#endif

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QMutex>

namespace hftm {

namespace {

using namespace KeychainErrors;

constexpr int DefaultTimeoutMs = 10000;
const char *const ProbeKey = "hftm-probe"; // never written: looked up to see the keychain answer

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::KeychainSecretStore", text);
}

// What one QtKeychain job ended with. Written on the keychain thread, read by the caller once done.
struct JobOutcome {
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

// Runs a job on the keychain thread and waits for it, bounded by timeoutMs; 'make' builds the job there.
//
// Lifetime: the job has no parent and deletes itself (deleteLater) when it finishes, whenever that is.
// QtKeychain's libsecret backend hands the job's private data to an async GLib callback, so deleting a
// job that is still running would let that callback touch freed memory. On a timeout we therefore just
// stop waiting; the outcome is shared, so a late finish writes into memory that still exists.
// A hung job keeps QtKeychain's one-at-a-time queue blocked, so later calls time out too - which is the
// truth: the keychain is not answering.
JobOutcome runJob(std::function<QKeychain::Job *()> make, int timeoutMs)
{
    struct Shared {
        QMutex mutex;
        JobOutcome outcome;
    };
    auto shared = std::make_shared<Shared>();
    const bool inTime = keychainthread::run(
        [shared, make = std::move(make)](std::function<void()> done) {
            QKeychain::Job *job = make();
            job->setAutoDelete(false);
            job->setInsecureFallback(false);
            QObject::connect(job, &QKeychain::Job::finished, job, [shared, done](QKeychain::Job *finished) {
                {
                    const QMutexLocker locker(&shared->mutex);
                    shared->outcome.finished = true;
                    shared->outcome.error = finished->error();
                    shared->outcome.errorString = finished->errorString();
                    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                        shared->outcome.text = read->textData();
                }
                done();
                finished->deleteLater();
            });
            job->start();
        },
        timeoutMs);
    const QMutexLocker locker(&shared->mutex);
    JobOutcome outcome = inTime ? shared->outcome : JobOutcome{};
    shared->outcome.text.fill(QLatin1Char('\0'));
    return outcome;
}

// Turns a failed job into an Error. `doing` names the operation for the generic message.
Error toError(const JobOutcome &outcome, const QString &doing, const QString &key)
{
    switch (outcome.error) {
    case QKeychain::NoError:
        return {};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(tr("No keychain is reachable: QtKeychain found no keychain backend (Secret "
                              "Service or KWallet) on this system"),
                           outcome.errorString);
    case QKeychain::AccessDeniedByUser:
        return unavailable(tr("The keychain refused access: the request was denied at its prompt"),
                           outcome.errorString);
    case QKeychain::AccessDenied:
        return unavailable(tr("The keychain refused access: it is probably locked"), outcome.errorString);
    case QKeychain::EntryNotFound:
        return makeError(ErrorCode::NotFound, tr("The keychain has no entry named “%1”.").arg(key));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (looksUnreachable(outcome.errorString)) {
        return unavailable(
            tr("No keychain is reachable: no Secret Service is running on the D-Bus session bus"),
            outcome.errorString);
    }
    if (looksLocked(outcome.errorString))
        return unavailable(tr("The keychain refused access: it is probably locked"), outcome.errorString);
    return makeError(ErrorCode::Keychain,
                     tr("The keychain could not %1 the entry “%2”: %3").arg(doing, key, outcome.errorString));
}

int timeoutFromEnvironment()
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("HFTM_KEYCHAIN_TIMEOUT_MS", &ok);
    return ok && fromEnv > 0 ? fromEnv : DefaultTimeoutMs;
}

JobOutcome readJob(const QString &service, const QString &key, int timeoutMs)
{
    return runJob(
        [service, key] {
            auto *job = new QKeychain::ReadPasswordJob(service);
            job->setKey(key);
            return job;
        },
        timeoutMs);
}

JobOutcome writeJob(const QString &service, const QString &key, const QString &secret, int timeoutMs)
{
    return runJob(
        [service, key, secret] {
            auto *job = new QKeychain::WritePasswordJob(service);
            job->setKey(key);
            job->setTextData(secret);
            return job;
        },
        timeoutMs);
}

JobOutcome deleteJob(const QString &service, const QString &key, int timeoutMs)
{
    JobOutcome outcome = runJob(
        [service, key] {
            auto *job = new QKeychain::DeletePasswordJob(service);
            job->setKey(key);
            return job;
        },
        timeoutMs);
    // Deleting what is not there is success; Secret Service already says so, other backends may not.
    if (outcome.error == QKeychain::EntryNotFound)
        outcome.error = QKeychain::NoError;
    return outcome;
}

// Reads only. Linux: QtKeychain's lookup answers "not found" from a locked keyring, so ask the Secret
// Service itself whether its default collection is open. Elsewhere a missing probe entry's "not found"
// is the keychain answering.
Error probeKeychain(const QString &service, int timeoutMs)
{
#ifdef HFTM_HAVE_LIBSECRET
    Q_UNUSED(service);
    auto outcome = std::make_shared<libsecret::Outcome>();
    auto cancellable = libsecret::newCancellable();
    // On the keychain thread too: blocking there a moment keeps every keychain call in one queue.
    const bool inTime = keychainthread::run(
        [outcome, cancellable](std::function<void()> done) {
            *outcome = libsecret::probeDefaultCollection(cancellable.get());
            done();
        },
        timeoutMs);
    if (!inTime) {
        g_cancellable_cancel(cancellable.get());
        return timedOut(timeoutMs);
    }
    return libsecret::toError(*outcome, tr("open"), tr("the default collection"));
#else
    const QString key = QString::fromLatin1(ProbeKey);
    const JobOutcome back = readJob(service, key, timeoutMs);
    if (!back.finished)
        return timedOut(timeoutMs);
    if (back.error == QKeychain::EntryNotFound)
        return {};
    return toError(back, tr("read"), key);
#endif
}

// A locked gnome-keyring whose unlock prompt is dismissed (or cannot be shown) answers a lookup with "no
// such entry" and a delete with success, while the item stays. Taking that at face value would make a
// token look gone, or "remove everywhere" claim a removal that never happened. So "not found" and
// "removed" are only believed once the probe shows the keychain is open; then the operation is run
// again, since the probe may have been the prompt the user answered.
Result<QString> readKeychain(const QString &service, const QString &key, int timeoutMs)
{
    if (key.isEmpty())
        return emptyKey();
    JobOutcome outcome = readJob(service, key, timeoutMs);
    if (outcome.finished && outcome.error == QKeychain::EntryNotFound) {
        if (const Error error = probeKeychain(service, timeoutMs))
            return error;
        outcome = readJob(service, key, timeoutMs);
    }
    if (!outcome.finished)
        return timedOut(timeoutMs);
    if (const Error error = toError(outcome, tr("read"), key))
        return error;
    return outcome.text;
}

Error writeKeychain(const QString &service, const QString &key, const QString &secret, int timeoutMs)
{
    if (key.isEmpty())
        return emptyKey();
    const JobOutcome outcome = writeJob(service, key, secret, timeoutMs);
    if (!outcome.finished)
        return timedOut(timeoutMs);
    return toError(outcome, tr("write"), key);
}

Error removeKeychain(const QString &service, const QString &key, int timeoutMs)
{
    if (key.isEmpty())
        return emptyKey();
    // Probe first (see above): on a locked keychain the delete itself would report success.
    if (Error error = probeKeychain(service, timeoutMs)) {
        error.message = tr("Nothing was removed from the keychain. %1").arg(error.message);
        return error;
    }
    const JobOutcome outcome = deleteJob(service, key, timeoutMs);
    if (!outcome.finished)
        return timedOut(timeoutMs);
    return toError(outcome, tr("delete"), key);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs > 0 ? timeoutMs : timeoutFromEnvironment())
    // The asynchronous forms run whole sequences (read, probe, read again), each job bounded by
    // m_timeoutMs; the request as a whole gets room for its longest one.
    , m_caller(m_timeoutMs * 3)
{
}

Result<QString> KeychainSecretStore::read(const QString &key)
{
    return readKeychain(m_service, key, m_timeoutMs);
}

Error KeychainSecretStore::write(const QString &key, const QString &secret)
{
    return writeKeychain(m_service, key, secret, m_timeoutMs);
}

Error KeychainSecretStore::remove(const QString &key)
{
    return removeKeychain(m_service, key, m_timeoutMs);
}

Error KeychainSecretStore::probe()
{
    return probeKeychain(m_service, m_timeoutMs);
}

SecretJob *KeychainSecretStore::later(Request request)
{
    struct Answer {
        Error error;
        QHash<QString, Result<QString>> results;
    };
    auto *job = new SecretJob;
    auto answer = std::make_shared<Answer>();
    const int timeoutMs = m_caller.timeoutMs();
    // Neither side holds this store: it may be gone before either runs. QtKeychain jobs cannot be
    // cancelled, so a timed-out sequence is left to end on its own (its late answer is dropped).
    m_caller.start(
        job, [answer, request = std::move(request)] { answer->error = request(answer->results); },
        [job, answer, timeoutMs](bool inTime) {
            if (inTime)
                job->finishLater(answer->error, answer->results);
            else
                job->finishLater(timedOut(timeoutMs));
        },
        {});
    return job;
}

SecretJob *KeychainSecretStore::readMany(const QStringList &keys)
{
    // QtKeychain has no batch read: one job per key, one after another, on the keychain thread. A keychain
    // that is unreachable, locked or silent for one key is so for all: the request fails as a whole
    // then, instead of waiting out one timeout per key.
    return later(
        [service = m_service, keys, timeoutMs = m_timeoutMs](QHash<QString, Result<QString>> &results) {
            for (const QString &key : keys) {
                Result<QString> value = readKeychain(service, key, timeoutMs);
                if (!value && value.error().code == ErrorCode::KeychainUnavailable)
                    return value.error();
                results.insert(key, std::move(value));
            }
            return Error{};
        });
}

SecretJob *KeychainSecretStore::writeLater(const QString &key, const QString &secret)
{
    return later(
        [service = m_service, key, secret, timeoutMs = m_timeoutMs](QHash<QString, Result<QString>> &) {
            return writeKeychain(service, key, secret, timeoutMs);
        });
}

SecretJob *KeychainSecretStore::removeLater(const QString &key)
{
    return later([service = m_service, key, timeoutMs = m_timeoutMs](QHash<QString, Result<QString>> &) {
        return removeKeychain(service, key, timeoutMs);
    });
}

SecretJob *KeychainSecretStore::probeLater()
{
    return later([service = m_service, timeoutMs = m_timeoutMs](QHash<QString, Result<QString>> &) {
        return probeKeychain(service, timeoutMs);
    });
}

QString KeychainSecretStore::displayName() const
{
    return tr("keychain");
}

} // namespace hftm
