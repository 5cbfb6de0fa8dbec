#include "core/secrets/KeychainSecretStore.h"

#include "core/secrets/KeychainErrors.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

namespace hftm {

namespace {

using namespace KeychainErrors;

constexpr int DefaultTimeoutMs = 10000;
const char *const ProbeKey = "hftm-probe";

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::KeychainSecretStore", text);
}

// What one QtKeychain job ended with. Filled in by the job's finished signal while the caller still waits.
struct JobOutcome {
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

// Runs a job synchronously, bounded by timeoutMs.
//
// Lifetime: the job has no parent and deletes itself (deleteLater) when it finishes, whenever that is.
// QtKeychain's libsecret backend hands the job's private data to an async GLib callback, so deleting a
// job that is still running would let that callback touch freed memory. On a timeout we therefore just
// stop waiting: the connection that writes into this stack frame has the local event loop as its context
// object, so it is gone before the frame is, and a late finish only runs the job's own deleteLater.
// A hung job keeps QtKeychain's one-at-a-time queue blocked, so later calls time out too - which is the
// truth: the keychain is not answering.
JobOutcome runJob(QKeychain::Job *job, int timeoutMs)
{
    JobOutcome outcome;
    QEventLoop loop;
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job *finished) {
        outcome.finished = true;
        outcome.error = finished->error();
        outcome.errorString = finished->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
            outcome.text = read->textData();
        loop.quit();
    });
    QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);

    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early; "within N s" should be true
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    job->start();
    // Some failures (no backend at all) are reported from inside start(); don't wait for them.
    // User input is held back while waiting so a click cannot start a second operation re-entrantly;
    // painting and timers go on, so the window does not look hung.
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
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
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    return runJob(job, timeoutMs);
}

JobOutcome writeJob(const QString &service, const QString &key, const QString &secret, int timeoutMs)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setTextData(secret);
    return runJob(job, timeoutMs);
}

JobOutcome deleteJob(const QString &service, const QString &key, int timeoutMs)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    JobOutcome outcome = runJob(job, timeoutMs);
    // Deleting what is not there is success; Secret Service already says so, other backends may not.
    if (outcome.error == QKeychain::EntryNotFound)
        outcome.error = QKeychain::NoError;
    return outcome;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs > 0 ? timeoutMs : timeoutFromEnvironment())
{
}

// A locked gnome-keyring whose unlock prompt is dismissed (or cannot be shown) answers a lookup with "no
// such entry" and a delete with success, while the item stays. Taking that at face value would make a
// token look gone, or "remove everywhere" claim a removal that never happened. So "not found" and
// "removed" are only believed once probe() shows the keychain accepts writes; then the operation is run
// again, since the probe may have been the prompt the user answered.
Result<QString> KeychainSecretStore::read(const QString &key)
{
    if (key.isEmpty())
        return emptyKey();
    JobOutcome outcome = readJob(m_service, key, m_timeoutMs);
    if (outcome.finished && outcome.error == QKeychain::EntryNotFound) {
        if (const Error error = probe())
            return error;
        outcome = readJob(m_service, key, m_timeoutMs);
    }
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    if (const Error error = toError(outcome, tr("read"), key))
        return error;
    return outcome.text;
}

Error KeychainSecretStore::write(const QString &key, const QString &secret)
{
    if (key.isEmpty())
        return emptyKey();
    const JobOutcome outcome = writeJob(m_service, key, secret, m_timeoutMs);
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    return toError(outcome, tr("write"), key);
}

Error KeychainSecretStore::remove(const QString &key)
{
    if (key.isEmpty())
        return emptyKey();
    // Probe first (see above): on a locked keychain the delete itself would report success.
    if (Error error = probe()) {
        error.message = tr("Nothing was removed from the keychain. %1").arg(error.message);
        return error;
    }
    const JobOutcome outcome = deleteJob(m_service, key, m_timeoutMs);
    if (!outcome.finished)
        return timedOut(m_timeoutMs);
    return toError(outcome, tr("delete"), key);
}

Error KeychainSecretStore::probe()
{
    // A fresh value each time, so a stale probe entry left by a crash cannot make a broken store look fine.
    const QString key = QString::fromLatin1(ProbeKey);
    const QString value = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const JobOutcome written = writeJob(m_service, key, value, m_timeoutMs);
    if (!written.finished)
        return timedOut(m_timeoutMs);
    if (const Error error = toError(written, tr("write"), key))
        return error;
    const JobOutcome back = readJob(m_service, key, m_timeoutMs);
    const JobOutcome removed = back.finished ? deleteJob(m_service, key, m_timeoutMs) : JobOutcome{};
    if (!back.finished || !removed.finished)
        return timedOut(m_timeoutMs);
    if (const Error error = toError(back, tr("read"), key))
        return error;
    if (back.text != value) {
        return makeError(
            ErrorCode::Keychain,
            tr("The keychain stored a test entry but gave a different value back, so it cannot be "
               "trusted with tokens."));
    }
    return toError(removed, tr("delete"), key);
}

QString KeychainSecretStore::displayName() const
{
    return tr("keychain");
}

} // namespace hftm
