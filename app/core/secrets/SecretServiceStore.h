#pragma once

#include "core/secrets/BoundedCaller.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretStore.h"
#include "core/store/StoreIdentity.h"

namespace hftm {

// The Secret Service (gnome-keyring, KeePassXC, KWallet's bridge) through libsecret, one namespace per
// token store: every item carries the attributes application=hf-token-manager, store=<canonical
// stored_tokens path> and token=<name>, and a label people can tell apart, such as
// Hugging Face token "train" (~/.cache/huggingface). Keys here are token names.
class SecretServiceStore final : public SecretStore {
public:
    static constexpr const char *Application = "hf-token-manager";

    // timeoutMs bounds every call; env HFTM_KEYCHAIN_TIMEOUT_MS overrides the default (tests).
    explicit SecretServiceStore(StoreIdentity identity, int timeoutMs = -1);

    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    Error probe() override;
    QString displayName() const override;
    Result<QStringList> storedKeys() override;
    LegacyKeychainItems *legacyItems() override { return &m_legacy; }

    QString labelFor(const QString &key) const;
    const StoreIdentity &identity() const { return m_identity; }

private:
    Result<QString> lookup(const QString &key);

    StoreIdentity m_identity;
    BoundedCaller m_caller;
    LegacyKeychainItems m_legacy;
};

} // namespace hftm
