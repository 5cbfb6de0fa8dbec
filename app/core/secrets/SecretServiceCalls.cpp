#include "core/secrets/SecretServiceCalls.h"

#include "core/secrets/KeychainErrors.h"

#include <QCoreApplication>
#include <QSet>

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

namespace {

struct Strv {
    gchar **paths = nullptr;
    ~Strv() { g_strfreev(paths); }
    QList<QByteArray> list() const
    {
        QList<QByteArray> out;
        for (gchar **it = paths; it && *it; ++it)
            out << QByteArray(*it);
        return out;
    }
};

// Makes D-Bus calls with a private GLib context as this thread's default, then dispatches their replies
// until *left (counted down by each reply) is zero. That context is this worker's only loop and
// dispatches nothing but these replies, the way libsecret's own *_sync calls wait.
template <class Send> void dispatchReplies(const int *left, Send send)
{
    GMainContext *context = g_main_context_new();
    g_main_context_push_thread_default(context);
    send();
    while (*left > 0)
        g_main_context_iteration(context, TRUE);
    g_main_context_pop_thread_default(context);
    g_main_context_unref(context);
}

// The "token" attribute of every item path, asked all at once: libsecret builds a proxy per item (one
// round trip each, one after another); these calls go out together and are answered together.
struct AttributeReplies {
    int left = 0;
    QHash<QByteArray, QString> tokens;
    GError *error = nullptr;
};
struct AttributeCall {
    AttributeReplies *replies;
    QByteArray path;
};

void onAttributes(GObject *source, GAsyncResult *result, gpointer data)
{
    auto *call = static_cast<AttributeCall *>(data);
    GError *error = nullptr;
    GVariant *reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
    if (reply) {
        GVariant *attributes = nullptr;
        g_variant_get(reply, "(v)", &attributes);
        const gchar *token = nullptr;
        if (attributes && g_variant_is_of_type(attributes, G_VARIANT_TYPE("a{ss}")) &&
            g_variant_lookup(attributes, "token", "&s", &token))
            call->replies->tokens.insert(call->path, QString::fromUtf8(token));
        if (attributes)
            g_variant_unref(attributes);
        g_variant_unref(reply);
    } else if (!call->replies->error) {
        call->replies->error = error;
    } else {
        g_error_free(error);
    }
    --call->replies->left;
    delete call;
}

QHash<QByteArray, QString> tokensOf(SecretService *service, const QList<QByteArray> &paths,
                                    GCancellable *cancellable, GError **error)
{
    AttributeReplies replies;
    GDBusConnection *connection = g_dbus_proxy_get_connection(G_DBUS_PROXY(service));
    const gchar *busName = g_dbus_proxy_get_name(G_DBUS_PROXY(service));
    dispatchReplies(&replies.left, [&] {
        for (const QByteArray &path : paths) {
            ++replies.left;
            g_dbus_connection_call(connection, busName, path.constData(), "org.freedesktop.DBus.Properties",
                                   "Get", g_variant_new("(ss)", "org.freedesktop.Secret.Item", "Attributes"),
                                   G_VARIANT_TYPE("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                                   onAttributes, new AttributeCall{&replies, path});
        }
    });
    if (replies.error)
        g_propagate_error(error, replies.error);
    return replies.tokens;
}

// Every secret of the store by token name, in one SearchItems, one unlock of what is locked (which may
// prompt, like a lookup), the attributes asked all at once, and one GetSecrets over libsecret's session.
// Names whose item stayed locked go to 'locked'.
libsecret::Outcome loadStore(const Scope &scope, QHash<QString, QString> &secrets, QStringList &locked,
                             GCancellable *cancellable)
{
    libsecret::Outcome outcome;
    GError *error = nullptr;
    SecretService *service = secret_service_get_sync(SECRET_SERVICE_OPEN_SESSION, cancellable, &error);
    if (!service) {
        outcome.take(error);
        return outcome;
    }
    const libsecret::HashTable table = libsecret::toHashTable(scope.store);
    Strv unlockedPaths;
    Strv lockedPaths;
    Strv nowUnlocked;
    QList<QByteArray> readable;
    QList<QByteArray> stillLocked;
    QHash<QByteArray, QString> tokens;
    if (secret_service_search_for_dbus_paths_sync(service, libsecret::tokenSchema(), table.get(), cancellable,
                                                  &unlockedPaths.paths, &lockedPaths.paths, &error)) {
        readable = unlockedPaths.list();
        stillLocked = lockedPaths.list();
        if (!stillLocked.isEmpty()) {
            secret_service_unlock_dbus_paths_sync(service, const_cast<const gchar **>(lockedPaths.paths),
                                                  cancellable, &nowUnlocked.paths, &error);
            for (const QByteArray &path : nowUnlocked.list()) {
                stillLocked.removeAll(path);
                readable << path;
            }
            g_clear_error(&error); // a dismissed prompt: those items stay locked, reported per key
        }
        tokens = tokensOf(service, readable + stillLocked, cancellable, &error);
    }
    if (!error && !readable.isEmpty()) {
        QList<const gchar *> wanted;
        for (const QByteArray &path : readable)
            wanted << path.constData();
        wanted << nullptr;
        GHashTable *values =
            secret_service_get_secrets_for_dbus_paths_sync(service, wanted.data(), cancellable, &error);
        if (values) {
            GHashTableIter it;
            gpointer path = nullptr;
            gpointer value = nullptr;
            g_hash_table_iter_init(&it, values);
            while (g_hash_table_iter_next(&it, &path, &value)) {
                const QString name = tokens.value(QByteArray(static_cast<const char *>(path)));
                if (!name.isEmpty() && !secrets.contains(name))
                    secrets.insert(name, takeSecret(secret_value_ref(static_cast<SecretValue *>(value))));
            }
            g_hash_table_unref(values); // unrefs the values: libsecret wipes them
        }
    }
    for (const QByteArray &path : stillLocked)
        locked << tokens.value(path);
    outcome.ok = !error;
    outcome.take(error);
    g_object_unref(service);
    return outcome;
}

} // namespace

Answer readMany(const Scope &scope, const QStringList &keys, GCancellable *cancellable)
{
    Answer answer;
    QHash<QString, QString> secrets;
    QStringList lockedNames;
    const libsecret::Outcome outcome = loadStore(scope, secrets, lockedNames, cancellable);
    if (!outcome.ok) {
        answer.error = libsecret::toError(outcome, tr("read"), keys.join(QLatin1String(", ")));
        return answer;
    }
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

namespace {

// Replies to CreateItem calls sent at once; like tokensOf(), dispatched by a private GLib context.
struct CreateReplies {
    int left = 0;
    QSet<QString> written;
};
struct CreateCall {
    CreateReplies *replies;
    QString key;
};

void onCreated(GObject *source, GAsyncResult *result, gpointer data)
{
    auto *call = static_cast<CreateCall *>(data);
    GError *error = nullptr;
    GVariant *reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
    if (reply) {
        const gchar *item = nullptr;
        const gchar *prompt = nullptr;
        g_variant_get(reply, "(&o&o)", &item, &prompt);
        // A prompt means the item is not written until someone answers it: write() will ask.
        if (g_strcmp0(prompt, "/") == 0 && g_strcmp0(item, "/") != 0)
            call->replies->written.insert(call->key);
        g_variant_unref(reply);
    } else {
        g_error_free(error); // write() tries this one again and reports in its own words
    }
    --call->replies->left;
    delete call;
}

// The default collection's object path when it exists and is unlocked; empty otherwise (write() then
// creates, unlocks or prompts as libsecret does).
QByteArray unlockedDefaultCollection(SecretService *service, GCancellable *cancellable)
{
    GError *error = nullptr;
    gchar *path = secret_service_read_alias_dbus_path_sync(service, "default", cancellable, &error);
    QByteArray collection = path ? QByteArray(path) : QByteArray();
    g_free(path);
    if (error || collection.isEmpty() || collection == "/") {
        g_clear_error(&error);
        return {};
    }
    GDBusConnection *connection = g_dbus_proxy_get_connection(G_DBUS_PROXY(service));
    GVariant *reply =
        g_dbus_connection_call_sync(connection, g_dbus_proxy_get_name(G_DBUS_PROXY(service)),
                                    collection.constData(), "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                                    G_VARIANT_TYPE("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable, &error);
    bool locked = true;
    if (reply) {
        GVariant *value = nullptr;
        g_variant_get(reply, "(v)", &value);
        if (value && g_variant_is_of_type(value, G_VARIANT_TYPE_BOOLEAN))
            locked = g_variant_get_boolean(value);
        if (value)
            g_variant_unref(value);
        g_variant_unref(reply);
    }
    g_clear_error(&error);
    return locked ? QByteArray() : collection;
}

// CreateItem for every item at once on the default collection, each replacing the item of the same
// attributes as secret_password_storev() does (its attributes include the schema name, as libsecret
// adds it). gnome-keyring still rewrites its keyring file once per item: the Secret Service has no
// batch create, so this saves only the round trips and waits around each one.
QSet<QString> createAll(SecretService *service, const QByteArray &collection, const Scope &scope,
                        const QList<WriteItem> &items, GCancellable *cancellable)
{
    CreateReplies replies;
    GDBusConnection *connection = g_dbus_proxy_get_connection(G_DBUS_PROXY(service));
    const gchar *busName = g_dbus_proxy_get_name(G_DBUS_PROXY(service));
    dispatchReplies(&replies.left, [&] {
        for (const WriteItem &item : items) {
            if (item.key.isEmpty())
                continue;
            GVariantBuilder attributes;
            g_variant_builder_init(&attributes, G_VARIANT_TYPE("a{ss}"));
            for (const auto &[name, value] : scope.token(item.key))
                g_variant_builder_add(&attributes, "{ss}", name.constData(), value.constData());
            g_variant_builder_add(&attributes, "{ss}", "xdg:schema", libsecret::tokenSchema()->name);
            GVariantBuilder properties;
            g_variant_builder_init(&properties, G_VARIANT_TYPE("a{sv}"));
            const QByteArray label = item.label.toUtf8();
            g_variant_builder_add(&properties, "{sv}", "org.freedesktop.Secret.Item.Label",
                                  g_variant_new_string(label.constData()));
            g_variant_builder_add(&properties, "{sv}", "org.freedesktop.Secret.Item.Attributes",
                                  g_variant_builder_end(&attributes));
            SecretValue *value = secret_value_new(item.secret.constData(), item.secret.size(), "text/plain");
            GVariant *encoded = secret_service_encode_dbus_secret(service, value); // over libsecret's session
            secret_value_unref(value);
            if (!encoded) {
                g_variant_builder_clear(&properties);
                continue;
            }
            ++replies.left;
            g_dbus_connection_call(connection, busName, collection.constData(),
                                   "org.freedesktop.Secret.Collection", "CreateItem",
                                   g_variant_new("(a{sv}@(oayays)b)", &properties, encoded, TRUE),
                                   G_VARIANT_TYPE("(oo)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable, onCreated,
                                   new CreateCall{&replies, item.key});
        }
    });
    return replies.written;
}

} // namespace

Answer writeMany(const Scope &scope, const QList<WriteItem> &items, GCancellable *cancellable)
{
    Answer answer;
    QSet<QString> written;
    GError *error = nullptr;
    if (SecretService *service = secret_service_get_sync(SECRET_SERVICE_OPEN_SESSION, cancellable, &error)) {
        const QByteArray collection = unlockedDefaultCollection(service, cancellable);
        if (!collection.isEmpty())
            written = createAll(service, collection, scope, items, cancellable);
        g_object_unref(service);
    }
    g_clear_error(&error); // write() below says what is wrong, per item
    for (const WriteItem &item : items) {
        if (item.key.isEmpty())
            answer.results.insert(item.key, KeychainErrors::emptyKey());
        else if (written.contains(item.key))
            answer.results.insert(item.key, QString());
        else if (const Error failed = write(scope, item.key, item.label, item.secret, cancellable))
            answer.results.insert(item.key, failed);
        else
            answer.results.insert(item.key, QString());
    }
    return answer;
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
