#pragma once

#include "core/hub/HubClient.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"
#include "ui/access/AccessWindow.h"

#include <QDateTime>
#include <QStringList>

#include <memory>

namespace hftm::test {

// The fixture's secrets (tests/data/files/stored_tokens). The OAuth one is unknown to the fake Hub.
inline const QString LaptopSecret = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
inline const QString CiWriteSecret = QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr");
inline const QString BobSecret = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
inline const QString ColabSecret = QStringLiteral("hf_FAKEcolabCarolTokenForTestsOnlColb");
inline const QString OauthSecret = QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa");

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

// A scratch HF_HOME holding the stored_tokens fixture, the fake Hub (over real sockets) knowing four of
// its five tokens and the repo table, an in-memory keychain, a token store and a Hub client with a fixed
// clock. window() builds the access window on first use, with the file dialog and URL opener scripted.
class AccessFixture {
public:
    explicit AccessFixture(bool withRepoTable = true);
    ~AccessFixture();

    bool isValid() const { return m_valid; }
    ScratchEnvironment env;
    FakeHub hub;
    MemorySecretStore secrets;
    std::unique_ptr<TokenStore> store;
    std::unique_ptr<HubClient> client;
    QDateTime now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);

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
