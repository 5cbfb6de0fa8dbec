// The `hftoken` commands that ask the Hub: check, access, and the validation inside `add`.
#include "cli/CliApp.h"
#include "cli/CliNotes.h"
#include "cli/CliOutput.h"

#include "core/files/StoredTokensFile.h"
#include "core/hub/HubClient.h"
#include "core/hub/RepoAccessChecker.h"
#include "core/hub/RepoRef.h"
#include "core/hub/TokenValidator.h"
#include "core/hub/ValidationResult.h"
#include "core/runs/CheckRun.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>

namespace hftm::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}
} // namespace

HubClient &CliApp::hub()
{
    if (!m_hub)
        m_hub = std::make_unique<HubClient>();
    return *m_hub;
}

Error CliApp::validateEndpoint(const QString &endpoint) const
{
    if (endpoint == QLatin1String("default"))
        return {};
    return HubClient::validateEndpoint(endpoint);
}

Result<WhoamiInfo> CliApp::validateForAdd(const QString &secret, const QString &name)
{
    const QString endpoint = m_store->endpointFor(name);
    if (const Error error = HubClient::validateEndpoint(endpoint))
        return error;
    TokenValidator validator(&hub());
    const QString key = QStringLiteral("new");
    const ValidationResult result = validator.validateAndWait({{key, endpoint, secret, true}}).value(key);
    switch (result.status) {
    case TokenStatus::Valid:
        if (result.whoami)
            return *result.whoami;
        break;
    case TokenStatus::Expired:
    case TokenStatus::Invalid:
        return makeError(
            ErrorCode::InvalidInput,
            tr("The Hub refused this token (%1): %2").arg(tokenStatusText(result.status), result.message));
    case TokenStatus::RateLimited:
    case TokenStatus::Unreachable:
    case TokenStatus::Unchecked:
        break;
    }
    return makeError(ErrorCode::Network, tr("Could not validate the token with %1: %2. Nothing was stored; "
                                            "retry later, or store it unchecked with --no-validate NAME.")
                                             .arg(endpoint, result.message));
}

