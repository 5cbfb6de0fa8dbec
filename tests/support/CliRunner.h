#pragma once

#include "support/ScratchEnvironment.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include <memory>

namespace hftm::test {

// Runs the real `hftoken` binary as a separate process inside a ScratchEnvironment, the way a user's
// shell would, and keeps everything it printed for assertions (and for leak checks).
class CliRunner {
public:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QByteArray all() const { return out + err; }
    };

    explicit CliRunner(ScratchEnvironment &env);

    Run run(const QStringList &arguments, const QByteArray &stdinBytes = QByteArray()) const;
    // Starts without waiting, for concurrency tests.
    QProcess *start(const QStringList &arguments, const QByteArray &stdinBytes, QObject *parent) const;

    // Every byte any run printed so far; the canary leak check greps this.
    QByteArray transcript() const { return m_transcript; }

    // The Secret Service as seen by libsecret's own tool, independent of the program: the item of token
    // 'name' (of the store of 'storedTokensPath' when given, of any store otherwise).
    static QByteArray keychainLookup(const QString &name, const QString &storedTokensPath = QString());
    static void keychainClear();

private:
    ScratchEnvironment &m_env;
    mutable QByteArray m_transcript;
};

// Which files a CLI test's HF_HOME starts with.
enum class CliFiles {
    Empty,
    Fixtures, // tests/data/files/stored_tokens and token, as huggingface_hub writes them
};

// Where every CLI test starts: the private keychain emptied (no item of an earlier test survives), a
// fresh scratch world and a runner over it.
void freshCliWorld(std::unique_ptr<ScratchEnvironment> &env, std::unique_ptr<CliRunner> &cli,
                   CliFiles files = CliFiles::Empty);

// Points git at a configuration file in the scratch folder, never the developer's own or the system's;
// with credentialsFile, its credential helper is `store` into that file. Fails the running test if the
// file cannot be written.
void useScratchGitConfig(ScratchEnvironment &env, const QString &credentialsFile = QString());

} // namespace hftm::test
