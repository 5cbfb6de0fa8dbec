#pragma once

#include "core/git/GitCredential.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace hftm::test {

// A `git` that drains its stdin, records its arguments and exits with a fixed code. Enough to make
// GitCredential succeed or fail without touching the user's git configuration.
class ScriptedGit {
public:
    explicit ScriptedGit(int exitCode, const QProcessEnvironment &environment)
    {
        const QString path = m_dir.filePath(QStringLiteral("git"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        // A git with the `store` helper configured (`git config` is answered, not logged) that keeps what
        // it was approved, so `credential fill` answers like the real one.
        file.write("#!/bin/sh\n"
                   "d=$(dirname \"$0\")\n"
                   "if [ \"$1\" = config ]; then printf 'credential.helper\\nstore\\0'; exit 0; fi\n"
                   "input=$(cat)\n"
                   "printf '%s\\n' \"$*\" >> \"$d/calls\"\n"
                   "[ " +
                   QByteArray::number(exitCode) + " -ne 0 ] && echo 'helper refused' >&2 && exit " +
                   QByteArray::number(exitCode) +
                   "\n"
                   "case \"$*\" in\n"
                   "  'credential approve') printf '%s\\n' \"$input\" | grep '^password=' > \"$d/held\" ;;\n"
                   "  'credential reject') rm -f \"$d/held\" ;;\n"
                   "  *'credential fill') [ -e \"$d/held\" ] || exit 128; echo username=hf_user; cat "
                   "\"$d/held\" ;;\n"
                   "esac\n"
                   "exit " +
                   QByteArray::number(exitCode) + "\n");
        file.close();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_git = std::make_unique<GitCredential>(path, environment, 15000);
    }

    GitCredential *credential() const { return m_git.get(); }
    // One line per run, e.g. "credential approve".
    QStringList calls() const
    {
        QFile file(m_dir.filePath(QStringLiteral("calls")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitCredential> m_git;
};

} // namespace hftm::test
