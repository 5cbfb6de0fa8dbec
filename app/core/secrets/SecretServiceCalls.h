#pragma once
// Private to SecretServiceStore: the blocking libsecret sequences each request runs on the worker thread,
// start to end, so that one deadline bounds the whole request and no caller waits in between.

#include "core/Result.h"
#include "core/secrets/LibsecretGlue.h"

#include <QHash>
#include <QStringList>

namespace hftm::secretservice {

// What one request hands back from the worker; read on the caller's thread once it finished in time.
struct Answer {
    Error error;                             // the request as a whole (write, remove, probe, search)
    QHash<QString, Result<QString>> results; // reads: one entry per key asked for
    QStringList names;                       // listing
};

// Attributes of every item one store owns, and of one token's item.
struct Scope {
    libsecret::Attributes store;
    libsecret::Attributes token(const QString &key) const;
};

Error probe(GCancellable *cancellable);
Result<QString> read(const Scope &scope, const QString &key, GCancellable *cancellable);
// One search for every item of the store, their secrets loaded in one GetSecrets; keys without an item
// answer NotFound once the probe shows the keychain really is open (a locked one hides its items).
Answer readMany(const Scope &scope, const QStringList &keys, GCancellable *cancellable);
Error write(const Scope &scope, const QString &key, const QString &label, const QByteArray &secret,
            GCancellable *cancellable);
Error remove(const Scope &scope, const QString &key, GCancellable *cancellable);
Answer storedKeys(const Scope &scope, const QString &displayFolder, GCancellable *cancellable);

} // namespace hftm::secretservice
