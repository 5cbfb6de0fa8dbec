#include "core/secrets/SecretServiceStore.h"

#include "core/secrets/KeychainErrors.h"
#include "core/secrets/LibsecretGlue.h"

#include <QCoreApplication>
#include <QUuid>

namespace hftm {

namespace {

constexpr int DefaultTimeoutMs = 10000;

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::SecretServiceStore", text);
}

int timeoutFromEnvironment()
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("HFTM_KEYCHAIN_TIMEOUT_MS", &ok);
    return ok && fromEnv > 0 ? fromEnv : DefaultTimeoutMs;
}

// One blocking libsecret call on the worker, bounded; the result is shared because a timed-out call
// finishes after the caller has gone.
struct Call {
    libsecret::Outcome outcome;
    QByteArray text; // a secret read back; wiped when the call is done with it
    bool found = false;
    QStringList names;
    ~Call() { text.fill('\0'); }
};

using Work = std::function<void(Call &, GCancellable *)>;

std::shared_ptr<Call> runCall(BoundedCaller &caller, const Work &work)
{
    auto call = std::make_shared<Call>();
    auto cancellable = libsecret::newCancellable();
    const bool finished = caller.run([call, cancellable, work] { work(*call, cancellable.get()); },
                                     [cancellable] { g_cancellable_cancel(cancellable.get()); });
    return finished ? call : nullptr;
}

libsecret::Attributes probeAttributes(const QString &value)
{
    return {{QByteArrayLiteral("application"), QByteArray(SecretServiceStore::Application)},
            {QByteArrayLiteral("probe"), value.toUtf8()}};
}

} // namespace

SecretServiceStore::SecretServiceStore(StoreIdentity identity, int timeoutMs)
    : m_identity(std::move(identity))
    , m_caller(timeoutMs > 0 ? timeoutMs : timeoutFromEnvironment())
    , m_legacy(m_caller)
{
}

QString SecretServiceStore::labelFor(const QString &key) const
{
    return tr("Hugging Face token \"%1\" (%2)").arg(key, m_identity.displayFolder);
}

namespace {
libsecret::Attributes storeAttributes(const StoreIdentity &identity)
{
    return {{QByteArrayLiteral("application"), QByteArray(SecretServiceStore::Application)},
            {QByteArrayLiteral("store"), identity.storedTokensPath.toUtf8()}};
}

libsecret::Attributes tokenAttributes(const StoreIdentity &identity, const QString &key)
{
    libsecret::Attributes attributes = storeAttributes(identity);
    attributes.append({QByteArrayLiteral("token"), key.toUtf8()});
    return attributes;
}

Work lookupWork(const libsecret::Attributes &attributes)
{
    return [attributes](Call &call, GCancellable *cancellable) {
        const libsecret::HashTable table = libsecret::toHashTable(attributes);
        GError *error = nullptr;
        gchar *password =
            secret_password_lookupv_sync(libsecret::tokenSchema(), table.get(), cancellable, &error);
        call.outcome.ok = !error;
        call.outcome.take(error);
        if (password) {
            call.found = true;
            call.text = QByteArray(password);
            secret_password_free(password); // wipes libsecret's copy
        }
    };
}

Work storeWork(const libsecret::Attributes &attributes, const QString &label, const QString &secret)
{
    const QByteArray labelBytes = label.toUtf8();
    auto secretBytes = std::make_shared<QByteArray>(secret.toUtf8());
    return [attributes, labelBytes, secretBytes](Call &call, GCancellable *cancellable) {
        const libsecret::HashTable table = libsecret::toHashTable(attributes);
        GError *error = nullptr;
        // The same attributes replace the item in place (one item per token, never a pile of copies).
        const gboolean stored = secret_password_storev_sync(libsecret::tokenSchema(), table.get(),
                                                            SECRET_COLLECTION_DEFAULT, labelBytes.constData(),
                                                            secretBytes->constData(), cancellable, &error);
        secretBytes->fill('\0');
        call.outcome.ok = stored && !error;
        call.outcome.take(error);
    };
}

Work clearWork(const libsecret::Attributes &attributes)
{
    return [attributes](Call &call, GCancellable *cancellable) {
        const libsecret::HashTable table = libsecret::toHashTable(attributes);
        GError *error = nullptr;
        secret_password_clearv_sync(libsecret::tokenSchema(), table.get(), cancellable, &error);
        call.outcome.ok = !error;
        call.outcome.take(error);
    };
}
} // namespace

