#pragma once

#include "core/base/Clock.h"
#include "core/git/GitCredential.h"
#include "core/secrets/SecretStore.h"
#include "core/store/TokenStore.h"
#include "ui/common/ClipboardGuard.h"
#include "ui/common/MessageBoxes.h"

#include <memory>

namespace hftm {

class HubClient;
class TokenValidator;

// The services the GUI shares, built once in main() (or by a test) and handed to widgets by constructor:
// secrets, git, the token store, the Hub client and validator, the clock, message boxes and the
// clipboard guard. No singletons: a test builds its own context with a memory keychain and fixed clock.
class AppContext {
public:
    struct Parts {
        TokenStore::Options options;
        std::unique_ptr<SecretStore> secrets; // null: no keychain at all (files-only use)
        std::unique_ptr<GitCredential> git;   // null: git integration off
        NowFunction now = &systemNow;
        // The app's start-up: the store reads its files in loadStore(), after the window's first frame
        // (what that frame shows does not grow with the number of tokens). Tests leave it off and get
        // a store that is read by the time the constructor returns.
        bool loadLater = false;
    };

    // The real thing: the OS keychain, git from PATH, paths and endpoint from the environment.
    static std::unique_ptr<AppContext>
    fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    explicit AppContext(Parts parts);
    ~AppContext();
    AppContext(const AppContext &) = delete;
    AppContext &operator=(const AppContext &) = delete;

    // Reads the store's files and starts watching them, once; the constructor did unless loadLater.
    void loadStore();
    bool storeLoaded() const { return m_storeLoaded; }

    TokenStore *store() const { return m_store.get(); }
    SecretStore *secrets() const { return m_secrets.get(); }
    HubClient *hub() const { return m_hub.get(); }
    TokenValidator *validator() const { return m_validator.get(); }
    ClipboardGuard *clipboard() const { return m_clipboard.get(); }
    MessageBoxes &messages() { return m_messages; }
    const NowFunction &now() const { return m_now; }

private:
    // Declaration order is destruction order reversed: the store goes before the secrets and git it uses.
    NowFunction m_now;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<GitCredential> m_git;
    std::unique_ptr<TokenStore> m_store;
    std::unique_ptr<HubClient> m_hub;
    std::unique_ptr<TokenValidator> m_validator;
    std::unique_ptr<ClipboardGuard> m_clipboard;
    MessageBoxes m_messages;
    bool m_storeLoaded = false;
};

} // namespace hftm
