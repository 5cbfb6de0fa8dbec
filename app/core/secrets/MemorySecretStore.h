#pragma once

#include "core/secrets/SecretStore.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace hftm {

// An in-process SecretStore for unit tests and benchmarks; can be told to act unavailable, or slow.
// Safe to use from two threads at once (the GUI thread's asynchronous calls and StoreEditor's worker's
// synchronous ones), like the real keychains.
class MemorySecretStore final : public SecretStore {
public:
    Result<QString> read(const QString &key) override;
    Error write(const QString &key, const QString &secret) override;
    Error remove(const QString &key) override;
    Error probe() override;
    QString displayName() const override;
    // Not counted as an operation: it reads no secret, and operationCount() proves secrets stay unread.
    Result<QStringList> storedKeys() override;

    // Each asynchronous request is one request(), answered after latency() by a QTimer on the calling
    // thread (never a sleep); its effect (the read, write or removal) happens when it answers. readMany
    // counts one operation per key, like that many read() calls.
    SecretJob *readMany(const QStringList &keys) override;
    SecretJob *writeLater(const QString &key, const QString &secret) override;
    SecretJob *removeLater(const QString &key) override;
    SecretJob *probeLater() override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    // A slow fake keychain: every asynchronous request answers this long after it was made (0: on the
    // next turn of the event loop). The synchronous calls stay immediate unless setBlockingLatency().
    void setLatency(std::chrono::milliseconds latency) { m_latency = latency; }
    std::chrono::milliseconds latency() const { return m_latency; }
    // The synchronous calls take this long too, blocking their thread the way a real keychain's bounded
    // wait for D-Bus does (0, the default: immediate). A caller on the GUI thread then freezes it.
    void setBlockingLatency(std::chrono::milliseconds latency) { m_blockingLatency = latency; }
    // A copy: the store may be changed from another thread meanwhile.
    QHash<QString, QString> entries() const;
    int operationCount() const { return m_operations; }
    // Asynchronous requests made so far (readMany of 100 keys is one).
    int requestCount() const { return m_requests; }
    // Asynchronous requests made but not answered yet.
    int pendingRequests() const { return m_requests - m_answered; }

private:
    SecretJob *answerLater(std::function<void(SecretJob *)> answer);

    void blockAsConfigured() const;
    // The effect itself, never blocking: what the asynchronous answers run on the calling thread.
    Result<QString> readNow(const QString &key);
    Error writeNow(const QString &key, const QString &secret);
    Error removeNow(const QString &key);
    Error probeNow();

    mutable QMutex m_mutex; // guards m_entries; never held while blocking
    QHash<QString, QString> m_entries;
    std::atomic<bool> m_unavailable = false;
    std::atomic<int> m_operations = 0;
    std::atomic<int> m_requests = 0;
    std::atomic<int> m_answered = 0;
    std::atomic<std::chrono::milliseconds> m_latency{std::chrono::milliseconds(0)};
    std::atomic<std::chrono::milliseconds> m_blockingLatency{std::chrono::milliseconds(0)};
    // Watched by pending answers: a store destroyed first answers them as unavailable instead.
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace hftm
