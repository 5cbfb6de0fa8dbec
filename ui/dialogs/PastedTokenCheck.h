#pragma once

#include "core/base/TokenRecord.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace hftm {

class TokenValidator;
struct ValidationResult;

// One token being typed or pasted: waits until the text is quiet (debounce), asks the shared
// TokenValidator about it, drops answers for text that changed meanwhile, and keeps the last verdict.
class PastedTokenCheck : public QObject {
    Q_OBJECT
public:
    explicit PastedTokenCheck(TokenValidator *validator, QObject *parent = nullptr);
    ~PastedTokenCheck() override;

    // Forgets the previous answer and schedules a check of token at endpoint after the debounce
    // interval; an empty token only forgets.
    void setToken(const QString &token, const QString &endpoint);
    // Stops waiting: a pending debounce is dropped and a request in flight is ignored when it answers.
    void cancel();
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }

    bool isBusy() const { return m_debounce.isActive() || !m_pendingKey.isEmpty(); }
    TokenStatus status() const { return m_status; }
    QString message() const { return m_message; }
    const std::optional<WhoamiInfo> &whoami() const { return m_whoami; }
    bool hasVerdict() const { return m_status != TokenStatus::Unchecked; }

signals:
    void started();
    void changed(); // busy state or verdict changed

private:
    void start();
    void onResult(const QString &key, const ValidationResult &result);

    TokenValidator *m_validator;
    QTimer m_debounce;
    QString m_token;
    QString m_endpoint;
    QString m_pendingKey;
    quint64 m_generation = 0;
    TokenStatus m_status = TokenStatus::Unchecked;
    QString m_message;
    std::optional<WhoamiInfo> m_whoami;
};

} // namespace hftm
