#pragma once

#include "core/hub/HubClient.h"
#include "support/TestWorld.h"
#include "ui/access/AccessWindow.h"

#include <QDateTime>
#include <QStringList>

#include <memory>

namespace hftm::test {

// The repo table every access test uses, in watch-list order:
//   example-org/tiny-demo-gpt            public
//   datasets/acme-research/private-data  private; ci-write and Colab read it, bob sees it but lacks the scope
//   example-org/secret-model             private; no stored token may see it
//   acme-research/gated-llm-8b           gated (manual); ci-write and bob were granted access
//   spaces/example-org/does-not-exist    missing
inline const QStringList RepoTable{
    QStringLiteral("example-org/tiny-demo-gpt"), QStringLiteral("datasets/acme-research/private-data"),
    QStringLiteral("example-org/secret-model"), QStringLiteral("acme-research/gated-llm-8b"),
    QStringLiteral("spaces/example-org/does-not-exist")};

// The test world with the stored_tokens fixture (no token file), its fake Hub (over real sockets) knowing
// four of the five tokens and the repo table, a token store over the memory keychain and a Hub client on
// the world's clock. window() builds the access window on first use, with the file dialog and URL opener
// scripted.
class AccessFixture {
public:
    explicit AccessFixture(bool withRepoTable = true);
    ~AccessFixture();

    bool isValid() const { return m_valid; }
    TestWorld world{false};
    ScratchEnvironment &env = world.env;
    FakeHub &hub = world.hub();
    MemorySecretStore &secrets = world.secrets;
    QDateTime &now = world.now;
    std::unique_ptr<TokenStore> store;
    std::unique_ptr<HubClient> client;

    AccessWindow &window();
    // Adds the repo table through the window's field, as a user pasting would.
    void addRepoTable();
    // Records a validation of a token with a whoami fixture, as the main window would.
    void recordWhoami(const QString &name, const QString &fixture);

    int row(const QString &displayId);
    int column(const QString &token);
    QString stateId(const QString &displayId, const QString &token);
    QString explanation(const QString &displayId, const QString &token);
    QStringList stateIds(); // every cell, row by row
    bool allAnswered();     // no cell checking or not checked

    // What the scripted dialogs saw.
    QString nextSavePath;   // returned by the file dialog
    QStringList openedUrls; // URLs the window asked to open

private:
    std::unique_ptr<AccessWindow> m_window;
    bool m_valid = false;
};

} // namespace hftm::test
