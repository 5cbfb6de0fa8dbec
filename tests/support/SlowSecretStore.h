#pragma once

// A keychain that answers slowly, for tests of whoever waits on it: every request takes latencyMs, the
// way a busy Secret Service does over D-Bus. The asynchronous calls finish later and block nothing; the
// synchronous read() spins a local event loop meanwhile, exactly as the real synchronous keychain calls
// do, so a caller of it is re-entered by whatever else arrives in that time (the Hub's answers).
#include "core/secrets/MemorySecretStore.h"
#include "core/secrets/SecretJob.h"

#include <QEventLoop>
#include <QTimer>

namespace hftm::test {

class SlowSecretStore final : public SecretStore {
public:
    explicit SlowSecretStore(int latencyMs = 300)
        : m_latencyMs(latencyMs)
    {
    }

    Result<QString> read(const QString &key) override
    {
        ++m_reads;
        QEventLoop loop;
        QTimer::singleShot(m_latencyMs, &loop, &QEventLoop::quit);
        loop.exec();
        return m_memory.read(key);
    }
    Error write(const QString &key, const QString &secret) override { return m_memory.write(key, secret); }
    Error remove(const QString &key) override { return m_memory.remove(key); }
    Error probe() override { return m_memory.probe(); }
    QString displayName() const override { return m_memory.displayName(); }
    Result<QStringList> storedKeys() override { return m_memory.storedKeys(); }

    // One request for all the keys: answered after latencyMs, the event loop free meanwhile.
    SecretJob *readMany(const QStringList &keys) override
    {
        ++m_bulkReads;
        auto *job = new SecretJob;
        QTimer::singleShot(m_latencyMs, job, [this, job, keys] {
            QHash<QString, Result<QString>> results;
            for (const QString &key : keys)
                results.insert(key, m_memory.read(key));
            job->finishLater(Error{}, std::move(results));
        });
        return job;
    }

    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void resetCounts() { m_reads = m_bulkReads = 0; }
    MemorySecretStore &memory() { return m_memory; }
    int reads() const { return m_reads; }         // synchronous, one key each
    int bulkReads() const { return m_bulkReads; } // readMany() requests

private:
    MemorySecretStore m_memory;
    int m_latencyMs;
    int m_reads = 0;
    int m_bulkReads = 0;
};

} // namespace hftm::test
