#pragma once

#include "core/Result.h"
#include "core/base/WhoamiInfo.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace hftm {
class GitCredential;
class HubClient;
class SecretStore;
class TokenStore;
} // namespace hftm

namespace hftm::cli {

// Exit codes are a contract with scripts.
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitKeychain = 3, ExitHubUnreachable = 4 };

// `hftoken`: parses a sub-command and runs it against the core. Thin by design: every decision about
// tokens is the store's; this class parses, calls and prints.
class CliApp {
public:
    explicit CliApp(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());
    ~CliApp();

    int run(const QStringList &arguments);

private:
    // Store commands (StoreCommands.cpp)
    int list();
    int add();
    int switchTo();
    int rename();
    int remove();
    int get();
    int status();
    int config();
    // Keychain upkeep (KeychainCommands.cpp)
    int restore();
    int cleanup();
    // What `status` reports about the keychain beyond "available": orphaned and legacy items.
    void describeKeychainItems(QJsonObject *json, QList<QStringList> *rows);
    // Hub commands (HubCommands.cpp)
    int check();
    int access();

    // Asks the Hub who owns the token before it is stored (HubCommands.cpp).
    Result<WhoamiInfo> validateForAdd(const QString &secret, const QString &name);
    Error validateEndpoint(const QString &endpoint) const;

    HubClient &hub(); // created on first use: commands that never ask the Hub never open a socket
    struct TokenChoice {
        QString label; // stored name, "HF_TOKEN", "token file" or "anonymous"
        QString endpoint;
        QString secret; // empty = anonymous
    };
    Result<QList<TokenChoice>> tokensForAccess();

    void setUpStore();
    // What `hf` added to or changed in its files is recorded at once and copied into the keychain in
    // the background (TokenStore::importChanges). Answers that do not depend on where a secret is kept
    // are given meanwhile (Copies::Meanwhile: the file holds the secret); `list`, whose answer says where
    // each secret is kept, and every edit wait for the copies first (Copies::First), so a copy never
    // races an edit. Either way run() returns only once the copies are written.
    enum class Copies { Meanwhile, First };
    void importChanges(Copies copies);
    void waitForImport();
    int fail(const Error &error); // prints the message, returns the matching exit code
    int usage(const QString &message);
    void printNotes();
    QStringList args() const; // positional arguments after the command

    QProcessEnvironment m_env;
    QCommandLineParser m_parser;
    QString m_command;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<GitCredential> m_git;
    std::unique_ptr<TokenStore> m_store;
    std::unique_ptr<HubClient> m_hub;
    // Set when the answer does not wait for the keychain copies: the notes already known or printed, so
    // that only what the copies report later (a copy that failed) is printed before exit.
    std::optional<QStringList> m_notesSeen;
};

} // namespace hftm::cli
