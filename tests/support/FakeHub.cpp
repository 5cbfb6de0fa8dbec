#include "support/FakeHub.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace hftm::test {

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json; charset=utf-8");

using Header = QPair<QByteArray, QByteArray>;

CannedResponse canned(int status, const QByteArray &body, const QList<Header> &headers = {})
{
    CannedResponse response;
    response.status = status;
    response.body = body;
    response.headers = headers;
    return response;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

CannedResponse jsonError(int status, const QByteArray &body, const QByteArray &errorCode,
                         const QByteArray &errorMessage)
{
    CannedResponse response = canned(status, body);
    if (!errorCode.isEmpty())
        response.headers.append(Header("X-Error-Code", errorCode));
    if (!errorMessage.isEmpty())
        response.headers.append(Header("X-Error-Message", errorMessage));
    return response;
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

FakeHub::FakeHub(QObject *parent)
    : QObject(parent)
    , m_server(new QHttpServer(this))
{
    // Every request goes through one handler so routing, recording and delays live in one place.
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, std::move(responder));
    });
}

FakeHub::~FakeHub() = default;

bool FakeHub::start()
{
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QString FakeHub::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QByteArray FakeHub::fixtureBytes(const QString &name)
{
    QFile file(QStringLiteral(HFTM_TEST_DATA_DIR "/hub/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("FakeHub: missing fixture %s", qPrintable(name));
    return file.readAll();
}

QJsonObject FakeHub::fixture(const QString &name)
{
    return QJsonDocument::fromJson(fixtureBytes(name)).object();
}

void FakeHub::addToken(const QString &secret, const QString &fixtureName)
{
    addToken(secret, fixture(fixtureName));
}

void FakeHub::addToken(const QString &secret, const QJsonObject &whoami)
{
    m_tokens.insert(secret, Token{whoami, false});
}

void FakeHub::setTokenExpired(const QString &secret, bool expired)
{
    m_tokens[secret].expired = expired;
}

void FakeHub::removeToken(const QString &secret)
{
    m_tokens.remove(secret);
}

void FakeHub::addRepo(RepoRef::Type type, const QString &id, const FakeRepo &repo)
{
    m_repos.append(Repo{type, id, repo});
}

void FakeHub::failNext(const CannedResponse &response, int count)
{
    for (int i = 0; i < count; ++i)
        m_canned.append(response);
}

void FakeHub::failNext(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &body, int count)
{
    failNext(canned(status, body, headers), count);
}

void FakeHub::rateLimitNext(int seconds, int count, bool retryAfterHeader)
{
    CannedResponse response =
        canned(429, QByteArrayLiteral("{\"error\":\"You have exceeded the rate limit for whoami\"}"));
    response.headers.append(Header("RateLimit", "\"api\";r=0;t=" + QByteArray::number(seconds)));
    response.headers.append(Header("RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300"));
    if (retryAfterHeader)
        response.headers.append(Header("Retry-After", QByteArray::number(seconds)));
    failNext(response, count);
}

void FakeHub::malformedNext(int count)
{
    failNext(200, {}, QByteArrayLiteral("{\"type\":\"user\",\"name\":\"alice-example\",\"auth\":{"), count);
}

void FakeHub::oversizedNext(qint64 bytes, bool declareLength)
{
    QByteArray body = QByteArrayLiteral("{\"name\":\"");
    body.append(QByteArray(bytes, 'x'));
    body.append("\"}");
    CannedResponse response = canned(200, body);
    response.declareLength = declareLength;
    failNext(response);
}

void FakeHub::endlessNext(int chunkBytes, int intervalMs)
{
    CannedResponse response = canned(200, QByteArrayLiteral("{\"name\":\""));
    response.declareLength = false;
    response.chunkBytes = chunkBytes;
    response.intervalMs = intervalMs;
    failNext(response);
}

void FakeHub::redirect(const QString &fromPath, const QUrl &to, int status)
{
    m_redirects.insert(fromPath, {to, status});
}

int FakeHub::requestCount(const QString &path) const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [&path](const RecordedRequest &r) { return r.path == path; }));
}

