#include "core/secrets/SecretServiceStore.h"

#include "core/secrets/KeychainErrors.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceCalls.h"

#include <QCoreApplication>

namespace hftm {

using secretservice::Answer;

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

secretservice::Scope scopeOf(const StoreIdentity &identity)
{
    return {{{QByteArrayLiteral("application"), QByteArray(SecretServiceStore::Application)},
             {QByteArrayLiteral("store"), identity.storedTokensPath.toUtf8()}}};
}

// The secret travels to the worker in a buffer that is wiped once the request is done with it, even
// when the caller stopped waiting long before.
std::shared_ptr<QByteArray> wipedAfterUse(const QString &secret)
{
    return std::shared_ptr<QByteArray>(new QByteArray(secret.toUtf8()), [](QByteArray *bytes) {
        bytes->fill('\0');
        delete bytes;
    });
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

std::shared_ptr<Answer> SecretServiceStore::call(Request request)
{
    auto answer = std::make_shared<Answer>();
    auto cancellable = libsecret::newCancellable();
    const bool inTime = m_caller.run([answer, cancellable, request] { request(*answer, cancellable.get()); },
                                     [cancellable] { g_cancellable_cancel(cancellable.get()); });
    return inTime ? answer : nullptr;
}

SecretJob *SecretServiceStore::callLater(Request request)
{
    auto *job = new SecretJob;
    auto answer = std::make_shared<Answer>();
    auto cancellable = libsecret::newCancellable();
    const int timeoutMs = m_caller.timeoutMs();
    // onDone holds nothing of this store: the store may be gone by the deadline.
    m_caller.start(
        job, [answer, cancellable, request] { request(*answer, cancellable.get()); },
        [job, answer, timeoutMs](bool inTime) {
            if (inTime)
                job->finishLater(answer->error, answer->results);
            else
                job->finishLater(KeychainErrors::timedOut(timeoutMs));
        },
        [cancellable] { g_cancellable_cancel(cancellable.get()); });
    return job;
}

Result<QString> SecretServiceStore::read(const QString &key)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    const auto answer = call([scope = scopeOf(m_identity), key](Answer &a, GCancellable *cancellable) {
        a.results.insert(key, secretservice::read(scope, key, cancellable));
    });
    if (!answer)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    const auto it = answer->results.constFind(key);
    return it != answer->results.constEnd() ? *it : Result<QString>(KeychainErrors::emptyKey());
}

Error SecretServiceStore::write(const QString &key, const QString &secret)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    const auto answer = call([scope = scopeOf(m_identity), key, label = labelFor(key),
                              bytes = wipedAfterUse(secret)](Answer &a, GCancellable *cancellable) {
        a.error = secretservice::write(scope, key, label, *bytes, cancellable);
    });
    return answer ? answer->error : KeychainErrors::timedOut(m_caller.timeoutMs());
}

Error SecretServiceStore::remove(const QString &key)
{
    if (key.isEmpty())
        return KeychainErrors::emptyKey();
    const auto answer = call([scope = scopeOf(m_identity), key](Answer &a, GCancellable *cancellable) {
        a.error = secretservice::remove(scope, key, cancellable);
    });
    return answer ? answer->error : KeychainErrors::timedOut(m_caller.timeoutMs());
}

Error SecretServiceStore::probe()
{
    const auto answer =
        call([](Answer &a, GCancellable *cancellable) { a.error = secretservice::probe(cancellable); });
    return answer ? answer->error : KeychainErrors::timedOut(m_caller.timeoutMs());
}

Result<QStringList> SecretServiceStore::storedKeys()
{
    const auto answer = call([scope = scopeOf(m_identity),
                              folder = m_identity.displayFolder](Answer &a, GCancellable *cancellable) {
        a = secretservice::storedKeys(scope, folder, cancellable);
    });
    if (!answer)
        return KeychainErrors::timedOut(m_caller.timeoutMs());
    if (answer->error)
        return answer->error;
    return answer->names;
}

SecretJob *SecretServiceStore::readMany(const QStringList &keys)
{
    return callLater([scope = scopeOf(m_identity), keys](Answer &a, GCancellable *cancellable) {
        a = secretservice::readMany(scope, keys, cancellable);
    });
}

SecretJob *SecretServiceStore::writeLater(const QString &key, const QString &secret)
{
    if (key.isEmpty()) {
        auto *job = new SecretJob;
        job->finishLater(KeychainErrors::emptyKey());
        return job;
    }
    return callLater([scope = scopeOf(m_identity), key, label = labelFor(key),
                      bytes = wipedAfterUse(secret)](Answer &a, GCancellable *cancellable) {
        a.error = secretservice::write(scope, key, label, *bytes, cancellable);
    });
}

SecretJob *SecretServiceStore::writeMany(const QHash<QString, QString> &secrets)
{
    // Wiped once the request is done with them, like wipedAfterUse().
    auto items = std::shared_ptr<QList<secretservice::WriteItem>>(
        new QList<secretservice::WriteItem>, [](QList<secretservice::WriteItem> *list) {
            for (secretservice::WriteItem &item : *list)
                item.secret.fill('\0');
            delete list;
        });
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        items->append({it.key(), labelFor(it.key()), it.value().toUtf8()});
    return callLater([scope = scopeOf(m_identity), items](Answer &a, GCancellable *cancellable) {
        a = secretservice::writeMany(scope, *items, cancellable);
    });
}

SecretJob *SecretServiceStore::removeLater(const QString &key)
{
    if (key.isEmpty()) {
        auto *job = new SecretJob;
        job->finishLater(KeychainErrors::emptyKey());
        return job;
    }
    return callLater([scope = scopeOf(m_identity), key](Answer &a, GCancellable *cancellable) {
        a.error = secretservice::remove(scope, key, cancellable);
    });
}

SecretJob *SecretServiceStore::probeLater()
{
    return callLater(
        [](Answer &a, GCancellable *cancellable) { a.error = secretservice::probe(cancellable); });
}

QString SecretServiceStore::displayName() const
{
    return tr("keychain");
}

} // namespace hftm
