#include "core/hub/HubClient.h"

#include "core/hub/HubErrors.h"
#include "core/hub/OfflineMode.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace hftm {

namespace {

// Only literal loopback addresses: the name "localhost" goes through /etc/hosts and DNS, and a
// misconfigured machine must not send a token off-host in clear text because of it.
bool isLoopbackHost(const QString &host)
{
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Printable form of an endpoint that never shows user info, query or fragment.
QString safeEndpointText(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

// Errors QNetworkReply raises because of the HTTP status line, not because the transfer failed.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    return (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError) ||
           error == QNetworkReply::ProtocolInvalidOperationError ||
           (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError);
}

} // namespace

// ---- RateLimitGate ------------------------------------------------------------------------------

void RateLimitGate::markLimited(const QString &origin, const QDateTime &until)
{
    if (!m_until.contains(origin) || m_until.value(origin) < until)
        m_until.insert(origin, until);
}

int RateLimitGate::secondsLeft(const QString &origin, const QDateTime &now) const
{
    const auto it = m_until.constFind(origin);
    if (it == m_until.constEnd() || *it <= now)
        return 0;
    return int(qMax<qint64>(1, (now.msecsTo(*it) + 999) / 1000));
}

// ---- HubReply -----------------------------------------------------------------------------------

// How much of a reply Qt may hold before this code has read it (see attach()).
constexpr qint64 ReadBufferBytes = 64 * 1024;

HubReply::HubReply(HubClient *client)
    : QObject(client)
    , m_client(client)
{
}

void HubReply::attach(QNetworkReply *reply)
{
    m_reply = reply;
    reply->setParent(this); // deleting the HubReply aborts the transfer
    // Qt's default read buffer is unlimited: a reply without Content-Length would otherwise be pulled
    // into memory as fast as the network delivers while this thread is busy, whatever the body cap says.
    // A bounded buffer makes Qt stop reading the socket until onReadyRead() has taken the data.
    reply->setReadBufferSize(qMin<qint64>(ReadBufferBytes, m_client->maxBodyBytes() + 1));
    connect(reply, &QNetworkReply::readyRead, this, &HubReply::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, &HubReply::onMetaDataChanged);
    connect(reply, &QNetworkReply::finished, this, &HubReply::onFinished);
    if (m_deadline)
        return; // a redirect hop: the deadline covers the whole exchange
    // The transfer timeout only catches silence; this deadline also stops a server that trickles.
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        fail(TransportError::Timeout,
             tr("The Hub did not answer within %1 seconds.").arg(m_client->timeoutMs() / 1000.0, 0, 'g', 3));
    });
    m_deadline->start(m_client->timeoutMs());
}

void HubReply::abort()
{
    fail(TransportError::Cancelled, tr("Cancelled."));
}

void HubReply::onReadyRead()
{
    if (!m_reply || m_abortReason != TransportError::None)
        return;
    // Take everything buffered, a bounded piece at a time; past the cap the transfer is aborted at once.
    while (m_reply->bytesAvailable() > 0) {
        m_body += m_reply->read(m_client->maxBodyBytes() + 1 - m_body.size());
        if (m_body.size() > m_client->maxBodyBytes()) {
            fail(TransportError::TooLarge, tr("The Hub's answer was larger than %1 bytes and was not read.")
                                               .arg(m_client->maxBodyBytes()));
            return;
        }
    }
}

void HubReply::onMetaDataChanged()
{
    if (!m_reply || m_abortReason != TransportError::None)
        return;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_client->maxBodyBytes())
        fail(TransportError::TooLarge,
             tr("The Hub's answer was larger than %1 bytes and was not read.").arg(m_client->maxBodyBytes()));
}

