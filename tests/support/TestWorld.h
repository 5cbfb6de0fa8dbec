#pragma once

#include "core/git/GitCredential.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"
#include "support/FakeHub.h"
#include "support/Fixtures.h"
#include "support/ScratchEnvironment.h"

#include <QDateTime>
#include <QStringList>
#include <QTest> // every suite over the world uses it; TrayWorld brought it too

#include <functional>
#include <memory>

namespace hftm::test {

// One test's world: a scratch HF_HOME (with tests/data/files/stored_tokens and token, as huggingface_hub
// writes them, unless asked for an empty one), its config and XDG folders, an in-memory keychain, token
// stores over them, a clock the test sets, and on request a fake Hub that knows the fixture tokens and a
// real git with a private configuration. Several stores over the same folders act like several processes.
// The widget fixtures (support/gui/) are thin layers over it.
class TestWorld {
public:
    explicit TestWorld(bool installFixtures = true);
    ~TestWorld();
    TestWorld(const TestWorld &) = delete;
    TestWorld &operator=(const TestWorld &) = delete;

    ScratchEnvironment env;
    MemorySecretStore secrets;
    QDateTime now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
    std::function<QDateTime()> clock()
    {
        return [this] { return now; };
    }

    // The options a store gets from the environment as it is now (set HF_TOKEN, HF_ENDPOINT… before).
    TokenStore::Options options() const { return TokenStore::Options::fromEnvironment(env.environment()); }
    // A new store over the world, on the memory keychain unless another one is given; not reloaded.
    std::unique_ptr<TokenStore> makeStore(GitCredential *git = nullptr, SecretStore *keychain = nullptr);
    // The world's own store: built and reloaded on first use, with the environment as it is then.
    TokenStore *store(GitCredential *git = nullptr);

    // The fake Hub over real sockets on 127.0.0.1: startHub() makes it listen, teaches it the four fixture
    // tokens it knows (unless fixtureTokens is false) and names it in HF_ENDPOINT from then on; false if
    // it could not listen.
    bool startHub(bool fixtureTokens = true);
    FakeHub &hub();
    // A real git from PATH whose global configuration is a fresh file in the scratch folder (no
    // credential helper) and never the system's.
    std::unique_ptr<GitCredential> realGit() const;

    // Files as they are on disk right now.
    QByteArray storedTokens() const { return env.readFile(QStringLiteral("stored_tokens")); }
    QByteArray tokenFile() const { return env.readFile(QStringLiteral("token")); }
    QStringList sectionsOnDisk() const; // the section names of stored_tokens, in file order
    QString metadataPath() const;       // this store's tokens.json
    QByteArray metadataBytes() const;
    void writeMetadata(const QByteArray &bytes) const;

    // Records a Hub answer for a stored token as the validator would, taken at 'now'.
    void recordVerdict(const QString &name, TokenStatus status,
                       const QString &user = QStringLiteral("alice-example"),
                       const QString &role = QStringLiteral("write"), const QDateTime &expires = QDateTime());
    void setWarningDays(int days);

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<TokenStore> m_store;
};

} // namespace hftm::test
