// The `hftoken` commands that only touch the store: list, add, switch, rename, remove, get, status, config.
#include "cli/CliApp.h"
#include "cli/CliNotes.h"
#include "cli/CliOutput.h"
#include "cli/SecretInput.h"

#include "core/files/FolderSafety.h"
#include "core/files/TokenText.h"
#include "core/git/GitCredential.h"
#include "core/notify/TokenStateView.h"
#include "core/secrets/SecretStore.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace hftm::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}

QString modeText(const QFile::Permissions permissions, const QString &path)
{
    if (!QFileInfo::exists(path))
        return tr("missing");
    const bool others =
        permissions & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther);
    return others ? tr("readable by others!") : tr("private");
}
} // namespace

int CliApp::list()
{
    if (!args().isEmpty())
        return usage(tr("`list` takes no arguments."));
    importChanges(Copies::First); // where each secret is kept is part of the answer
    const QList<TokenRecord> tokens = m_store->tokens();
    if (m_parser.isSet(QStringLiteral("json"))) {
        const QDateTime now = m_store->options().now();
        const int warningDays = m_store->settings().expiryWarningDays;
        QJsonArray array;
        for (const TokenRecord &record : tokens) {
            // The state the window and the tray show (status stays the last attempt, verdict the Hub's).
            QJsonObject json = CliOutput::tokenJson(record);
            json.insert(QStringLiteral("state"),
                        tokenStateId(tokenStateView(record, now, warningDays).judged));
            array.append(json);
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (tokens.isEmpty()) {
        m_err << tr("No access tokens found.") << '\n';
    } else {
        const QDateTime now = m_store->options().now();
        QList<QStringList> rows{{QString(), tr("NAME"), tr("TOKEN"), tr("USER"), tr("ROLE"), tr("EXPIRES"),
                                 tr("STATUS"), tr("STORAGE")}};
        const int warningDays = m_store->settings().expiryWarningDays;
        for (const TokenRecord &r : tokens) {
            // The window's state, plus the failed attempt when the Hub was not reached.
            const TokenStateView view = tokenStateView(r, now, warningDays);
            QString state = tokenStateId(view.judged);
            if (view.notReached)
                state += tr(" (%1)").arg(tokenStatusId(view.lastAttempt));
            if (r.missingFromFiles)
                state += tr(" (removed from files)");
            rows << QStringList{r.active ? QStringLiteral("*") : QString(),
                                r.name,
                                r.masked,
                                r.user().isEmpty() ? QStringLiteral("-") : r.user(),
                                CliOutput::roleText(r),
                                CliOutput::expiresText(r, now),
                                state,
                                CliOutput::storageText(r.storage)};
        }
        CliOutput::printTable(m_out, rows);
    }
    m_out.flush();
    printNotes();
    if (const Error error = m_store->lastLoadError())
        return fail(error);
    return ExitOk;
}

int CliApp::add()
{
    const QStringList rest = args();
    if (rest.size() > 1)
        return usage(tr("`add` takes at most one NAME; the token itself is read from standard input."));
    const bool validate = !m_parser.isSet(QStringLiteral("no-validate"));
    if (rest.isEmpty() && !validate)
        return usage(
            tr("`add --no-validate` needs a NAME: without the Hub there is no display name to use."));
    importChanges(Copies::First);
    if (const Error error = m_store->lastLoadError())
        return fail(error);

    const Result<QString> input = SecretInput::read(tr("Token (input is hidden): "));
    if (!input)
        return fail(input.error());
    const Result<QString> secret = TokenText::validatePasted(*input);
    if (!secret)
        return fail(secret.error());
    if (!TokenText::looksLikeHfToken(*secret))
        m_err << tr("warning: this does not look like a Hugging Face token (hf_...).") << '\n';

    std::optional<WhoamiInfo> whoami;
    if (validate || m_parser.isSet(QStringLiteral("git-credential")))
        CliNotes::printEndpointNotes(m_err, *m_store, {rest.value(0)});
    if (validate) {
        const Result<WhoamiInfo> checked = validateForAdd(*secret, rest.value(0));
        if (!checked)
            return fail(checked.error());
        whoami = *checked;
    }
    const QString name = rest.isEmpty() ? whoami->suggestedName() : rest.first();
    AddOptions options;
    options.activate = m_parser.isSet(QStringLiteral("activate"));
    options.registerWithGit = m_parser.isSet(QStringLiteral("git-credential"));
    options.replace = m_parser.isSet(QStringLiteral("force"));
    const Result<TokenRecord> added = m_store->add(name, *secret, options, whoami);
    if (!added)
        return fail(added.error());
    m_err << tr("Stored \"%1\" (%2) in %3.").arg(name, added->masked, CliOutput::storageText(added->storage))
          << '\n';
    if (options.activate)
        m_err << tr("\"%1\" is now the active token.").arg(name) << '\n';
    // Stored all the same, so still a success: the token works for the Hub, git just has nowhere to keep it.
    if (options.registerWithGit && !added->gitRegistered)
        m_err << CliNotes::noGitHelperWarning(m_store->endpointFor(name)) << '\n';
    printNotes();
    return ExitOk;
}

int CliApp::switchTo()
{
    if (args().size() != 1)
        return usage(tr("`switch` takes exactly one NAME."));
    const QString name = args().first();
    importChanges(Copies::First);
    // switchTo() re-registers a token git already had; with no helper left, git keeps nothing: say so.
    const bool git = m_parser.isSet(QStringLiteral("git-credential")) ||
                     m_store->token(name).value_or(TokenRecord{}).gitRegistered;
    if (git)
        CliNotes::printEndpointNotes(m_err, *m_store, {name});
    if (const Error error = m_store->switchTo(name, m_parser.isSet(QStringLiteral("git-credential"))))
        return fail(error);
    m_err << tr("The current active token is: \"%1\"").arg(name) << '\n';
    if (git && !m_store->token(name).value_or(TokenRecord{}).gitRegistered)
        m_err << CliNotes::noGitHelperWarning(m_store->endpointFor(name)) << '\n';
    printNotes();
    return ExitOk;
}

int CliApp::rename()
{
    if (args().size() != 2)
        return usage(tr("`rename` takes OLD and NEW."));
    importChanges(Copies::First);
    if (const Error error = m_store->rename(args().at(0), args().at(1)))
        return fail(error);
    m_err << tr("Renamed \"%1\" to \"%2\".").arg(args().at(0), args().at(1)) << '\n';
    return ExitOk;
}

int CliApp::remove()
{
    if (args().size() != 1)
        return usage(tr("`remove` takes exactly one NAME."));
    const QString name = args().first();
    CliNotes::printEndpointNotes(m_err, *m_store, {name}); // git is asked about the endpoint in force
    const Result<RemoveReport> report = m_store->remove(name);
    if (!report)
        return fail(report.error());
    if (report->removedFromFiles)
        m_err << tr("Removed \"%1\" from %2.").arg(name, m_store->options().paths.storedTokensPath) << '\n';
    if (report->clearedActiveFile)
        m_err << tr("It was the active token: %1 was deleted.").arg(m_store->options().paths.tokenPath)
              << '\n';
    if (report->removedFromKeychain)
        m_err << tr("Removed \"%1\" from the keychain.").arg(name) << '\n';
    if (report->rejectedFromGit)
        m_err << tr("Removed its git credential.") << '\n';
    for (const QString &note : report->notes)
        m_err << tr("note: %1").arg(note) << '\n';
    for (const QString &failure : report->failures)
        m_err << tr("failed: %1").arg(failure) << '\n';
    if (!report->failures.isEmpty()) {
        m_err << tr("Run `hftoken remove \"%1\"` again once this is fixed.").arg(name) << '\n';
        return ExitFailed;
    }
    return ExitOk;
}

int CliApp::get()
{
    if (args().size() > 1)
        return usage(tr("`get` takes at most one NAME."));
    importChanges(Copies::Meanwhile); // a token `hf` just added is read from stored_tokens
    QString name = args().value(0);
    if (name.isEmpty()) {
        name = m_store->active().name;
        if (name.isEmpty())
            return fail(makeError(ErrorCode::NotFound, tr("No stored token is active; name one.")));
    }
    const Result<QString> secret = m_store->secret(name);
    if (!secret)
        return fail(secret.error());
    m_out << *secret << '\n';
    return ExitOk;
}

int CliApp::config()
{
    const QStringList rest = args();
    if (rest.value(0) == QLatin1String("storage") && rest.size() == 2) {
        StorageMode mode;
        if (!storageModeFromId(rest.at(1), &mode))
            return usage(tr("Storage is one of keychain-and-files, keychain-only, files-only."));
        importChanges(Copies::First);
        const Error error = m_store->setStorageMode(mode);
        printNotes();
        if (error)
            return fail(error);
        m_err << tr("Storage mode is now %1.").arg(storageModeId(mode)) << '\n';
        return ExitOk;
    }
    if (rest.value(0) == QLatin1String("endpoint") && rest.size() <= 2) {
        Settings settings = m_store->settings();
        if (rest.size() == 1) {
            m_out << (settings.endpoint.isEmpty() ? m_store->endpointFor(QString()) : settings.endpoint)
                  << '\n';
            m_out.flush();
            CliNotes::printEndpointNotes(m_err, *m_store);
            return ExitOk;
        }
        if (const Error error = validateEndpoint(rest.at(1)))
            return fail(error);
        settings.endpoint = rest.at(1) == QLatin1String("default") ? QString() : rest.at(1);
        if (const Error error = m_store->saveSettings(settings))
            return fail(error);
        CliNotes::printEndpointNotes(m_err, *m_store); // saved, but HF_ENDPOINT may still be in force
        return ExitOk;
    }
    return usage(tr("Use `config storage keychain-and-files|keychain-only|files-only` or "
                    "`config endpoint [URL|default]`."));
}

int CliApp::status()
{
    if (!args().isEmpty())
        return usage(tr("`status` takes no arguments."));
    importChanges(Copies::Meanwhile);
    const HfPaths &paths = m_store->options().paths;
    const Settings settings = m_store->settings();
    const ActiveToken active = m_store->active();
    const Error keychain = m_store->checkKeychain();
    // The helpers git would run for the endpoint in force (URL-scoped ones too), not just global ones.
    const QString gitHost = GitCredential::hostOf(m_store->endpointFor(QString()));
    const Result<QStringList> helpers = m_git->helpersFor(m_store->endpointFor(QString()));
    const CliNotes::GitRegistrations registered = CliNotes::gitRegistrations(*m_store, *m_git);
    QString gitToken;
    for (const TokenRecord &record : m_store->tokens()) {
        if (record.gitRegistered)
            gitToken = record.name;
    }
    const QString keychainState = settings.storageMode == StorageMode::FilesOnly ? QStringLiteral("not-used")
                                  : keychain ? QStringLiteral("unavailable")
                                             : QStringLiteral("available");
    if (m_parser.isSet(QStringLiteral("json"))) {
        QJsonObject json{
            {QStringLiteral("hfHome"), paths.hfHome},
            {QStringLiteral("tokenPath"), paths.tokenPath},
            {QStringLiteral("storedTokensPath"), paths.storedTokensPath},
            {QStringLiteral("metadataDir"), m_store->options().configDir},
            {QStringLiteral("storage"), storageModeId(settings.storageMode)},
            {QStringLiteral("keychain"), keychainState},
            {QStringLiteral("keychainMessage"), keychain.message},
            {QStringLiteral("active"),
             QJsonObject{
                 {QStringLiteral("source"), CliOutput::activeSourceId(active.source)},
                 {QStringLiteral("name"), active.name.isEmpty() ? QJsonValue() : QJsonValue(active.name)},
                 {QStringLiteral("masked"), active.masked},
                 {QStringLiteral("tokenFileName"),
                  active.fileName.isEmpty() ? QJsonValue() : QJsonValue(active.fileName)},
                 {QStringLiteral("tokenFileIsLink"), active.fileIsLink}}},
            {QStringLiteral("endpoint"), m_store->endpointFor(QString())},
            {QStringLiteral("gitHelpers"), QJsonArray::fromStringList(helpers ? *helpers : QStringList())},
            {QStringLiteral("gitCredentialToken"), gitToken.isEmpty() ? QJsonValue() : QJsonValue(gitToken)},
            {QStringLiteral("gitHost"), gitHost},
            {QStringLiteral("gitRegistered"), registered.json},
            {QStringLiteral("loadError"), m_store->lastLoadError().message},
            {QStringLiteral("folderWarnings"), QJsonArray::fromStringList(FolderSafety::check(paths))},
        };
        if (!keychain && settings.storageMode != StorageMode::FilesOnly)
            describeKeychainItems(&json, nullptr);
        m_out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    } else {
        QString activeText = tr("none");
        if (active.source != ActiveToken::Source::None) {
            activeText = tr("%1 (%2) from %3")
                             .arg(active.name.isEmpty() ? tr("an unnamed token")
                                                        : QStringLiteral("\"%1\"").arg(active.name),
                                  active.masked,
                                  active.source == ActiveToken::Source::TokenFile
                                      ? (active.fileIsLink ? tr("%1 (a symbolic link, read as Python "
                                                                "reads it; never written through)")
                                                                 .arg(paths.tokenPath)
                                                           : paths.tokenPath)
                                      : tr("the environment variable %1")
                                            .arg(CliOutput::activeSourceId(active.source)));
        }
        QList<QStringList> rows{
            {tr("HF_HOME:"), paths.hfHome},
            {tr("token file:"),
             QStringLiteral("%1 (%2)").arg(
                 paths.tokenPath, modeText(QFileInfo(paths.tokenPath).permissions(), paths.tokenPath))},
            {tr("stored_tokens:"),
             QStringLiteral("%1 (%2)").arg(
                 paths.storedTokensPath,
                 modeText(QFileInfo(paths.storedTokensPath).permissions(), paths.storedTokensPath))},
            {tr("metadata:"), m_store->options().configDir},
            {tr("storage mode:"), storageModeId(settings.storageMode)},
            {tr("keychain:"), keychain ? tr("unavailable: %1").arg(keychain.message) : keychainState},
            {tr("active token:"), activeText},
            {tr("endpoint:"), m_store->endpointFor(QString())},
            {tr("git helpers:"), !helpers ? tr("unknown: %1").arg(helpers.error().message)
                                 : helpers->isEmpty()
                                     ? tr("none for %1").arg(gitHost)
                                     : tr("%1 (for %2)").arg(helpers->join(QStringLiteral(", ")), gitHost)},
            {tr("git credential:"), registered.text},
        };
        if (!keychain && settings.storageMode != StorageMode::FilesOnly)
            describeKeychainItems(nullptr, &rows);
        const QStringList folderWarnings = FolderSafety::check(paths);
        rows.append({tr("folders:"), folderWarnings.isEmpty() ? tr("private to this user")
                                                              : folderWarnings.join(QLatin1Char(' '))});
        CliOutput::printTable(m_out, rows);
    }
    m_out.flush();
    printNotes();
    CliNotes::printEndpointNotes(m_err, *m_store);
    if (const Error error = m_store->lastLoadError())
        return fail(error);
    return ExitOk;
}

} // namespace hftm::cli
