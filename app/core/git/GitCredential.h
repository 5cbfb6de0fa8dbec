#pragma once

#include "Result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

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

    // url=<endpoint>, username=hf_user, password=<token>. Refuses CR/LF/NUL in either before git runs.
    Error approve(const QString &endpoint, const QString &token) const;
    Error reject(const QString &endpoint) const;

private:
    Result<QByteArray> run(const QStringList &arguments, const QByteArray &input) const;

    QString m_git;
    QProcessEnvironment m_environment;
    int m_timeoutMs;
};

} // namespace hftm
