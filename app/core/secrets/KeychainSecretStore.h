#pragma once

#include "core/secrets/SecretStore.h"

namespace hftm {

// The OS keychain through QtKeychain (Secret Service on Linux), insecure fallback off.
// Entries: service "hf-token-manager", key = the token's name.
class KeychainSecretStore final : public SecretStore {
public:
    static constexpr const char *ServiceName = "hf-token-manager";

    // timeoutMs bounds every job; env HFTM_KEYCHAIN_TIMEOUT_MS overrides the default (tests).
    explicit KeychainSecretStore(QString service = QString::fromLatin1(ServiceName), int timeoutMs = -1);

    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    Error probe() override;
    QString displayName() const override;

private:
    QString m_service;
    int m_timeoutMs;
};

} // namespace hftm