bool HubReply::followRedirect(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray location = reply->rawHeader("Location");
    if (status < 300 || status > 399 || status == 304 || location.isEmpty())
        return false;
    const QUrl target = m_response.url.resolved(QUrl::fromEncoded(location));
    if (HubClient::origin(target) != HubClient::origin(m_response.url)) {
        // The request carries the token: another origin must never receive it, so stop here.
        m_abortReason = TransportError::RedirectRefused;
        m_abortText = tr("The Hub redirected to another server (%1); the redirect was not followed.")
                          .arg(HubClient::origin(target));
        return false;
    }
    if (++m_redirects > HubClient::MaxRedirects) {
        m_abortReason = TransportError::RedirectRefused;
        m_abortText = tr("The Hub redirected too many times; giving up.");
        return false;
    }
    disconnect(reply, nullptr, this, nullptr);
    reply->deleteLater();
    m_response.url = target;
    m_body.clear();
    attach(m_client->send(target, m_authorization));
    return true;
}

void HubReply::fail(TransportError error, const QString &text)
{
    if (m_finished || m_abortReason != TransportError::None)
        return;
    m_abortReason = error;
    m_abortText = text;
    if (m_reply && m_reply->isRunning()) {
        m_reply->abort(); // emits finished(), handled by onFinished()
        return;
    }
    HubResponse response = m_response;
    response.error = error;
    response.errorText = text;
    finishWith(std::move(response));
}

void HubReply::onFinished()
{
    if (m_finished || !m_reply)
        return;
    QNetworkReply *reply = m_reply;
    if (m_abortReason == TransportError::None && followRedirect(reply))
        return;
    HubResponse response = m_response;
    if (m_abortReason == TransportError::None) {
        m_body += reply->read(m_client->maxBodyBytes() + 1 - m_body.size());
        if (m_body.size() > m_client->maxBodyBytes()) {
            m_abortReason = TransportError::TooLarge;
            m_abortText = tr("The Hub's answer was larger than %1 bytes and was not read.")
                              .arg(m_client->maxBodyBytes());
        }
    }
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_abortReason != TransportError::None) {
        response.error = m_abortReason;
        response.errorText = m_abortText;
    } else if ((error == QNetworkReply::NoError || isHttpStatusError(error)) && status.isValid()) {
        response.httpStatus = status.toInt();
        response.body = m_body;
        response.headers = reply->rawHeaderPairs();
    } else if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
        // Qt reports its transfer timeout as a cancel; we did not cancel, so it was the timeout.
        response.error = TransportError::Timeout;
        response.errorText =
            tr("The Hub did not answer within %1 seconds.").arg(m_client->timeoutMs() / 1000.0, 0, 'g', 3);
    } else if (error == QNetworkReply::SslHandshakeFailedError) {
        response.error = TransportError::Tls;
        response.errorText = tr("The secure connection to the Hub failed: %1").arg(reply->errorString());
    } else if (error == QNetworkReply::TooManyRedirectsError ||
               error == QNetworkReply::InsecureRedirectError) {
        response.error = TransportError::RedirectRefused;
        response.errorText = tr("The Hub's redirects were not followed: %1").arg(reply->errorString());
    } else {
        response.error = TransportError::Network;
        response.errorText = tr("The Hub could not be reached: %1").arg(reply->errorString());
    }
    reply->deleteLater();
    finishWith(std::move(response));
}

void HubReply::finishWith(HubResponse response)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_deadline)
        m_deadline->stop();
    if (m_reply)
        disconnect(m_reply, nullptr, this, nullptr);
    m_response = std::move(response);
    Q_EMIT finished();
}

// ---- HubClient ----------------------------------------------------------------------------------

