#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

namespace hftm {

class LegacyKeychainItems;

// Where secrets live apart from huggingface_hub's files. Synchronous by design: every call is bounded by
// a timeout, so a slow or hung keychain is an error, never a reason to write somewhere else.
class SecretStore {
public:
    virtual ~SecretStore() = default;

    // NotFound when there is no entry; KeychainUnavailable when no backend answers.
    virtual Result<QString> read(const QString &key) = 0;
    virtual Error write(const QString &key, const QString &secret) = 0;
    // Deleting a missing entry succeeds.
    virtual Error remove(const QString &key) = 0;
    // Writes, reads back and deletes a probe entry; Error{} when the store really works.
    virtual Error probe() = 0;
    // Human name for messages and the "storage" column, e.g. "keychain".
    virtual QString displayName() const = 0;
    // Every key this store holds an item for, so items a crash left without metadata can be found.
    // A backend that cannot enumerate answers an empty list.
    virtual Result<QStringList> storedKeys() { return QStringList(); }
    // Items an earlier version wrote in the one namespace all stores shared; null when there are none to
    // look for (other platforms, test doubles).
    virtual LegacyKeychainItems *legacyItems() { return nullptr; }
};

} // namespace hftm
