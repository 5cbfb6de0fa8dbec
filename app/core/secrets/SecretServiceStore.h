#pragma once

#include "core/files/StoreIdentity.h"
#include "core/secrets/BoundedCaller.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretStore.h"

#include <functional>
#include <memory>

typedef struct _GCancellable GCancellable; // GLib's, without its headers (they clash with Qt's keywords)

namespace hftm {

namespace secretservice {
struct Answer;
}

// The Secret Service (gnome-keyring, KeePassXC, KWallet's bridge) through libsecret, one namespace per
// token store: every item carries the attributes application=hf-token-manager, store=<canonical
// stored_tokens path> and token=<name>, and a label people can tell apart, such as
// Hugging Face token "train" (~/.cache/huggingface). Keys here are token names. Every request, synchronous
// or not, runs start to end on one worker thread, bounded by one deadline.
class SecretServiceStore final : public SecretStore {
public:
    static constexpr const char *Application = "hf-token-manager";

    // timeoutMs bounds every request; env HFTM_KEYCHAIN_TIMEOUT_MS overrides the default (tests).
    explicit SecretServiceStore(StoreIdentity identity, int timeoutMs = -1);

    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    // Reads only: the default collection is there and unlocked (see libsecret::probeDefaultCollection).
    Error probe() override;
    QString displayName() const override;
    Result<QStringList> storedKeys() override;
    LegacyKeychainItems *legacyItems() override { return &m_legacy; }

    SecretJob *readMany(const QStringList &keys) override;
    SecretJob *writeLater(const QString &key, const QString &secret) override;
    // One request on the worker: the CreateItem calls sent together (secretservice::writeMany).
    SecretJob *writeMany(const QHash<QString, QString> &secrets) override;
    SecretJob *removeLater(const QString &key) override;
    SecretJob *probeLater() override;

    QString labelFor(const QString &key) const;
    const StoreIdentity &identity() const { return m_identity; }

private:
    using Request = std::function<void(secretservice::Answer &, GCancellable *)>;
    // Blocking: the answer, or null when the deadline came first.
    std::shared_ptr<secretservice::Answer> call(Request request);
    // Asynchronous: the job finishes with the answer, or with a timeout.
    SecretJob *callLater(Request request);

    StoreIdentity m_identity;
    BoundedCaller m_caller;
    LegacyKeychainItems m_legacy;
};

} // namespace hftm