HubClient::HubClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_clock(&systemNow)
{
    // Redirects are followed by HubReply itself (same origin only), never by Qt.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HubClient::~HubClient() = default;

QString HubClient::defaultEndpoint()
{
    return QStringLiteral("https://huggingface.co");
}

QString HubClient::resolveEndpoint(const QString &perTokenEndpoint)
{
    QString endpoint = perTokenEndpoint.trimmed();
    if (endpoint.isEmpty())
        endpoint = qEnvironmentVariable("HF_ENDPOINT").trimmed();
    if (endpoint.isEmpty())
        endpoint = defaultEndpoint();
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    return endpoint;
}

Error HubClient::validateEndpoint(const QString &endpoint)
{
    const QUrl url(endpoint.trimmed(), QUrl::StrictMode);
    if (endpoint.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The Hub endpoint is not a valid web address."));
    if (!url.userInfo().isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("The Hub endpoint must not contain a user name or password."));
    if (url.hasQuery() || url.hasFragment())
        return makeError(
            ErrorCode::InvalidInput,
            tr("The Hub endpoint %1 must not contain a query or fragment.").arg(safeEndpointText(url)));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    return makeError(ErrorCode::InvalidInput,
                     tr("Refusing the Hub endpoint %1: tokens are only sent over HTTPS "
                        "(plain HTTP is allowed only to this computer, by address: 127.0.0.1 or [::1]).")
                         .arg(safeEndpointText(url)));
}

QString HubClient::origin(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("http") ? 80 : 443);
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':') + QString::number(port);
}

QByteArray HubClient::userAgent()
{
    return QByteArrayLiteral("hf-token-manager/" HFTM_VERSION " (+Qt)");
}

void HubClient::setClock(NowFunction clock)
{
    m_clock = clock ? std::move(clock) : NowFunction(&systemNow);
}

QDateTime HubClient::now() const
{
    return m_clock();
}

HubReply *HubClient::get(const QString &endpoint, const QString &path, const QString &token)
{
    auto *reply = new HubReply(this);
    QString base = endpoint.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    reply->m_response.url = QUrl(base + path, QUrl::StrictMode);

    auto refuse = [reply](TransportError error, const QString &text) {
        // Finish later so callers can connect to finished() first, as for a real request.
        QMetaObject::invokeMethod(
            reply, [reply, error, text] { reply->fail(error, text); }, Qt::QueuedConnection);
        return reply;
    };
    // The one gate for huggingface_hub's offline mode: every request of the program passes here, so with
    // HF_HUB_OFFLINE set nothing reaches the network, and the answer is "unreachable", never a verdict.
    if (OfflineMode::isOn())
        return refuse(TransportError::Offline, OfflineMode::message());
    if (const Error error = validateEndpoint(base))
        return refuse(TransportError::InvalidEndpoint, error.message);
    if (!reply->m_response.url.isValid())
        return refuse(TransportError::InvalidEndpoint, tr("The Hub address could not be built."));
    for (const QChar c : token) {
        // Only visible ASCII can go in a header; a CR/LF would let the token forge other headers.
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return refuse(TransportError::InvalidToken,
                          tr("The token contains spaces, control or non-ASCII characters; it was not sent."));
    }
    reply->m_authorization = token.isEmpty() ? QByteArray() : QByteArrayLiteral("Bearer ") + token.toLatin1();
    reply->attach(send(reply->m_response.url, reply->m_authorization));
    return reply;
}

QNetworkReply *HubClient::send(const QUrl &url, const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization); // the one place a token is attached
    // Manual: Qt would resend the Authorization header to any origin of the same or stronger scheme,
    // and Qt 6.4's user-verified policy misbehaves on redirect chains (spurious resends).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    // HTTP/2 stays allowed (Qt's default over TLS, negotiated by ALPN): to the real Hub all requests then
    // share one multiplexed connection. Loopback test servers speak HTTP/1.1 (6 connections per host).
    // Answers depend on the token: never reuse a cached answer or a cookie from another token.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    ++m_requestsSent;
    return m_nam->get(request);
}

Result<HubResponse> HubClient::waitFor(HubReply *reply)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        connect(reply, &HubReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    HubResponse response = reply->response();
    delete reply;
    if (response.error != TransportError::None)
        return makeError(ErrorCode::Network, response.errorText);
    return response;
}

} // namespace hftm
