#pragma once

#include "core/hub/RepoRef.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace hftm::test {

// How a fake repo answers: visibility, gating and which tokens may see or read it.
struct FakeRepo {
    bool isPrivate = false;
    QString gated;                   // "", "auto" or "manual"
    QStringList allowedTokens;       // may see a private repo
    QStringList gatedApprovedTokens; // were granted access to a gated repo
    QStringList deniedTokens;        // see it but auth-check answers a plain 403 (fine-grained lacking scope)
    bool disabled = false;           // auth-check answers 403 "Access to this resource is disabled."
};

// One request as the fake Hub received it.
struct RecordedRequest {
    QByteArray method;
    QString path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
};

// A response forced on the next matching request(s), bypassing the token and repo tables.
struct CannedResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // added after Content-Type / X-Request-Id
    QByteArray body;
    QString path;              // only requests to this exact path; empty = any
    bool declareLength = true; // false: no Content-Length, "Connection: close" (read-until-close)
    int chunkBytes = 0;        // > 0: after headers, stream chunkBytes every intervalMs forever
    int intervalMs = 0;
};

// A real HTTP/1.1 server on 127.0.0.1 (QHttpServer, ephemeral port) that answers like the Hub from a
// token table and a repo table using the fixtures in tests/data/hub, with injectable latency, status
// codes, malformed / oversized / endless bodies and redirects. Records every request. Latency uses
// timers, never blocking, so concurrent requests overlap although the server is single-threaded.
class FakeHub : public QObject {
    Q_OBJECT
public:
    explicit FakeHub(QObject *parent = nullptr);
    ~FakeHub() override;

    bool start(); // listen on 127.0.0.1:0
    quint16 port() const { return m_port; }
    QString endpoint() const; // "http://127.0.0.1:<port>"

    // Token table. fixtureName is a file in tests/data/hub, e.g. "whoami_read_token.json".
    void addToken(const QString &secret, const QString &fixtureName);
    void addToken(const QString &secret, const QJsonObject &whoami);
    void setTokenExpired(const QString &secret, bool expired = true); // 401 "… is expired"
    void removeToken(const QString &secret);                          // now unknown → 401 invalid

    void addRepo(RepoRef::Type type, const QString &id, const FakeRepo &repo = FakeRepo());

    // Injection.
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void failNext(const CannedResponse &response, int count = 1);
    void failNext(int status, const QList<QPair<QByteArray, QByteArray>> &headers = {},
                  const QByteArray &body = QByteArray(), int count = 1);
    // 429 with RateLimit / RateLimit-Policy and, when retryAfterHeader, Retry-After.
    void rateLimitNext(int seconds, int count = 1, bool retryAfterHeader = true);
    void malformedNext(int count = 1);                           // 200 with truncated JSON
    void oversizedNext(qint64 bytes, bool declareLength = true); // 200 with a huge JSON-ish body
    void endlessNext(int chunkBytes, int intervalMs);            // 200 that never ends
    void redirect(const QString &fromPath, const QUrl &to, int status = 307);

    // Records.
    QList<RecordedRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    int requestCount(const QString &path) const;
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    void resetStats();

    static QByteArray fixtureBytes(const QString &name); // tests/data/hub/<name>
    static QJsonObject fixture(const QString &name);

private:
    struct Token {
        QJsonObject whoami;
        bool expired = false;
    };
    struct Repo {
        RepoRef::Type type;
        QString id;
        FakeRepo settings;
    };
    enum class Caller { Anonymous, Known, Unknown, Expired };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    CannedResponse route(const QString &path, const QByteArray &authorization);
    CannedResponse whoami(const QByteArray &authorization);
    CannedResponse repoAnswer(const QString &kind, const QString &id, bool authCheck,
                              const QByteArray &authorization);
    CannedResponse unauthorized(Caller caller, const QString &secret) const;
    Caller classify(const QByteArray &authorization, QString *secret) const;
    void send(const std::shared_ptr<QHttpServerResponder> &responder, const QPointer<QTcpSocket> &socket,
              const CannedResponse &response);

    QHttpServer *m_server;
    quint16 m_port = 0;
    int m_latencyMs = 0;
    QHash<QString, Token> m_tokens;
    QList<Repo> m_repos;
    QList<CannedResponse> m_canned;
    QHash<QString, QPair<QUrl, int>> m_redirects;
    QList<RecordedRequest> m_requests;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    quint64 m_requestIds = 0;
};

} // namespace hftm::test
