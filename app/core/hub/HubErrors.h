#pragma once

#include "core/hub/HubResponse.h"

#include <QDateTime>
#include <QString>

namespace hftm {

// Stateless helpers that turn the Hub's error headers and bodies into plain words, the way
// huggingface_hub's hf_raise_for_status does.
namespace HubErrors {

inline constexpr char InvalidCredentialsMessage[] = "Invalid credentials in Authorization header";
inline constexpr int DefaultRetryAfterSeconds = 60; // a 429 with neither Retry-After nor RateLimit t=

// X-Error-Message + JSON error (string or list) / error_description / errors[].message (or the raw
// text when the body is neither JSON nor HTML), de-duplicated, control characters removed, length
// bounded, then " (Request ID: …)" from X-Request-Id / X-Amzn-Trace-Id / X-Amz-Cf-Id.
QString hubMessage(const HubResponse &response);
QString requestId(const HubResponse &response);
QString errorCode(const HubResponse &response);         // X-Error-Code, e.g. "GatedRepo"
bool isInvalidCredentials(const HubResponse &response); // 401 + the Hub's invalid-credentials wording
bool isExpiredMessage(const HubResponse &response);     // 401 whose message says the token "is expired"

// Seconds to wait after a 429: numeric or HTTP-date Retry-After, else RateLimit's t=, else the default.
int retryAfterSeconds(const HubResponse &response, const QDateTime &now);

// One sentence for a response the caller does not understand better: status + Hub message, or the
// transport error. Used for messages shown by the CLI and the GUI.
QString describeHubError(const HubResponse &response);

// Replaces every occurrence of the token with its masked form, and any other run of RedactedPiece or
// more of its characters with "****": a last line of defence so no secret, whole or in part, reaches a
// message, even if a server echoes it.
inline constexpr qsizetype RedactedPiece = 8;
QString redact(QString text, const QString &token);

// Keeps printable characters only (a server must not drive the terminal), at most maxChars. A longer
// text is cut between words and ends in an ellipsis: no part of a token survives a cut, since redact()
// only recognises it whole.
QString sanitize(const QString &text, int maxChars = 500);

} // namespace HubErrors
} // namespace hftm
