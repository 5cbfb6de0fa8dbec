#include "cli/CliNotes.h"

#include "core/git/GitCredential.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QHash>

namespace hftm::cli::CliNotes {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}
} // namespace

void printEndpointNotes(QTextStream &err, const TokenStore &store, const QStringList &names)
{
    QStringList printed;
    for (const QString &name : names) {
        const QString note = store.endpointNote(name);
        if (note.isEmpty() || printed.contains(note))
            continue;
        printed << note;
        err << tr("note: %1").arg(note) << '\n';
    }
    err.flush();
}

QString noGitHelperWarning(const QString &endpoint)
{
    // The same advice as huggingface_hub, but a keyring helper first: `store` keeps tokens in plain text.
    return tr("warning: no git credential helper applies to %1, so the token was not given to git and is not "
              "registered with it; git may ask for a password when you push. To give git a helper, run "
              "`git config --global credential.helper libsecret` (the desktop keyring, needs "
              "git-credential-libsecret; `osxkeychain` on macOS, `manager` with Git Credential Manager), or "
              "`git config --global credential.helper store` (keeps tokens in plain text in "
              "~/.git-credentials), then repeat the command with --git-credential.")
        .arg(GitCredential::hostOf(endpoint));
}

GitRegistrations gitRegistrations(const TokenStore &store, const GitCredential &git)
{
    GitRegistrations result;
    QStringList lines;
    QHash<QString, QStringList> helpersByEndpoint; // one `git config` pair per endpoint, not per token
    for (const TokenRecord &record : store.tokens()) {
        if (!record.gitRegistered)
            continue;
        const QString endpoint = store.endpointFor(record.name);
        if (!helpersByEndpoint.contains(endpoint)) {
            const Result<QStringList> helpers = git.helpersFor(endpoint);
            helpersByEndpoint.insert(endpoint, helpers ? *helpers : QStringList());
        }
        const QStringList helpers = helpersByEndpoint.value(endpoint);
        const QString host = GitCredential::hostOf(endpoint);
        result.json.append(QJsonObject{{QStringLiteral("token"), record.name},
                                       {QStringLiteral("host"), host},
                                       {QStringLiteral("helpers"), QJsonArray::fromStringList(helpers)}});
        lines
            << (helpers.isEmpty()
                    ? tr("\"%1\" for %2 (but no credential helper applies there now)").arg(record.name, host)
                    : tr("\"%1\" for %2 (%3)").arg(record.name, host, helpers.join(QStringLiteral(", "))));
    }
    result.text = lines.isEmpty() ? tr("not registered with git") : lines.join(QStringLiteral("; "));
    return result;
}

} // namespace hftm::cli::CliNotes