void FakeHub::resetStats()
{
    m_requests.clear();
    m_maxInFlight = m_inFlight;
}

void FakeHub::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    RecordedRequest record;
    record.method = request.method() == QHttpServerRequest::Method::Get ? QByteArrayLiteral("GET")
                                                                        : QByteArrayLiteral("OTHER");
    record.path = request.url().path();
    record.headers = request.headers();
    m_requests.append(record);
    m_maxInFlight = qMax(m_maxInFlight, ++m_inFlight);

    const CannedResponse response = route(record.path, record.header("Authorization"));
    // The responder keeps a raw socket pointer; watch the socket now, while it surely exists.
    const QPointer<QTcpSocket> socket = responder.socket();
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    if (m_latencyMs <= 0) {
        send(shared, socket, response);
        return;
    }
    // A timer, not a sleep: other connections are served while this one waits.
    QTimer::singleShot(m_latencyMs, this,
                       [this, shared, socket, response] { send(shared, socket, response); });
}

CannedResponse FakeHub::route(const QString &path, const QByteArray &authorization)
{
    for (qsizetype i = 0; i < m_canned.size(); ++i) {
        if (m_canned.at(i).path.isEmpty() || m_canned.at(i).path == path)
            return m_canned.takeAt(i);
    }
    if (const auto it = m_redirects.constFind(path); it != m_redirects.constEnd()) {
        return canned(it->second, QByteArrayLiteral("{\"redirect\":true}"),
                      {Header("Location", it->first.toEncoded())});
    }
    if (path == QLatin1String("/api/whoami-v2"))
        return whoami(authorization);
    static const QRegularExpression repoPath(
        QStringLiteral("^/api/(models|datasets|spaces)/([^/]+/[^/]+?)(/auth-check)?$"));
    const auto match = repoPath.match(path);
    if (match.hasMatch())
        return repoAnswer(match.captured(1), match.captured(2), match.hasCaptured(3), authorization);
    return jsonError(404, QByteArrayLiteral("{\"error\":\"Not Found\"}"), QByteArray(), QByteArray());
}

FakeHub::Caller FakeHub::classify(const QByteArray &authorization, QString *secret) const
{
    if (authorization.isEmpty())
        return Caller::Anonymous;
    if (!authorization.startsWith("Bearer "))
        return Caller::Unknown;
    *secret = QString::fromLatin1(authorization.mid(7));
    const auto it = m_tokens.constFind(*secret);
    if (it == m_tokens.constEnd())
        return Caller::Unknown;
    return it->expired ? Caller::Expired : Caller::Known;
}

CannedResponse FakeHub::unauthorized(Caller caller, const QString &secret) const
{
    if (caller == Caller::Expired) {
        const QString name = m_tokens.value(secret)
                                 .whoami.value(QStringLiteral("auth"))
                                 .toObject()
                                 .value(QStringLiteral("accessToken"))
                                 .toObject()
                                 .value(QStringLiteral("displayName"))
                                 .toString();
        const QByteArray message = "User Access Token \"" + name.toUtf8() + "\" is expired";
        return jsonError(401, json({{QStringLiteral("error"), QString::fromUtf8(message)}}), QByteArray(),
                         message);
    }
    return jsonError(401, fixtureBytes(QStringLiteral("error_401_invalid_token.json")), QByteArray(),
                     QByteArrayLiteral("Invalid credentials in Authorization header"));
}

CannedResponse FakeHub::whoami(const QByteArray &authorization)
{
    QString secret;
    const Caller caller = classify(authorization, &secret);
    if (caller == Caller::Known)
        return canned(200, json(m_tokens.value(secret).whoami));
    return unauthorized(caller == Caller::Anonymous ? Caller::Unknown : caller, secret);
}

