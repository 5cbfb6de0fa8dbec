#include "cli/CliApp.h"

#include "cli/CliOutput.h"

#include "core/files/FolderSafety.h"
#include "core/files/SecretFile.h"
#include "core/git/GitCredential.h"
#include "core/hub/HubClient.h"
#include "core/secrets/SystemSecretStore.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

namespace hftm::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}

struct CommandSpec {
    const char *name;
    const char *syntax;
    const char *summary;
};

constexpr CommandSpec Commands[] = {
    {"list", "list [--json]", "List every stored token"},
    {"add", "add [NAME] [--activate] [--git-credential] [--no-validate] [--force]",
     "Store a token read from stdin (or a hidden prompt)"},
    {"switch", "switch NAME [--git-credential]", "Make NAME the active token"},
    {"rename", "rename OLD NEW", "Rename a stored token"},
    {"remove", "remove NAME", "Remove a token from the keychain, the files and git"},
    {"restore", "restore NAME", "Put a token removed by `hf auth logout` back into huggingface_hub's files"},
    {"cleanup", "cleanup", "Remove keychain items that belong to no stored token (left by a crash)"},
    {"get", "get [NAME]", "Print only the secret of NAME (default: the active token)"},
    {"status", "status [--json]", "Paths, storage mode, keychain, active token, git helpers"},
    {"config", "config storage keychain-and-files|keychain-only|files-only | config endpoint [URL]",
     "Change a setting"},
    {"check", "check [NAME...|--all] [--json]", "Validate tokens with the Hub"},
    {"access", "access REPO... [--token NAME|--all] [--json]", "Check which token can read which repo"},
};

QString helpText()
{
    QString text = tr("Commands:") + QLatin1Char('\n');
    for (const CommandSpec &spec : Commands) {
        text += QStringLiteral("  %1\n      %2\n")
                    .arg(QString::fromLatin1(spec.syntax),
                         QCoreApplication::translate("hftm::cli", spec.summary));
    }
    text += QLatin1Char('\n') +
            tr("Tokens `hf auth login` added to stored_tokens are imported by every command and copied into "
               "the keychain in the background: get, status, check and access answer at once from the "
               "files; list and the commands that change something wait for the copies "
               "first. Every command exits once the copies are written; a copy that failed is a note on "
               "stderr (the token stays in stored_tokens) and leaves the exit code alone.") +
            QStringLiteral("\n\n") +
            tr("Exit codes: 0 ok, 1 failed, 2 usage, 3 keychain unavailable, 4 Hub unreachable.");
    return text;
}
} // namespace

CliApp::CliApp(QProcessEnvironment environment)
    : m_env(std::move(environment))
    , m_out(stdout)
    , m_err(stderr)
{
}

CliApp::~CliApp() = default;

QStringList CliApp::args() const
{
    return m_parser.positionalArguments().mid(1);
}

void CliApp::setUpStore()
{
    TokenStore::Options options = TokenStore::Options::fromEnvironment(m_env);
    m_secrets = makeSystemSecretStore(options.identity);
    m_git = std::make_unique<GitCredential>(QStringLiteral("git"), m_env);
    m_store = std::make_unique<TokenStore>(std::move(options), m_secrets.get(), m_git.get());
}

