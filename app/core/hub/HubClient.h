#pragma once

#include "core/Result.h"
#include "core/base/Clock.h"
#include "core/hub/HubResponse.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace hftm {

class HubClient;

// One GET in flight. Emits finished() exactly once (also for requests refused before sending);
// the owner deletes it (deleteLater) after reading response().
class HubReply : public QObject {
    Q_OBJECT
public:
    const HubResponse &response() const { return m_response; }
    bool isFinished() const { return m_finished; }
    void abort(); // finishes with TransportError::Cancelled (finished() is still emitted)

Q_SIGNALS:
    void finished();

private:
    friend class HubClient;
    explicit HubReply(HubClient *client);
    void attach(QNetworkReply *reply);
    void onReadyRead();
    void onMetaDataChanged();
    bool followRedirect(QNetworkReply *reply); // same-origin 3xx: re-sent with the token; true if so
    void onFinished();
    void fail(TransportError error, const QString &text); // aborts the transfer
    void finishWith(HubResponse response);

    HubClient *m_client;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_deadline = nullptr;
    QByteArray m_authorization; // kept only to repeat the request on a same-origin redirect
    HubResponse m_response;
    QByteArray m_body;
    TransportError m_abortReason = TransportError::None;
    int m_redirects = 0;
    QString m_abortText;
    bool m_finished = false;
};

// Remembers, per origin, until when the Hub asked us to stop (429 + Retry-After), so queued
// requests are answered "rate limited" without touching the network (no retry storms).
class RateLimitGate {
public:
    void markLimited(const QString &origin, const QDateTime &until);
    int secondsLeft(const QString &origin, const QDateTime &now) const; // 0 when free
    void clear() { m_until.clear(); }

private:
    QHash<QString, QDateTime> m_until;
};

// The only place that talks HTTP to the Hub: owns the QNetworkAccessManager, adds the Bearer header,
// the User-Agent, the timeout, the body cap and the same-origin redirect rule to every request.
class HubClient : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 15000;
    static constexpr qint64 DefaultMaxBodyBytes = 1024 * 1024;
    static constexpr int MaxRedirects = 5;

    explicit HubClient(QObject *parent = nullptr);
    ~HubClient() override;

    static QString defaultEndpoint(); // https://huggingface.co
    // The per-token endpoint if set, else HF_ENDPOINT, else the default; trailing '/' removed.
    static QString resolveEndpoint(const QString &perTokenEndpoint = QString());
    // HTTPS only, except http on loopback (literal 127.0.0.0/8 or ::1) for tests and local mirrors.
    // No user info, query or fragment. A default Error means acceptable.
    static Error validateEndpoint(const QString &endpoint);
    static QString origin(const QUrl &url); // "https://host:443"
    static QByteArray userAgent();          // "hf-token-manager/<version> (+Qt)"

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

    // The app's clock for caches, rate limits and when an answer was taken; tests inject a fixed one.
    // Shared by validator and checker. An empty function means the system clock.
    void setClock(NowFunction clock);
    QDateTime now() const;
    RateLimitGate &rateLimits() { return m_rateLimits; }

    // GET endpoint + path, with "Authorization: Bearer <token>" unless token is empty. Never null.
    HubReply *get(const QString &endpoint, const QString &path, const QString &token);

    // Runs a local event loop until the reply finishes, then deletes it. Transport errors become an
    // Error (ErrorCode::Network); any HTTP status is a value. For the CLI.
    static Result<HubResponse> waitFor(HubReply *reply);

    quint64 requestsSent() const { return m_requestsSent; } // requests that reached the network layer

private:
    friend class HubReply;
    QNetworkReply *send(const QUrl &url, const QByteArray &authorization);

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = DefaultTimeoutMs;
    qint64 m_maxBodyBytes = DefaultMaxBodyBytes;
    NowFunction m_clock;
    RateLimitGate m_rateLimits;
    quint64 m_requestsSent = 0;
};

} // namespace hftm
