#pragma once
// Private to app/core/secrets: the few libsecret pieces SecretServiceStore and LegacyKeychainItems share.
// GLib's headers use "signals" as a struct member, which Qt defines as a keyword: keep them apart.

#include "core/Result.h"

#pragma push_macro("signals")
#undef signals
// The D-Bus-path calls (secret-paths.h) read many items in one GetSecrets over libsecret's own session;
// libsecret calls them unstable, though they have not changed since 0.7.
#ifndef SECRET_API_SUBJECT_TO_CHANGE
#define SECRET_API_SUBJECT_TO_CHANGE
#endif
#include <libsecret/secret.h>
#pragma pop_macro("signals")

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace hftm::libsecret {

// This app's own items: one per token and store, named for people in Seahorse or KeePassXC.
const SecretSchema *tokenSchema();
// What QtKeychain (and so this app before per-store namespaces) wrote: service in "server", key in "user".
const SecretSchema *qtKeychainSchema();

using Attributes = QList<QPair<QByteArray, QByteArray>>;

struct HashTableDeleter {
    void operator()(GHashTable *table) const { g_hash_table_unref(table); }
};
using HashTable = std::unique_ptr<GHashTable, HashTableDeleter>;
HashTable toHashTable(const Attributes &attributes);
// A copy of one attribute's value from a table libsecret returned, or an empty string.
QString attribute(GHashTable *table, const char *name);

// What a call on the worker thread hands back; filled there, read here after it finished.
struct Outcome {
    bool ok = false;
    QString errorText;   // GError's message, when there was one
    int errorDomain = 0; // 1 SECRET_ERROR, 2 G_DBUS_ERROR, 3 G_IO_ERROR, 0 other / none
    int errorCode = 0;
    void take(GError *error); // frees it
};

// Turns a failed call into the Error every keychain backend uses. 'doing' names the operation.
Error toError(const Outcome &outcome, const QString &doing, const QString &key);

struct CancellableDeleter {
    void operator()(GCancellable *cancellable) const { g_object_unref(cancellable); }
};
// Shared between the caller (who may cancel on a timeout) and the worker (who uses it).
std::shared_ptr<GCancellable> newCancellable();

// Blocking, on a worker thread: whether the Secret Service answers and its default collection exists and
// is unlocked (unlocking it if needed, which may show the user a prompt). Reads only: no item is created
// or deleted, so the keyring file is never rewritten. A missing or locked collection comes back as the
// SECRET_ERROR that toError() words as "no usable collection" or "locked".
Outcome probeDefaultCollection(GCancellable *cancellable);

} // namespace hftm::libsecret
