#pragma once

#include <QString>

namespace hftm {

// The outcome of the last validation of a token. Only the Hub's 401 makes a token Invalid or Expired;
// network trouble is Unreachable and rate limiting RateLimited, and neither changes the verdict.
enum class TokenStatus { Unchecked, Valid, Expired, Invalid, RateLimited, Unreachable };

QString tokenStatusId(TokenStatus status);        // "unchecked", "valid", ... "rate-limited"
TokenStatus tokenStatusFromId(const QString &id); // unknown -> Unchecked
QString tokenStatusText(TokenStatus status);      // translated, for people

} // namespace hftm
