#pragma once

#include "core/secrets/BoundedCaller.h"
#include "core/secrets/SecretStore.h"

#include <QHash>

#include <functional>

namespace hftm {

// The OS keychain through QtKeychain (Secret Service on Linux), insecure fallback off.
// Entries: service "hf-token-manager", key = the token's name. Every QtKeychain job runs on one thread of
// its own with its own event loop (QtKeychain's job queue is a process-wide, unsynchronised singleton);
// callers wait for it with a deadline, or not at all (the asynchronous forms).
class KeychainSecretStore final : public SecretStore {
public:
    static constexpr const char *ServiceName = "hf-token-manager";

    // timeoutMs bounds every job; env HFTM_KEYCHAIN_TIMEOUT_MS overrides the default (tests).
    explicit KeychainSecretStore(QString service = QString::fromLatin1(ServiceName), int timeoutMs = -1);

    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    // Reads only. On Linux: the Secret Service's default collection is there and unlocked; elsewhere a
    // lookup of a probe entry that is not there answers "not found" rather than an error.
    Error probe() override;
    QString displayName() const override;

    SecretJob *readMany(const QStringList &keys) override;
    SecretJob *writeLater(const QString &key, const QString &secret) override;
    SecretJob *removeLater(const QString &key) override;
    SecretJob *probeLater() override;

private:
    // Fills the results of a read; returns the request's own error.
    using Request = std::function<Error(QHash<QString, Result<QString>> &results)>;
    // Runs one request (a blocking sequence of jobs) on m_caller's worker; the job answers on this thread
    // with what it returned, or with a timeout.
    SecretJob *later(Request request);

    QString m_service;
    int m_timeoutMs;
    BoundedCaller m_caller; // runs the asynchronous forms' request sequences
};

} // namespace hftm