CannedResponse FakeHub::repoAnswer(const QString &kind, const QString &id, bool authCheck,
                                   const QByteArray &authorization)
{
    QString secret;
    const Caller caller = classify(authorization, &secret);
    if (caller == Caller::Unknown || caller == Caller::Expired)
        return unauthorized(caller, secret);
    const bool anonymous = caller == Caller::Anonymous;
    const auto repo = std::find_if(m_repos.cbegin(), m_repos.cend(), [&](const Repo &r) {
        RepoRef ref;
        ref.type = r.type;
        return r.id == id && ref.typePlural() == kind;
    });
    const bool visible =
        repo != m_repos.cend() &&
        (!repo->settings.isPrivate || (!anonymous && repo->settings.allowedTokens.contains(secret)));
    if (!visible) {
        // Without a token the Hub hides existence behind 401 (never "Invalid credentials").
        const QByteArray body = fixtureBytes(QStringLiteral("error_404_repo_not_found.json"));
        return anonymous ? jsonError(401, body, QByteArray(), QByteArrayLiteral("Repository not found"))
                         : jsonError(404, body, "RepoNotFound", QByteArrayLiteral("Repository not found"));
    }
    const FakeRepo &settings = repo->settings;
    if (!authCheck) {
        QJsonObject info = fixture(QStringLiteral("repo_info_public_model_200.json"));
        info.insert(QStringLiteral("id"), id);
        info.insert(QStringLiteral("modelId"), id);
        info.insert(QStringLiteral("author"), id.section(QLatin1Char('/'), 0, 0));
        info.insert(QStringLiteral("private"), settings.isPrivate);
        info.insert(QStringLiteral("gated"),
                    settings.gated.isEmpty() ? QJsonValue(false) : QJsonValue(settings.gated));
        return canned(200, json(info));
    }
    if (settings.disabled)
        return jsonError(403, QByteArrayLiteral("{\"error\":\"Access to this resource is disabled.\"}"),
                         QByteArray(), QByteArrayLiteral("Access to this resource is disabled."));
    const QString noun = kind.chopped(1); // "model", "dataset", "space"
    if (!settings.gated.isEmpty() && (anonymous || !settings.gatedApprovedTokens.contains(secret))) {
        const QString page = endpoint() +
                             (kind == QLatin1String("models") ? QString() : QLatin1Char('/') + kind) +
                             QLatin1Char('/') + id;
        const QString message =
            anonymous
                ? QStringLiteral(
                      "Access to %1 %2 is restricted. You must have access to it and be authenticated to "
                      "access it. Please log in.")
                      .arg(noun, id)
                : QStringLiteral(
                      "Access to %1 %2 is restricted and you are not in the authorized list. Visit %3 to "
                      "ask for access.")
                      .arg(noun, id, page);
        return jsonError(anonymous ? 401 : 403, json({{QStringLiteral("error"), message}}), "GatedRepo",
                         message.toUtf8());
    }
    if (settings.deniedTokens.contains(secret)) {
        const QByteArray message = "This fine-grained token does not have the permission repo.content.read";
        return jsonError(403, json({{QStringLiteral("error"), QString::fromUtf8(message)}}), QByteArray(),
                         message);
    }
    return canned(200, QByteArrayLiteral("{}"));
}

void FakeHub::send(const std::shared_ptr<QHttpServerResponder> &responder, const QPointer<QTcpSocket> &socket,
                   const CannedResponse &response)
{
    --m_inFlight;
    if (!socket || !socket->isOpen())
        return; // the client gave up (cancel, timeout) before we answered
    responder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder->writeHeader("Content-Type", JsonType);
    responder->writeHeader("X-Request-Id", "fake-req-" + QByteArray::number(++m_requestIds));
    for (const auto &header : response.headers)
        responder->writeHeader(header.first, header.second);
    if (response.declareLength)
        responder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
    else
        responder->writeHeader("Connection", "close");
    responder->writeBody(response.body);
    if (response.chunkBytes <= 0)
        return;
    // Endless body: keep writing until the client hangs up.
    auto *timer = new QTimer(this);
    const QByteArray chunk(response.chunkBytes, 'x');
    connect(timer, &QTimer::timeout, this, [timer, socket, responder, chunk] {
        if (!socket || !socket->isOpen()) {
            timer->deleteLater();
            return;
        }
        responder->writeBody(chunk);
    });
    timer->start(response.intervalMs);
}

} // namespace hftm::test
