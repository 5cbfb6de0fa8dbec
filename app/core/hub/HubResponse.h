#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace hftm {

// Why no usable HTTP answer arrived. Any of these is "unreachable", never a verdict on a token.
enum class TransportError {
    None,            // an HTTP status arrived (which may itself be an error status)
    InvalidEndpoint, // refused before sending: not HTTPS (and not loopback), or not a URL
    InvalidToken,    // refused before sending: the token has characters that cannot go in a header
    Offline,         // refused before sending: HF_HUB_OFFLINE is set to a true value
    Network,         // connection refused, DNS, reset, ...
    Tls,             // certificate or handshake problem; never ignored
    Timeout,         // no progress, or no full answer, within the client's timeout
    TooLarge,        // body bigger than the client's cap; the transfer was aborted
    RedirectRefused, // redirect to another origin (or too many); not followed with the token
    Cancelled,       // the caller aborted it
};

// One finished GET: status, headers and body, or the reason there is none. Holds no token.
struct HubResponse {
    int httpStatus = 0; // 0 unless error == None
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // as received
    TransportError error = TransportError::None;
    QString errorText; // translated, for people; empty when error == None
    QUrl url;          // the last URL asked (after same-origin redirects)

    bool hasHttpStatus() const { return error == TransportError::None && httpStatus > 0; }
    QByteArray header(const QByteArray &name) const; // case-insensitive, first match, empty if absent
};

} // namespace hftm
