#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace hftm {

class LegacyKeychainItems;
class SecretJob;

// Where secrets live apart from huggingface_hub's files. Every call is bounded by a timeout, so a slow or
// hung keychain is an error, never a reason to write somewhere else. The synchronous calls block their
// thread (the CLI, workers); the GUI thread uses only the asynchronous ones, which return a SecretJob.
class SecretStore {
public:
    virtual ~SecretStore() = default;

    // NotFound when there is no entry; KeychainUnavailable when no backend answers.
    virtual Result<QString> read(const QString &key) = 0;
    virtual Error write(const QString &key, const QString &secret) = 0;
    // Deleting a missing entry succeeds.
    virtual Error remove(const QString &key) = 0;
    // Error{} when the store really works (reachable, unlocked, somewhere to keep items); reads only,
    // never creates or deletes an item.
    virtual Error probe() = 0;
    // Human name for messages and the "storage" column, e.g. "keychain".
    virtual QString displayName() const = 0;
    // Every key this store holds an item for, so items a crash left without metadata can be found.
    // A backend that cannot enumerate answers an empty list.
    virtual Result<QStringList> storedKeys() { return QStringList(); }
    // Items an earlier version wrote in the one namespace all stores shared; null when there are none to
    // look for (other platforms, test doubles).
    virtual LegacyKeychainItems *legacyItems() { return nullptr; }

    // Asynchronous forms. Each returns a job that finishes exactly once, later, on the calling thread.
    // The defaults answer from the synchronous calls on a later turn of the event loop (test doubles);
    // real keychains override them so that nothing waits on D-Bus.
    // Every key with its secret or why not (NotFound for a missing entry), in as few round trips as the
    // backend allows.
    virtual SecretJob *readMany(const QStringList &keys);
    virtual SecretJob *writeLater(const QString &key, const QString &secret);
    // Many items written by one request: results() has every key, an empty string when written, else
    // why not; one item that fails leaves the others written. The default starts a writeLater() each.
    virtual SecretJob *writeMany(const QHash<QString, QString> &secrets);
    virtual SecretJob *removeLater(const QString &key);
    // Whether the keychain answers, without writing anything.
    virtual SecretJob *probeLater();
};

} // namespace hftm
