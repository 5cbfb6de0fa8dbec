#include "core/secrets/MemorySecretStore.h"

#include <QCoreApplication>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::MemorySecretStore", text);
}

// Same wording class as the real keychain so callers exercise their "no keychain" path unchanged.
Error unavailableError()
{
    return makeError(ErrorCode::KeychainUnavailable,
                     tr("No keychain is reachable (the in-memory test store was told to act unavailable)."));
}

Error emptyKeyError()
{
    return makeError(ErrorCode::InvalidInput, tr("A keychain entry needs a non-empty name."));
}
} // namespace

// Every public call counts as one operation, failed ones included: benchmarks and tests use the count
// to prove that e.g. drawing the token list reads no secret at all.
Result<QString> MemorySecretStore::read(const QString &key)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return makeError(ErrorCode::NotFound, tr("The keychain has no entry named “%1”.").arg(key));
    return it.value();
}

Error MemorySecretStore::write(const QString &key, const QString &secret)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    m_entries.insert(key, secret);
    return {};
}

Error MemorySecretStore::remove(const QString &key)
{
    ++m_operations;
    if (m_unavailable)
        return unavailableError();
    if (key.isEmpty())
        return emptyKeyError();
    m_entries.remove(key); // removing a missing entry succeeds, like the real keychain
    return {};
}

Error MemorySecretStore::probe()
{
    ++m_operations;
    return m_unavailable ? unavailableError() : Error{};
}

QString MemorySecretStore::displayName() const
{
    return tr("memory");
}

Result<QStringList> MemorySecretStore::storedKeys()
{
    if (m_unavailable)
        return unavailableError();
    QStringList keys = m_entries.keys();
    keys.sort();
    return keys;
}

} // namespace hftm
