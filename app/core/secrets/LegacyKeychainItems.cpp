#include "core/secrets/LegacyKeychainItems.h"

#include "core/secrets/BoundedCaller.h"
#include "core/secrets/KeychainErrors.h"
#include "core/secrets/LibsecretGlue.h"

#include <QCoreApplication>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::LegacyKeychainItems", text);
}

libsecret::Attributes serviceAttributes()
{
    return {{QByteArrayLiteral("server"), QByteArray(LegacyKeychainItems::ServiceName)}};
}

// The probe entry the old QtKeychain backend wrote and deleted; a crash may have left one behind.
bool isProbe(const QString &name)
{
    return name == QLatin1String("hftm-probe");
}
} // namespace

LegacyKeychainItems::LegacyKeychainItems(BoundedCaller &caller)
    : m_caller(caller)
{
}

Result<QList<LegacyKeychainItems::Item>> LegacyKeychainItems::list(bool withSecrets)
{
    struct Shared {
        libsecret::Outcome outcome;
        QList<Item> items;
    };
    auto shared = std::make_shared<Shared>();
    auto cancellable = libsecret::newCancellable();
    const bool finished = m_caller.run(
        [shared, cancellable, withSecrets] {
            const libsecret::HashTable attributes = libsecret::toHashTable(serviceAttributes());
            GError *error = nullptr;
            // Never SECRET_SEARCH_UNLOCK: a migration must not pop an unlock prompt by itself.
            GList *found = secret_password_searchv_sync(libsecret::qtKeychainSchema(), attributes.get(),
                                                        SECRET_SEARCH_ALL, cancellable.get(), &error);
            for (GList *it = found; it; it = it->next) {
                auto *item = static_cast<SecretRetrievable *>(it->data);
                GHashTable *table = secret_retrievable_get_attributes(item);
                Item entry{libsecret::attribute(table, "user"), {}};
                g_hash_table_unref(table);
                if (entry.name.isEmpty() || isProbe(entry.name))
                    continue;
                if (withSecrets && !error) {
                    SecretValue *value =
                        secret_retrievable_retrieve_secret_sync(item, cancellable.get(), &error);
                    if (value) {
                        entry.secret = QString::fromUtf8(secret_value_get_text(value));
                        secret_value_unref(value);
                    }
                }
                shared->items << entry;
            }
            g_list_free_full(found, g_object_unref);
            shared->outcome.ok = !error;
            shared->outcome.take(error);
        },
        [cancellable] { g_cancellable_cancel(cancellable.get()); });
    if (!finished)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (const Error error = libsecret::toError(shared->outcome, tr("list"), QString::fromLatin1(ServiceName)))
        return error;
    return shared->items;
}

Error LegacyKeychainItems::remove(const QString &name)
{
    auto outcome = std::make_shared<libsecret::Outcome>();
    auto cancellable = libsecret::newCancellable();
    libsecret::Attributes attributes = serviceAttributes();
    attributes.append({QByteArrayLiteral("user"), name.toUtf8()});
    const bool finished = m_caller.run(
        [outcome, cancellable, attributes] {
            const libsecret::HashTable table = libsecret::toHashTable(attributes);
            GError *error = nullptr;
            secret_password_clearv_sync(libsecret::qtKeychainSchema(), table.get(), cancellable.get(),
                                        &error);
            outcome->ok = !error;
            outcome->take(error);
        },
        [cancellable] { g_cancellable_cancel(cancellable.get()); });
    if (!finished)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    return libsecret::toError(*outcome, tr("delete"), name);
}

} // namespace hftm