Result<QString> SecretServiceStore::lookup(const QString &key)
{
    const auto call = runCall(m_caller, lookupWork(tokenAttributes(m_identity, key)));
    if (!call)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (const Error error = libsecret::toError(call->outcome, tr("read"), key))
        return error;
    if (!call->found)
        return makeError(ErrorCode::NotFound, tr("The keychain has no entry named “%1”.").arg(key));
    return QString::fromUtf8(call->text);
}

// A locked keyring whose unlock prompt is dismissed (or cannot be shown) answers a lookup with "no such
// entry" while the item stays. So "not found" is believed only once probe() shows the keychain accepts
// writes; then the lookup runs again, since the probe may have been the prompt the user answered.
Result<QString> SecretServiceStore::read(const QString &key)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    Result<QString> value = lookup(key);
    if (!value && value.error().code == ErrorCode::NotFound) {
        if (const Error error = probe())
            return error;
        value = lookup(key);
    }
    return value;
}

Error SecretServiceStore::write(const QString &key, const QString &secret)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    const auto call = runCall(m_caller, storeWork(tokenAttributes(m_identity, key), labelFor(key), secret));
    if (!call)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    return libsecret::toError(call->outcome, tr("write"), key);
}

Error SecretServiceStore::remove(const QString &key)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    // Probe first: on a locked keychain a delete reports success while the item stays.
    if (Error error = probe()) {
        error.message = tr("Nothing was removed from the keychain. %1").arg(error.message);
        return error;
    }
    const auto call = runCall(m_caller, clearWork(tokenAttributes(m_identity, key)));
    if (!call)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    return libsecret::toError(call->outcome, tr("delete"), key);
}

Error SecretServiceStore::probe()
{
    // A fresh value each time, so a stale probe item left by a crash cannot make a broken store look
    // fine. The probe item has no "store" or "token" attribute, so no token lookup can ever match it.
    const QString value = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const libsecret::Attributes attributes = probeAttributes(value);
    const QString label = tr("HF Token Manager keychain test (safe to delete)");
    const auto written = runCall(m_caller, storeWork(attributes, label, value));
    if (!written)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (const Error error = libsecret::toError(written->outcome, tr("write"), label))
        return error;
    const auto back = runCall(m_caller, lookupWork(attributes));
    const auto removed = back ? runCall(m_caller, clearWork(attributes)) : nullptr;
    if (!back || !removed)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (const Error error = libsecret::toError(back->outcome, tr("read"), label))
        return error;
    if (!back->found || QString::fromUtf8(back->text) != value) {
        return makeError(ErrorCode::Keychain,
                         tr("The keychain stored a test entry but gave a different value back, so it "
                            "cannot be trusted with tokens."));
    }
    return libsecret::toError(removed->outcome, tr("delete"), label);
}

Result<QStringList> SecretServiceStore::storedKeys()
{
    const libsecret::Attributes attributes = storeAttributes(m_identity);
    const auto call = runCall(m_caller, [attributes](Call &c, GCancellable *cancellable) {
        const libsecret::HashTable table = libsecret::toHashTable(attributes);
        GError *error = nullptr;
        // Attributes only: listing never unlocks, never prompts and never loads a secret.
        GList *found = secret_password_searchv_sync(libsecret::tokenSchema(), table.get(), SECRET_SEARCH_ALL,
                                                    cancellable, &error);
        for (GList *it = found; it; it = it->next) {
            GHashTable *itemAttributes =
                secret_retrievable_get_attributes(static_cast<SecretRetrievable *>(it->data));
            const QString name = libsecret::attribute(itemAttributes, "token");
            g_hash_table_unref(itemAttributes);
            if (!name.isEmpty() && !c.names.contains(name))
                c.names << name;
        }
        g_list_free_full(found, g_object_unref);
        c.outcome.ok = !error;
        c.outcome.take(error);
    });
    if (!call)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (const Error error = libsecret::toError(call->outcome, tr("list"), m_identity.displayFolder))
        return error;
    QStringList names = call->names;
    names.sort();
    return names;
}

QString SecretServiceStore::displayName() const
{
    return tr("keychain");
}

} // namespace hftm
