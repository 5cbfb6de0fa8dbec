#include "ui/app/AppContext.h"

#include "core/git/GitCredential.h"
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "core/secrets/SystemSecretStore.h"

#include <QGuiApplication>

namespace hftm {

namespace {
// The store stamps what it records with the app's clock, the same one the widgets and the Hub client use.
TokenStore::Options withClock(TokenStore::Options options, const NowFunction &now)
{
    if (now)
        options.now = now;
    return options;
}
} // namespace

std::unique_ptr<AppContext> AppContext::fromEnvironment(const QProcessEnvironment &env)
{
    Parts parts;
    parts.options = TokenStore::Options::fromEnvironment(env);
    // Built even when the user chose files-only: constructing it touches nothing (keychain calls start
    // only when a secret is asked for), and switching the mode in Settings must find a keychain to use.
    parts.secrets = makeSystemSecretStore(parts.options.identity);
    parts.git = std::make_unique<GitCredential>(QStringLiteral("git"), env);
    parts.loadLater = true; // the window reads the files once its first frame is on screen
    return std::make_unique<AppContext>(std::move(parts));
}

AppContext::AppContext(Parts parts)
    : m_now(std::move(parts.now))
    , m_secrets(std::move(parts.secrets))
    , m_git(std::move(parts.git))
    , m_store(std::make_unique<TokenStore>(withClock(std::move(parts.options), m_now), m_secrets.get(),
                                           m_git.get()))
    , m_hub(std::make_unique<HubClient>())
    , m_validator(std::make_unique<TokenValidator>(m_hub.get()))
    , m_clipboard(std::make_unique<ClipboardGuard>(QGuiApplication::clipboard()))
{
    m_hub->setClock(m_now);
    if (!parts.loadLater)
        loadStore();
}

void AppContext::loadStore()
{
    if (m_storeLoaded)
        return;
    m_storeLoaded = true;
    // Reads huggingface_hub's files and our metadata only; no secret leaves the keychain here. What `hf`
    // added is listed at once and copied into the keychain in the background.
    m_store->importChanges();
    // Another program (`hf auth login`, `hftoken`) changing a file shows up in the window and the tray.
    m_store->watchFiles();
}

AppContext::~AppContext() = default;

} // namespace hftm
