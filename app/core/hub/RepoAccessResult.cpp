#include "core/hub/RepoAccessResult.h"

#include "core/hub/HubErrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace hftm {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("hftm::RepoAccessChecker", text, nullptr, n);
}

QString kindOf(const RepoRef &repo)
{
    switch (repo.type) {
    case RepoRef::Dataset:
        return tr("dataset");
    case RepoRef::Space:
        return tr("Space");
    case RepoRef::Model:
        break;
    }
    return tr("model");
}

void readInfo(const HubResponse &info, RepoAccessResult &result)
{
    const QJsonObject object = QJsonDocument::fromJson(info.body).object();
    result.isPrivate = object.value(QStringLiteral("private")).toBool();
    const QJsonValue gated = object.value(QStringLiteral("gated"));
    result.gated = gated.isString() ? gated.toString() : QString(); // false → not gated
}

// One non-200 answer (info or auth-check) → state + explanation, in hf_raise_for_status order.
void classify(const RepoRef &repo, const QString &endpoint, bool anonymous, const HubResponse &response,
              const QDateTime &now, RepoAccessResult &result)
{
    using State = RepoAccessResult::State;
    const QString what = kindOf(repo);
    const QString name = repo.displayId();
    result.httpStatus = response.hasHttpStatus() ? response.httpStatus : 0;
    if (!response.hasHttpStatus()) {
        result.state = State::Unreachable;
        result.explanation = response.errorText;
        return;
    }
    result.errorCode = HubErrors::errorCode(response);
    result.hubMessage = HubErrors::hubMessage(response);
    const int status = response.httpStatus;
    const QString code = result.errorCode;
    if (code == QLatin1String("GatedRepo")) {
        result.state = State::Gated;
        result.requestAccessUrl = QUrl(repo.webUrl(endpoint));
        result.explanation =
            anonymous
                ? tr("The %1 %2 is gated: log in with a token whose account was granted access, or request "
                     "access at %3.")
                      .arg(what, name, result.requestAccessUrl.toString())
                : tr("The %1 %2 is gated and this account has not been granted access (or the request is "
                     "still "
                     "pending). Request access at %3.")
                      .arg(what, name, result.requestAccessUrl.toString());
    } else if (status == 403 && QString::fromUtf8(response.header("X-Error-Message"))
                                    .startsWith(QLatin1String("Access to this resource is disabled"))) {
        result.state = State::NoAccess;
        result.explanation =
            tr("The %1 %2 has been disabled on the Hub; nobody can read it.").arg(what, name);
    } else if (status == 401 && !anonymous && HubErrors::isExpiredMessage(response)) {
        result.state = State::TokenInvalid;
        result.explanation = tr("This token has expired; create a new one to read %1.").arg(name);
    } else if (status == 401 && !anonymous && HubErrors::isInvalidCredentials(response)) {
        result.state = State::TokenInvalid;
        result.explanation =
            tr("The Hub rejected this token (revoked, expired or mistyped), so nothing about "
               "%1 could be checked.")
                .arg(name);
    } else if (code == QLatin1String("RepoNotFound") || code == QLatin1String("RevisionNotFound") ||
               status == 404 || status == 401) {
        // Without a token the Hub answers 401 for missing, private and gated repos alike.
        result.state = State::NotFound;
        result.explanation =
            anonymous ? tr("The %1 %2 doesn't exist, or it is private and needs a token that can see it.")
                            .arg(what, name)
                      : tr("The %1 %2 doesn't exist, or it is private and this token can't see it.")
                            .arg(what, name);
    } else if (status == 403) {
        result.state = State::NoAccess;
        result.explanation =
            tr("This token may not read the %1 %2: its permissions are insufficient "
               "(for a fine-grained token, add read access to this repo or its owner), or an "
               "organization policy blocks it.")
                .arg(what, name);
    } else if (status == 429) {
        result.state = State::RateLimited;
        result.retryAfterSeconds = HubErrors::retryAfterSeconds(response, now);
        result.explanation =
            tr("The Hub is rate-limiting requests from this address; try again in %n second(s).",
               result.retryAfterSeconds);
    } else if (status >= 500) {
        result.state = State::Unreachable;
        result.explanation = tr("The Hub had a server error (HTTP %1); try again later.").arg(status);
    } else {
        result.state = State::Error;
        result.explanation = tr("Unexpected answer from the Hub (HTTP %1).").arg(status);
    }
}

} // namespace

QString RepoAccessResult::stateId(State state)
{
    switch (state) {
    case State::Readable:
        return QStringLiteral("readable");
    case State::Gated:
        return QStringLiteral("gated");
    case State::NoAccess:
        return QStringLiteral("no-access");
    case State::NotFound:
        return QStringLiteral("not-found");
    case State::TokenInvalid:
        return QStringLiteral("token-invalid");
    case State::RateLimited:
        return QStringLiteral("rate-limited");
    case State::Unreachable:
        return QStringLiteral("unreachable");
    case State::Error:
        break;
    }
    return QStringLiteral("error");
}

RepoAccessResult interpretRepoAccess(const RepoRef &repo, const QString &endpoint, bool anonymous,
                                     const HubResponse &info, const HubResponse &authCheck,
                                     const QDateTime &now)
{
    RepoAccessResult result;
    if (!(info.hasHttpStatus() && info.httpStatus == 200)) {
        classify(repo, endpoint, anonymous, info, now, result);
        return result;
    }
    result.exists = true;
    readInfo(info, result);
    if (authCheck.hasHttpStatus() && authCheck.httpStatus == 200) {
        result.state = RepoAccessResult::State::Readable;
        result.httpStatus = 200;
        const QString name = repo.displayId();
        if (!result.gated.isEmpty())
            result.explanation = tr("This token can read %1 (a gated repo; access was granted).").arg(name);
        else if (result.isPrivate)
            result.explanation = tr("This token can read %1 (a private repo).").arg(name);
        else
            result.explanation = tr("%1 is readable.").arg(name);
        return result;
    }
    classify(repo, endpoint, anonymous, authCheck, now, result);
    return result;
}

} // namespace hftm