int CliApp::check()
{
    importChanges(Copies::Meanwhile);
    QStringList names = args();
    if (m_parser.isSet(QStringLiteral("all")) || names.isEmpty()) {
        if (!names.isEmpty())
            return usage(tr("Give token names or --all, not both."));
        names.clear();
        for (const TokenRecord &record : m_store->tokens())
            names << record.name;
    }
    if (names.isEmpty()) {
        m_err << tr("No access tokens found.") << '\n';
        return ExitOk;
    }
    for (const QString &name : names) {
        if (!m_store->token(name))
            return fail(makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found.").arg(name)));
        if (const Error error = HubClient::validateEndpoint(m_store->endpointFor(name)))
            return fail(error);
    }
    // The same run as the window's and the tray's: every secret in one keychain request, the answers in
    // one write. A secret that cannot be read stops the command before anything is sent, as it always did.
    TokenValidator validator(&hub());
    CheckRun run(m_store.get(), &validator);
    run.setStopOnUnreadSecret(true);
    CheckSummary summary;
    QEventLoop loop; // the command's only event loop: nothing runs around it
    QObject::connect(&run, &CheckRun::finished, &loop, [&](const CheckSummary &done) {
        summary = done;
        loop.quit();
    });
    run.start(names); // finished() always comes later, never inside start()
    loop.exec();
    for (const QString &name : std::as_const(names)) {
        if (const auto unread = summary.unread.constFind(name); unread != summary.unread.constEnd())
            return fail(*unread);
    }
    CliNotes::printEndpointNotes(m_err, *m_store, names);
    const QHash<QString, ValidationResult> &results = summary.results;

    bool refused = false;
    bool unanswered = false;
    QJsonArray json;
    QList<QStringList> rows{{tr("NAME"), tr("STATUS"), tr("USER"), tr("ROLE"), tr("EXPIRES"), tr("DETAILS")}};
    const QDateTime now = m_store->options().now();
    for (const QString &name : names) {
        const ValidationResult result = results.value(name);
        if (summary.recordError)
            m_err << tr("warning: could not remember the result for \"%1\": %2")
                         .arg(name, summary.recordError.message)
                  << '\n';
        refused |= result.status == TokenStatus::Invalid || result.status == TokenStatus::Expired;
        unanswered |= result.status == TokenStatus::Unreachable || result.status == TokenStatus::RateLimited;
        const TokenRecord record = m_store->token(name).value_or(TokenRecord{});
        QJsonObject entry = CliOutput::tokenJson(record);
        entry.insert(QStringLiteral("status"), tokenStatusId(result.status));
        entry.insert(QStringLiteral("message"), result.message);
        entry.insert(QStringLiteral("httpStatus"), result.httpStatus);
        if (result.whoami) {
            entry.insert(QStringLiteral("fullname"), result.whoami->fullname);
            entry.insert(QStringLiteral("tokenDisplayName"), result.whoami->tokenDisplayName);
        }
        json.append(entry);
        rows << QStringList{name,
                            tokenStatusText(result.status),
                            record.user().isEmpty() ? QStringLiteral("-") : record.user(),
                            CliOutput::roleText(record),
                            CliOutput::expiresText(record, now),
                            result.status == TokenStatus::Valid ? QString() : result.message};
    }
    if (m_parser.isSet(QStringLiteral("json")))
        m_out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    else
        CliOutput::printTable(m_out, rows);
    m_out.flush();
    // A definite "no" from the Hub outranks "could not ask": scripts act on refusals first.
    if (refused)
        return ExitFailed;
    return unanswered ? ExitHubUnreachable : ExitOk;
}

Result<QList<CliApp::TokenChoice>> CliApp::tokensForAccess()
{
    QList<TokenChoice> choices;
    const QString chosen = m_parser.value(QStringLiteral("token"));
    QStringList names;
    if (m_parser.isSet(QStringLiteral("all"))) {
        for (const TokenRecord &record : m_store->tokens())
            names << record.name;
    } else if (!chosen.isEmpty()) {
        names << chosen;
    } else {
        // The token in force, as Python tools would use it: the environment first, then the token file.
        const ActiveToken active = m_store->active();
        const EnvToken env = EnvToken::fromEnvironment(m_env);
        if (env.isSet()) {
            choices.append({env.variable, endpointFromEnvironment(m_env), env.secret});
        } else if (!active.name.isEmpty()) {
            names << active.name;
        } else if (active.source == ActiveToken::Source::TokenFile) {
            const Result<QString> file = ActiveTokenFile::read(m_store->options().paths.tokenPath);
            if (!file)
                return file.error();
            choices.append({tr("token file"), m_store->endpointFor(QString()), *file});
        } else {
            choices.append({tr("anonymous"), m_store->endpointFor(QString()), QString()});
        }
    }
    for (const QString &name : names) {
        if (!m_store->token(name))
            return makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found.").arg(name));
        const Result<QString> secret = m_store->secret(name);
        if (!secret)
            return secret.error();
        choices.append({name, m_store->endpointFor(name), *secret});
    }
    return choices;
}

int CliApp::access()
{
    if (m_parser.isSet(QStringLiteral("all")) && m_parser.isSet(QStringLiteral("token")))
        return usage(tr("Give --token NAME or --all, not both."));
    if (args().isEmpty())
        return usage(
            tr("`access` needs at least one REPO (org/name, datasets/org/name, spaces/org/name or a URL)."));
    QList<RepoRef> repos;
    for (const QString &text : args()) {
        QString why;
        const std::optional<RepoRef> repo = RepoRef::parse(text, &why);
        if (!repo)
            return usage(why);
        repos << *repo;
    }
    importChanges(Copies::Meanwhile);
    const Result<QList<TokenChoice>> tokens = tokensForAccess();
    if (!tokens)
        return fail(tokens.error());
    if (tokens->isEmpty()) {
        m_err << tr("No access tokens found.") << '\n';
        return ExitFailed;
    }
    QList<RepoAccessRequest> requests;
    for (const TokenChoice &token : *tokens) {
        if (const Error error = HubClient::validateEndpoint(token.endpoint))
            return fail(error);
        for (qsizetype i = 0; i < repos.size(); ++i)
            requests.append(
                {QStringLiteral("%1\n%2").arg(i).arg(token.label), token.endpoint, token.secret, repos[i]});
    }
    QStringList names{QString()};
    for (const TokenChoice &token : *tokens)
        names << token.label; // labels that are not stored names ("HF_TOKEN") add no note of their own
    CliNotes::printEndpointNotes(m_err, *m_store, names);
    RepoAccessChecker checker(&hub());
    const QHash<QString, RepoAccessResult> results = checker.checkAndWait(requests);

    bool refused = false;
    bool unanswered = false;
    QJsonArray json;
    QList<QStringList> rows{{tr("REPO"), tr("TOKEN"), tr("ACCESS"), tr("WHY")}};
    for (const RepoAccessRequest &request : requests) {
        const RepoAccessResult result = results.value(request.key);
        const QString label = request.key.section(QLatin1Char('\n'), 1);
        using State = RepoAccessResult::State;
        refused |= result.state != State::Readable && result.state != State::Unreachable &&
                   result.state != State::RateLimited;
        unanswered |= result.state == State::Unreachable || result.state == State::RateLimited;
        json.append(QJsonObject{
            {QStringLiteral("repo"), request.repo.displayId()},
            {QStringLiteral("token"), label},
            {QStringLiteral("state"), RepoAccessResult::stateId(result.state)},
            {QStringLiteral("explanation"), result.explanation},
            {QStringLiteral("httpStatus"), result.httpStatus},
            {QStringLiteral("errorCode"), result.errorCode},
            {QStringLiteral("hubMessage"), result.hubMessage},
            {QStringLiteral("gated"), result.gated},
            {QStringLiteral("private"), result.isPrivate},
            {QStringLiteral("requestAccessUrl"), result.requestAccessUrl.toString()},
        });
        rows << QStringList{request.repo.displayId(), label, RepoAccessResult::stateId(result.state),
                            result.state == State::Readable ? QString() : result.explanation};
    }
    if (m_parser.isSet(QStringLiteral("json")))
        m_out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    else
        CliOutput::printTable(m_out, rows);
    m_out.flush();
    if (refused)
        return ExitFailed;
    return unanswered ? ExitHubUnreachable : ExitOk;
}

} // namespace hftm::cli
