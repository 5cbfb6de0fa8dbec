#include "core/secrets/SecretServiceCalls.h"

#include "core/secrets/KeychainErrors.h"

#include <QCoreApplication>

namespace hftm::secretservice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::SecretServiceStore", text);
}

Error notFound(const QString &key)
{
    return makeError(ErrorCode::NotFound, tr("The keychain has no entry named “%1”.").arg(key));
}

// Takes libsecret's copy of a secret and wipes it.
QString takeSecret(SecretValue *value)
{
    gsize length = 0;
    const gchar *bytes = secret_value_get(value, &length);
    const QString text = QString::fromUtf8(bytes, static_cast<qsizetype>(length));
    secret_value_unref(value); // libsecret wipes its secure buffer once the item lets go of it too
    return text;
}

} // namespace

libsecret::Attributes Scope::token(const QString &key) const
{
    libsecret::Attributes attributes = store;
    attributes.append({QByteArrayLiteral("token"), key.toUtf8()});
    return attributes;
}

Error probe(GCancellable *cancellable)
{
    return libsecret::toError(libsecret::probeDefaultCollection(cancellable), tr("open"),
                              tr("the default collection"));
}

namespace {
Result<QString> lookup(const Scope &scope, const QString &key, GCancellable *cancellable)
{
    const libsecret::HashTable table = libsecret::toHashTable(scope.token(key));
    GError *error = nullptr;
    gchar *password =
        secret_password_lookupv_sync(libsecret::tokenSchema(), table.get(), cancellable, &error);
    libsecret::Outcome outcome;
    outcome.ok = !error;
    outcome.take(error);
    QString text;
    if (password) {
        text = QString::fromUtf8(password);
        secret_password_free(password); // wipes libsecret's copy
    }
    if (const Error failed = libsecret::toError(outcome, tr("read"), key))
        return failed;
    if (!password)
        return notFound(key);
    return text;
}
} // namespace

// A locked keyring whose unlock prompt is dismissed (or cannot be shown) answers a lookup with "no such
// entry" while the item stays. So "not found" is believed only once the probe shows the keychain is open;
// then the lookup runs again, since the probe may have been the prompt the user answered.
Result<QString> read(const Scope &scope, const QString &key, GCancellable *cancellable)
{
    Result<QString> value = lookup(scope, key, cancellable);
    if (!value && value.error().code == ErrorCode::NotFound) {
        if (const Error error = probe(cancellable))
            return error;
        value = lookup(scope, key, cancellable);
    }
    return value;
}

Answer readMany(const Scope &scope, const QStringList &keys, GCancellable *cancellable)
{
    Answer answer;
    const libsecret::HashTable table = libsecret::toHashTable(scope.store);
    GError *error = nullptr;
    // UNLOCK: like a lookup, a locked item asks for its keyring to be unlocked. LOAD_SECRETS: one
    // GetSecrets for all items found, over the session libsecret negotiated (encrypted where offered).
    GList *found = secret_service_search_sync(
        nullptr, libsecret::tokenSchema(), table.get(),
        static_cast<SecretSearchFlags>(SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS),
        cancellable, &error);
    libsecret::Outcome outcome;
    outcome.ok = !error;
    outcome.take(error);
    if (!outcome.ok) {
        g_list_free_full(found, g_object_unref);
        answer.error = libsecret::toError(outcome, tr("read"), keys.join(QLatin1String(", ")));
        return answer;
    }
    QHash<QString, QString> secrets;
    QStringList lockedNames;
    for (GList *it = found; it; it = it->next) {
        auto *item = static_cast<SecretItem *>(it->data);
        GHashTable *attributes = secret_item_get_attributes(item);
        const QString name = libsecret::attribute(attributes, "token");
        g_hash_table_unref(attributes);
        if (name.isEmpty() || secrets.contains(name))
            continue;
        if (SecretValue *value = secret_item_get_secret(item))
            secrets.insert(name, takeSecret(value));
        else
            lockedNames << name; // still locked: the unlock prompt was dismissed or impossible
    }
    g_list_free_full(found, g_object_unref);

    bool missing = false;
    for (const QString &key : keys)
        missing = missing || !secrets.contains(key);
    // Only a keychain seen open makes "no item" mean "not there".
    const Error closed = missing ? probe(cancellable) : Error{};
    for (const QString &key : keys) {
        if (key.isEmpty())
            answer.results.insert(key, KeychainErrors::emptyKey());
        else if (secrets.contains(key))
            answer.results.insert(key, secrets.value(key));
        else if (closed)
            answer.results.insert(key, closed);
        else if (lockedNames.contains(key))
            answer.results.insert(key,
                                  KeychainErrors::unavailable(tr("The keychain refused access: it is locked"),
                                                              tr("the item stayed locked")));
        else
            answer.results.insert(key, notFound(key));
    }
    answer.error = closed;
    return answer;
}

Error write(const Scope &scope, const QString &key, const QString &label, const QByteArray &secret,
            GCancellable *cancellable)
{
    const libsecret::HashTable table = libsecret::toHashTable(scope.token(key));
    const QByteArray labelBytes = label.toUtf8();
    GError *error = nullptr;
    // The same attributes replace the item in place (one item per token, never a pile of copies).
    const gboolean stored =
        secret_password_storev_sync(libsecret::tokenSchema(), table.get(), SECRET_COLLECTION_DEFAULT,
                                    labelBytes.constData(), secret.constData(), cancellable, &error);
    libsecret::Outcome outcome;
    outcome.ok = stored && !error;
    outcome.take(error);
    return libsecret::toError(outcome, tr("write"), key);
}

Error remove(const Scope &scope, const QString &key, GCancellable *cancellable)
{
    // Probe first: on a locked keychain a delete reports success while the item stays.
    if (Error error = probe(cancellable)) {
        error.message = tr("Nothing was removed from the keychain. %1").arg(error.message);
        return error;
    }
    const libsecret::HashTable table = libsecret::toHashTable(scope.token(key));
    GError *error = nullptr;
    secret_password_clearv_sync(libsecret::tokenSchema(), table.get(), cancellable, &error);
    libsecret::Outcome outcome;
    outcome.ok = !error;
    outcome.take(error);
    return libsecret::toError(outcome, tr("delete"), key);
}

Answer storedKeys(const Scope &scope, const QString &displayFolder, GCancellable *cancellable)
{
    Answer answer;
    const libsecret::HashTable table = libsecret::toHashTable(scope.store);
    GError *error = nullptr;
    // Attributes only: listing never unlocks, never prompts and never loads a secret.
    GList *found = secret_password_searchv_sync(libsecret::tokenSchema(), table.get(), SECRET_SEARCH_ALL,
                                                cancellable, &error);
    for (GList *it = found; it; it = it->next) {
        GHashTable *itemAttributes =
            secret_retrievable_get_attributes(static_cast<SecretRetrievable *>(it->data));
        const QString name = libsecret::attribute(itemAttributes, "token");
        g_hash_table_unref(itemAttributes);
        if (!name.isEmpty() && !answer.names.contains(name))
            answer.names << name;
    }
    g_list_free_full(found, g_object_unref);
    libsecret::Outcome outcome;
    outcome.ok = !error;
    outcome.take(error);
    answer.error = libsecret::toError(outcome, tr("list"), displayFolder);
    answer.names.sort();
    return answer;
}

} // namespace hftm::secretservice
