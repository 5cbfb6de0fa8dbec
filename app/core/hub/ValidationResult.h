#pragma once

#include "core/base/TokenRecord.h"
#include "core/base/WhoamiInfo.h"
#include "core/hub/HubResponse.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hftm {

// What one whoami-v2 call says about one token. Only a 401 from the Hub yields Invalid or Expired.
struct ValidationResult {
    TokenStatus status = TokenStatus::Unchecked;
    QString message;                  // plain words for people: Hub message + request id; never the token
    std::optional<WhoamiInfo> whoami; // set when the Hub answered 200 with a readable body
    int httpStatus = 0;               // 0 when no HTTP answer
    int retryAfterSeconds = 0;        // RateLimited: how long to wait
    QDateTime checkedAt;              // when the answer arrived (or was decided without a request)
    bool fromCache = false;           // reused a recent answer, no request was sent
};

// Maps a finished whoami-v2 response to a result (pure; `now` decides expiry and Retry-After dates).
// 200 + body → Valid, or Expired when auth.expiresAt is past; 401 "is expired" → Expired; other 401
// → Invalid; 429 → RateLimited; anything else (network, TLS, timeout, 5xx, other 4xx, malformed or
// oversized body) → Unreachable. The token is only used to redact it from the message.
ValidationResult interpretWhoami(const HubResponse &response, const QDateTime &now, const QString &token);

} // namespace hftm
