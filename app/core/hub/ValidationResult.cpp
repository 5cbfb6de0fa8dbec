#include "core/hub/ValidationResult.h"

#include "core/base/TokenRole.h"
#include "core/hub/HubErrors.h"
#include "core/hub/WhoamiParser.h"

#include <QCoreApplication>
#include <QLocale>

namespace hftm {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("hftm::TokenValidator", text, disambiguation, n);
}

QString withHubMessage(const QString &sentence, const HubResponse &response)
{
    const QString hub = HubErrors::hubMessage(response);
    return hub.isEmpty() ? sentence : sentence + QLatin1Char(' ') + hub;
}

} // namespace

ValidationResult interpretWhoami(const HubResponse &response, const QDateTime &now, const QString &token)
{
    ValidationResult result;
    result.checkedAt = now;
    result.httpStatus = response.hasHttpStatus() ? response.httpStatus : 0;
    if (!response.hasHttpStatus()) {
        result.status = TokenStatus::Unreachable;
        result.message = response.errorText;
    } else if (response.httpStatus == 200) {
        const Result<WhoamiInfo> parsed = WhoamiParser::parse(response.body);
        if (!parsed) {
            // A captive portal or a broken proxy also answers 200: that says nothing about the token.
            result.status = TokenStatus::Unreachable;
            result.message = parsed.error().message;
        } else {
            result.whoami = parsed.value();
            const QDateTime expires = parsed->expiresAt;
            if (expires.isValid() && expires <= now) {
                result.status = TokenStatus::Expired;
                result.message =
                    tr("This token of %1 expired on %2.")
                        .arg(parsed->user, QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat));
            } else {
                result.status = TokenStatus::Valid;
                result.message =
                    tr("Valid token of %1 (%2).")
                        .arg(parsed->user, parsed->role.isEmpty()
                                               ? tr("no role given")
                                               : tokenRoleText(parsed->roleKind, parsed->role)); // "fine-grained", as everywhere
            }
        }
    } else if (response.httpStatus == 401) {
        if (HubErrors::isExpiredMessage(response)) {
            result.status = TokenStatus::Expired;
            result.message = withHubMessage(tr("The Hub says this token has expired."), response);
        } else {
            result.status = TokenStatus::Invalid;
            result.message =
                withHubMessage(tr("The Hub rejected this token (revoked, deleted or mistyped)."), response);
        }
    } else if (response.httpStatus == 429) {
        result.status = TokenStatus::RateLimited;
        result.retryAfterSeconds = HubErrors::retryAfterSeconds(response, now);
        result.message = withHubMessage(
            tr("The Hub is rate-limiting token checks from this address; try again in %n second(s).", nullptr,
               result.retryAfterSeconds),
            response);
    } else {
        result.status = TokenStatus::Unreachable;
        result.message =
            response.httpStatus >= 500
                ? withHubMessage(tr("The Hub had a server error (HTTP %1); the token was not judged.")
                                     .arg(response.httpStatus),
                                 response)
                : withHubMessage(
                      tr("The Hub answered HTTP %1; the token was not judged.").arg(response.httpStatus),
                      response);
    }
    result.message = HubErrors::redact(result.message, token);
    return result;
}

} // namespace hftm
