#pragma once

#include "core/secrets/SecretStore.h"

#include <QHash>

namespace hftm {

// An in-process SecretStore for unit tests and benchmarks; can be told to act unavailable.
class MemorySecretStore final : public SecretStore {
public:
    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    Error probe() override;
    QString displayName() const override;
    // Not counted as an operation: it reads no secret, and operationCount() proves secrets stay unread.
    Result<QStringList> storedKeys() override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    const QHash<QString, QString> &entries() const { return m_entries; }
    int operationCount() const { return m_operations; }

private:
    QHash<QString, QString> m_entries;
    bool m_unavailable = false;
    int m_operations = 0;
};

} // namespace hftm
