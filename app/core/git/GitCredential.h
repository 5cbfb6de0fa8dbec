#pragma once

#include "core/Result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace hftm {

// Registers a token with git's credential helpers exactly as huggingface_hub does:
// `git credential approve|reject` fed through QProcess stdin (never a shell, never argv), username
// "hf_user", GIT_TERMINAL_PROMPT=0, every call bounded by a timeout.
class GitCredential {
public:
    explicit GitCredential(QString gitProgram = QStringLiteral("git"),
                           QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
                           int timeoutMs = 15000);

    // `git config --list` credential.helper values, parsed like huggingface_hub (first word of the value,
    // only [\w/-]), de-duplicated and sorted. An empty list means approve() would be pointless.
    Result<QStringList> configuredHelpers() const;

    // The helpers git itself would run for this endpoint, in its order, as display names ("store",
    // "cache", "/usr/lib/git-core/git-credential-libsecret"; a shell helper is "!…"). Counts global,
    // system and local config, URL-scoped credential.<url>.helper keys (git's own URL matching decides)
    // and empty values, which reset the list. Empty: approve() would give the token to nobody.
    Result<QStringList> helpersFor(const QString &endpoint) const;
    // "host[:port]" as git keys a credential for this endpoint (the path is dropped).
    static QString hostOf(const QString &endpoint);

    // url=<endpoint>, username=hf_user, password=<token>. Refuses CR/LF/NUL in either before git runs.
    Error approve(const QString &endpoint, const QString &token) const;
    // With a password, helpers that compare it erase only that very credential.
    Error reject(const QString &endpoint, const QString &password = QString()) const;

    // What git holds for hf_user at this endpoint, compared with isThisToken in memory (never shown).
    enum class Held { Nothing, OtherToken, ThisTokenRejected };
    // Asks the helpers (`git credential fill`, no prompt of any kind) and rejects the credential only when
    // isThisToken says the stored password is this token: an unrelated credential is never erased.
    Result<Held> rejectIfHeld(const QString &endpoint,
                              const std::function<bool(const QString &password)> &isThisToken) const;

private:
    struct Outcome {
        int exitCode = 0;
        QByteArray output;
        QByteArray errors;
    };
    // Runs git; an Error only when it could not start, hung or crashed. extra is added to the environment.
    Result<Outcome> execute(const QStringList &arguments, const QByteArray &input,
                            const QProcessEnvironment &extra = {}) const;
    // execute() where any exit code but 0 is an Error quoting git's stderr.
    Result<QByteArray> run(const QStringList &arguments, const QByteArray &input) const;

    QString m_git;
    QProcessEnvironment m_environment;
    int m_timeoutMs;
};

} // namespace hftm
