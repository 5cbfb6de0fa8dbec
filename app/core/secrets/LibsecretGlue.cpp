#include "core/secrets/LibsecretGlue.h"

#include "core/secrets/KeychainErrors.h"

#include <QCoreApplication>

namespace hftm::libsecret {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::SecretServiceStore", text);
}

SecretSchema makeSchema(const char *name, SecretSchemaFlags flags,
                        std::initializer_list<const char *> attributeNames)
{
    SecretSchema schema{};
    schema.name = name;
    schema.flags = flags;
    int i = 0;
    for (const char *attributeName : attributeNames) {
        schema.attributes[i].name = attributeName;
        schema.attributes[i].type = SECRET_SCHEMA_ATTRIBUTE_STRING;
        ++i;
    }
    return schema;
}
} // namespace

const SecretSchema *tokenSchema()
{
    static const SecretSchema schema = makeSchema("io.github.hftokenmanager.Token", SECRET_SCHEMA_NONE,
                                                  {"application", "store", "token", "probe"});
    return &schema;
}

const SecretSchema *qtKeychainSchema()
{
    // QtKeychain's own schema; DONT_MATCH_NAME because it does not rely on xdg:schema either.
    static const SecretSchema schema =
        makeSchema("org.qt.keychain", SECRET_SCHEMA_DONT_MATCH_NAME, {"user", "server", "type"});
    return &schema;
}

HashTable toHashTable(const Attributes &attributes)
{
    GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (const auto &[name, value] : attributes)
        g_hash_table_insert(table, g_strdup(name.constData()), g_strdup(value.constData()));
    return HashTable(table);
}

QString attribute(GHashTable *table, const char *name)
{
    const auto *value = static_cast<const char *>(g_hash_table_lookup(table, name));
    return value ? QString::fromUtf8(value) : QString();
}

void Outcome::take(GError *error)
{
    if (!error)
        return;
    errorText = QString::fromUtf8(error->message);
    errorCode = error->code;
    if (error->domain == SECRET_ERROR)
        errorDomain = 1;
    else if (error->domain == G_DBUS_ERROR)
        errorDomain = 2;
    else if (error->domain == G_IO_ERROR)
        errorDomain = 3;
    g_error_free(error);
}

Error toError(const Outcome &outcome, const QString &doing, const QString &key)
{
    using namespace KeychainErrors;
    if (outcome.ok)
        return {};
    // gnome-keyring with no keyring created yet answers for its "login" alias with D-Bus's UnknownObject.
    const bool noCollection =
        (outcome.errorDomain == 1 && outcome.errorCode == SECRET_ERROR_NO_SUCH_OBJECT) ||
        outcome.errorText.contains(QLatin1String("/org/freedesktop/secrets/collection/")) ||
        outcome.errorText.contains(QLatin1String("No such secret collection"));
    if (noCollection) {
        // A running Secret Service with no keyring to put items in (none created, or the default alias
        // points nowhere): as unusable as no service at all.
        return unavailable(tr("The keychain has no usable collection (keyring) to keep tokens in: create "
                              "or unlock a default keyring first"),
                           outcome.errorText);
    }
    if (outcome.errorDomain == 1 && outcome.errorCode == SECRET_ERROR_IS_LOCKED)
        return unavailable(tr("The keychain refused access: it is locked"), outcome.errorText);
    if (outcome.errorDomain == 2 || looksUnreachable(outcome.errorText)) {
        return unavailable(tr("No keychain is reachable: no Secret Service is running on the D-Bus "
                              "session bus"),
                           outcome.errorText);
    }
    if (outcome.errorText.isEmpty() || looksLocked(outcome.errorText)) {
        // libsecret reports a dismissed unlock prompt as failure without a word.
        return unavailable(tr("The keychain refused access: it is probably locked"), outcome.errorText);
    }
    return makeError(ErrorCode::Keychain,
                     tr("The keychain could not %1 the entry “%2”: %3").arg(doing, key, outcome.errorText));
}

std::shared_ptr<GCancellable> newCancellable()
{
    return std::shared_ptr<GCancellable>(g_cancellable_new(), CancellableDeleter());
}

namespace {
Outcome secretError(SecretError code, const char *text)
{
    Outcome outcome;
    outcome.errorDomain = 1;
    outcome.errorCode = code;
    outcome.errorText = QString::fromUtf8(text);
    return outcome;
}

// Asked of the daemon each time: libsecret's cached property would not see a lock made since, because
// its proxies were built in a sync call's private main context that nobody iterates afterwards.
bool isLocked(SecretCollection *collection, GCancellable *cancellable, GError **error)
{
    GVariant *reply =
        g_dbus_proxy_call_sync(G_DBUS_PROXY(collection), "org.freedesktop.DBus.Properties.Get",
                               g_variant_new("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                               G_DBUS_CALL_FLAGS_NONE, -1, cancellable, error);
    if (!reply)
        return true;
    GVariant *boxed = nullptr;
    g_variant_get(reply, "(v)", &boxed);
    const bool locked =
        boxed && g_variant_is_of_type(boxed, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean(boxed);
    if (boxed)
        g_variant_unref(boxed);
    g_variant_unref(reply);
    return locked;
}
} // namespace

Outcome probeDefaultCollection(GCancellable *cancellable)
{
    Outcome outcome;
    GError *error = nullptr;
    SecretService *service = secret_service_get_sync(SECRET_SERVICE_NONE, cancellable, &error);
    if (!service) {
        outcome.take(error);
        return outcome;
    }
    SecretCollection *collection = secret_collection_for_alias_sync(
        service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE, cancellable, &error);
    if (error) {
        outcome.take(error);
    } else if (!collection) {
        // gnome-keyring with no keyring created yet: the alias points at "/".
        outcome = secretError(SECRET_ERROR_NO_SUCH_OBJECT, "No such secret collection for the default alias");
    } else {
        bool locked = isLocked(collection, cancellable, &error);
        if (locked && !error) {
            // What a write would have done by itself: ask the user to unlock (a dismissed or impossible
            // prompt leaves it locked).
            GList *objects = g_list_append(nullptr, collection);
            secret_service_unlock_sync(service, objects, cancellable, nullptr, &error);
            g_list_free(objects);
            if (!error)
                locked = isLocked(collection, cancellable, &error);
        }
        if (error)
            outcome.take(error);
        else if (locked)
            outcome = secretError(SECRET_ERROR_IS_LOCKED, "The default collection is locked");
        else
            outcome.ok = true;
    }
    if (collection)
        g_object_unref(collection);
    g_object_unref(service);
    return outcome;
}

} // namespace hftm::libsecret
