#pragma once

#include "core/secrets/SecretStore.h"

#include <QHash>

#include <chrono>
#include <functional>
#include <memory>

namespace hftm {

// An in-process SecretStore for unit tests and benchmarks; can be told to act unavailable, or slow.
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
    // next turn of the event loop). The synchronous calls stay immediate.
    void setLatency(std::chrono::milliseconds latency) { m_latency = latency; }
    std::chrono::milliseconds latency() const { return m_latency; }
    const QHash<QString, QString> &entries() const { return m_entries; }
    int operationCount() const { return m_operations; }
    // Asynchronous requests made so far (readMany of 100 keys is one).
    int requestCount() const { return m_requests; }
    // Asynchronous requests made but not answered yet.
    int pendingRequests() const { return m_requests - m_answered; }

private:
    SecretJob *answerLater(std::function<void(SecretJob *)> answer);

    QHash<QString, QString> m_entries;
    bool m_unavailable = false;
    int m_operations = 0;
    int m_requests = 0;
    int m_answered = 0;
    std::chrono::milliseconds m_latency{0};
    // Watched by pending answers: a store destroyed first answers them as unavailable instead.
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace hftm
