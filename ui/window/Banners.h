#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/store/Settings.h"
#include "core/store/TokenStore.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hftm {

// One notice shown above the token table.
struct Banner {
    enum class Id {
        EnvOverride,
        Unparseable,
        CheckingKeychain,
        NoKeychain,
        PlaintextOnly,
        FolderUnsafe,
        RemovedOutside,
        OrphanedItems,
        NoActiveToken,      // tokens are stored, the token file holds none
        UnknownActiveToken, // the token file holds a secret no stored token has: "Import…"
    };
    enum class Kind { Info, Warning, Error };
    Id id;
    Kind kind;
    QString text;
    QString actionText; // empty: no button
};

// The facts that decide which banners apply, gathered from the store by the window.
struct BannerFacts {
    ActiveToken active;
    Error loadError;               // TokenStore::lastLoadError()
    Error keychainError;           // last keychain probe (or a failed operation); none = reachable
    bool keychainChecking = false; // a probe is under way: say so quietly, judge nothing yet
    StorageMode mode = StorageMode::KeychainAndFiles;
    QList<TokenRecord> tokens;
    QStringList folderWarnings; // FolderSafety::check(): token folders owned or writable by others
    QStringList orphanedItems;  // TokenStore::orphanedKeychainItems(), asked after the first paint
    QString selectedName;       // the token selected in the table: what "no active token" offers to activate
};

// Decides which banners apply to these facts and words them; a pure function, tested without widgets.
QList<Banner> bannersFor(const BannerFacts &facts);

} // namespace hftm
