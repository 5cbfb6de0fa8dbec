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
// One item to write: its token name, label and secret (UTF-8).
struct WriteItem {
    QString key;
    QString label;
    QByteArray secret;
};
// Every item written as write() would, the CreateItem calls sent together over libsecret's one session
// instead of one libsecret store (alias look-up, item creation) after the other. results: an empty string
// per key written, else why not. An item the direct calls did not write (a locked or missing default
// collection, a prompt, an error) goes through write(), so it fails or succeeds alone, in write()'s words.
Answer writeMany(const Scope &scope, const QList<WriteItem> &items, GCancellable *cancellable);
Error remove(const Scope &scope, const QString &key, GCancellable *cancellable);
Answer storedKeys(const Scope &scope, const QString &displayFolder, GCancellable *cancellable);

} // namespace hftm::secretservice
