#pragma once

#include "core/secrets/MemorySecretStore.h"
#include "support/TestWorld.h"
#include "ui/app/AppContext.h"
#include "ui/window/MainWindow.h"

#include <QDateTime>

#include <memory>

class QAction;
class QLineEdit;

namespace hftm::test {

// A main window over the test world (a scratch HF_HOME holding tests/data/files/stored_tokens and token,
// the world's clock), an in-memory keychain owned by the window's context, and scripted message boxes.
// Build it in steps: prepare the scratch environment, then context(), then window().
class WindowFixture {
public:
    // keychain: null for an in-memory one (then 'secrets' points at it), or e.g. a real KeychainSecretStore.
    explicit WindowFixture(bool installFixtures = true, std::unique_ptr<SecretStore> keychain = nullptr);
    ~WindowFixture();

    TestWorld world;
    ScratchEnvironment &env = world.env;
    QDateTime &now = world.now;
    MemorySecretStore *secrets = nullptr; // owned by the context; null with a real keychain
    // Set before context(): a real git from PATH whose global config is a fresh one inside the scratch
    // folder (no credential helper), instead of no git integration at all.
    bool withGit = false;

    AppContext &context();     // built on first use, with the environment as it is then
    MainWindow &window();      // built on first use
    MainWindow &shownWindow(); // shown and exposed
    TokenStore *store() { return context().store(); }

    // Triggers an action the way a user's click on its toolbar button does.
    static void trigger(QAction *action);
    // The line edit open in the selected row's Name cell (Rename… edits in place), or null.
    static QLineEdit *nameEditor(MainWindow &window);
    // Renames the selected token as a user does: Rename… opens its Name cell, typed replaces the text,
    // Return commits; returns once that editor is gone (the rename, if any, has started). False when no
    // editor opened.
    static bool renameInPlace(MainWindow &window, const QString &typed);
    // The names in stored_tokens right now, read straight from the file.
    QStringList sectionsOnDisk() const { return world.sectionsOnDisk(); }
    // Every string a user or assistive technology can see on the window's widgets: titles, tooltips,
    // status tips, accessible names and descriptions, what's-this, and the status bar message.
    QStringList visibleStrings();

private:
    std::unique_ptr<SecretStore> m_pendingSecrets;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace hftm::test
