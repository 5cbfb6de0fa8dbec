#pragma once

#include "core/hub/HubResponse.h"
#include "core/hub/RepoRef.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace hftm {

// Whether one token (or no token) can read one repo's files, in words a researcher understands.
struct RepoAccessResult {
    enum class State {
        Readable,     // auth-check 200: files can be downloaded
        Gated,        // gated repo, access not granted (yet) for this account
        NoAccess,     // 403: token lacks the permission, org policy, disabled repo
        NotFound,     // 404 RepoNotFound, or anonymous 401: missing or invisible to this token
        TokenInvalid, // 401 "Invalid credentials": token revoked, expired or mistyped
        RateLimited,  // 429
        Unreachable,  // network, TLS, timeout, 5xx, oversized answer
        Error,        // anything else (refused input, unexpected status)
    };

    State state = State::Error;
    QString explanation; // translated plain words, incl. what to do next; never the token
    QString errorCode;   // X-Error-Code, e.g. "GatedRepo", "RepoNotFound"
    QString hubMessage;  // X-Error-Message / body error, sanitized, with request id
    int httpStatus = 0;  // status of the answer that decided (auth-check, else info)
    QString gated;       // "", "auto" or "manual" (from the repo info, when visible)
    bool isPrivate = false;
    bool exists = false;   // the repo info was visible (200)
    QUrl requestAccessUrl; // set for Gated: the repo page where access is requested
    int retryAfterSeconds = 0;

    static QString stateId(State state); // "readable", "gated", "no-access", "not-found", ...
};

// Maps the repo-info answer and (when info was 200) the auth-check answer to a result, following
// huggingface_hub's hf_raise_for_status order. Pure. authCheck is ignored when info is not 200.
RepoAccessResult interpretRepoAccess(const RepoRef &repo, const QString &endpoint, bool anonymous,
                                     const HubResponse &info, const HubResponse &authCheck,
                                     const QDateTime &now);

} // namespace hftm