int CliApp::run(const QStringList &arguments)
{
    m_parser.setApplicationDescription(tr("Manage Hugging Face Hub access tokens: the keychain and "
                                          "huggingface_hub's files, kept in step.") +
                                       QStringLiteral("\n\n") + helpText());
    const QCommandLineOption helpOption = m_parser.addHelpOption();
    const QCommandLineOption versionOption = m_parser.addVersionOption();
    m_parser.addPositionalArgument(QStringLiteral("command"), tr("One of the commands below."));
    m_parser.addOptions({
        {QStringLiteral("json"), tr("Print JSON (list, status, check, access).")},
        {QStringLiteral("activate"), tr("add: make the new token the active one.")},
        {QStringLiteral("git-credential"),
         tr("add, switch: register the token with git's credential helpers.")},
        {QStringLiteral("no-validate"), tr("add: store without asking the Hub first.")},
        {QStringLiteral("force"), tr("add: replace a token of the same name, or store a secret again.")},
        {QStringLiteral("all"), tr("check, access: every stored token.")},
        {{QStringLiteral("t"), QStringLiteral("token")}, tr("access: the stored token to use."), tr("NAME")},
    });
    if (!m_parser.parse(arguments))
        return usage(m_parser.errorText());
    if (m_parser.isSet(versionOption)) {
        m_out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    if (m_parser.isSet(helpOption)) {
        m_out << m_parser.helpText();
        return ExitOk;
    }
    const QStringList positional = m_parser.positionalArguments();
    if (positional.isEmpty())
        return usage(tr("No command given."));
    m_command = positional.first();

    using Handler = int (CliApp::*)();
    struct Route {
        const char *name;
        Handler handler;
        QStringList options; // the only options this command accepts
    };
    const QList<Route> routes = {
        {"list", &CliApp::list, {QStringLiteral("json")}},
        {"add",
         &CliApp::add,
         {QStringLiteral("activate"), QStringLiteral("git-credential"), QStringLiteral("no-validate"),
          QStringLiteral("force")}},
        {"switch", &CliApp::switchTo, {QStringLiteral("git-credential")}},
        {"rename", &CliApp::rename, {}},
        {"remove", &CliApp::remove, {}},
        {"restore", &CliApp::restore, {}},
        {"cleanup", &CliApp::cleanup, {}},
        {"get", &CliApp::get, {}},
        {"status", &CliApp::status, {QStringLiteral("json")}},
        {"config", &CliApp::config, {}},
        {"check", &CliApp::check, {QStringLiteral("json"), QStringLiteral("all")}},
        {"access", &CliApp::access, {QStringLiteral("json"), QStringLiteral("all"), QStringLiteral("token")}},
    };
    for (const Route &route : routes) {
        if (m_command == QLatin1String(route.name)) {
            for (const QString &option : m_parser.optionNames()) {
                const QString longName = option == QLatin1String("t") ? QStringLiteral("token") : option;
                if (!route.options.contains(longName))
                    return usage(tr("`%1` does not take --%2.").arg(m_command, longName));
            }
            setUpStore();
            for (const QString &finding : FolderSafety::check(m_store->options().paths)) // owner, mode
                m_err << tr("warning: %1").arg(finding) << '\n';
            const auto handler = route.handler;
            const int code = (this->*handler)();
            for (const QString &note : SecretFile::takeNotes()) // e.g. a bind-mounted file written in place
                m_err << tr("note: %1").arg(note) << '\n';
            m_out.flush(); // the answer is complete: a script reading it need not wait for the copies
            m_err.flush();
            // Exit only once the keychain copies the import started are written, so the next command
            // and the keychain agree. A copy that failed is a note: its section stays in stored_tokens,
            // nothing is lost, and the exit code stays the command's own.
            waitForImport();
            if (m_notesSeen) {
                for (const QString &note : m_store->syncNotes()) {
                    if (!m_notesSeen->contains(note))
                        m_err << tr("note: %1").arg(note) << '\n';
                }
            }
            m_err.flush();
            return code;
        }
    }
    return usage(tr("Unknown command \"%1\".").arg(m_command));
}

void CliApp::importChanges(Copies copies)
{
    m_store->importChanges();
    if (copies == Copies::First)
        waitForImport();
    else
        m_notesSeen = m_store->syncNotes(); // what the copies add later is reported before exit
}

void CliApp::waitForImport()
{
    if (!m_store || !m_store->importPending())
        return;
    // No loop runs around this one (main() never starts the application's), so nothing is re-entered:
    // the same kind of wait as `check`'s. Every keychain request inside is bounded by its own deadline,
    // so importFinished() always comes.
    QEventLoop loop;
    QObject::connect(m_store.get(), &TokenStore::importFinished, &loop, &QEventLoop::quit);
    loop.exec();
}

int CliApp::usage(const QString &message)
{
    m_err << "hftoken: " << message << '\n' << tr("Run `hftoken --help` for the commands.") << '\n';
    m_err.flush();
    return ExitUsage;
}

int CliApp::fail(const Error &error)
{
    m_err << "hftoken: " << error.message << '\n';
    m_err.flush();
    switch (error.code) {
    case ErrorCode::KeychainUnavailable:
        return ExitKeychain;
    case ErrorCode::Network:
        return ExitHubUnreachable;
    default:
        return ExitFailed;
    }
}

void CliApp::printNotes()
{
    for (const QString &note : m_store->syncNotes()) {
        m_err << tr("note: %1").arg(note) << '\n';
        if (m_notesSeen)
            m_notesSeen->append(note);
    }
    const ActiveToken active = m_store->active();
    if (active.source == ActiveToken::Source::EnvHfToken || active.source == ActiveToken::Source::EnvLegacy) {
        m_err << tr("note: the environment variable %1 is set and is the token in force, whatever the token "
                    "file says.")
                     .arg(CliOutput::activeSourceId(active.source))
              << '\n';
    }
    m_err.flush();
}

} // namespace hftm::cli
