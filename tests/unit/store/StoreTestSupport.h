#pragma once

// Shared pieces of the store unit tests: the fixture's names and secrets, a scratch world (HF_HOME,
// config folder, in-memory keychain) and a scripted stand-in for git.
#include "core/git/GitCredential.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/MetadataFile.h"
#include "core/store/TokenStore.h"
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <utility>

namespace hftm::test {

// tests/data/files/stored_tokens, in the order the store sorts records (code points: uppercase first).
inline const QList<std::pair<QString, QString>> &fixtureTokens()
{
    static const QList<std::pair<QString, QString>> tokens{
        {QStringLiteral("Colab notebooks"), QStringLiteral("hf_FAKEcolabCarolTokenForTestsOnlColb")},
        {QStringLiteral("bob-finegrained"), QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF")},
        {QStringLiteral("ci-write"), QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr")},
        {QStringLiteral("laptop-read"), QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA")},
        {QStringLiteral("oauth-carol-example"),
         QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa")},
    };
    return tokens;
}

inline QStringList fixtureNames()
{
    QStringList names;
    for (const auto &token : fixtureTokens())
        names << token.first;
    return names;
}

inline QString fixtureSecret(const QString &name)
{
    for (const auto &token : fixtureTokens()) {
        if (token.first == name)
            return token.second;
    }
    return {};
}

// The OAuth refresh token is a secret too, though it never leaves stored_tokens.
inline const QByteArray FixtureRefreshToken = "FAKE-refresh-token-carol-example-0001";
// A unique value grepped for in every file that must never hold a secret.
inline const QString Canary = QStringLiteral("hf_CANARYstoreUnitTokenNeverStored01");

inline QStringList namesOf(const QList<TokenRecord> &records)
{
    QStringList names;
    for (const TokenRecord &record : records)
        names << record.name;
    return names;
}

// One test's world: a scratch HF_HOME with the fixture files, a config folder, an in-memory keychain,
// and TokenStores built over them. Several stores over the same folders act like several processes.
class StoreWorld {
public:
    explicit StoreWorld(bool installFixtures = true)
    {
        if (installFixtures) {
            env.installFixture(QStringLiteral("files/stored_tokens"));
            env.installFixture(QStringLiteral("files/token"));
        }
    }

    TokenStore::Options options() const { return TokenStore::Options::fromEnvironment(env.environment()); }

    std::unique_ptr<TokenStore> makeStore(GitCredential *git = nullptr, SecretStore *store = nullptr)
    {
        return std::make_unique<TokenStore>(options(), store ? store : &secrets, git);
    }

    QByteArray storedTokens() const { return env.readFile(QStringLiteral("stored_tokens")); }
    QString metadataPath() const { return MetadataFile(env.configDir()).path(); }
    QByteArray metadataBytes() const
    {
        QFile file(metadataPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void writeMetadata(const QByteArray &bytes) const
    {
        QDir().mkpath(env.configDir());
        QFile file(metadataPath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(metadataPath()));
        file.write(bytes);
    }

    ScratchEnvironment env;
    MemorySecretStore secrets;
};

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
