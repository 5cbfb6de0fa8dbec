#pragma once

#include "core/Result.h"
#include "core/base/WhoamiInfo.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>

namespace hftm {

// Turns the Hub's /api/whoami-v2 200 body into a WhoamiInfo. Pure functions, no network.
namespace WhoamiParser {

// Tolerant: absent optional fields stay empty, unknown roles are kept as opaque strings, the expiry
// comes from auth.expiresAt or else auth.accessToken.expiration. Fails (ErrorCode::Hub) only when
// the body is not a JSON object naming an account ("name").
Result<WhoamiInfo> parse(const QByteArray &json);

// ISO-8601 (with or without milliseconds, any offset) or Unix seconds/milliseconds; invalid otherwise.
QDateTime parseTimestamp(const QJsonValue &value);

} // namespace WhoamiParser
} // namespace hftm
