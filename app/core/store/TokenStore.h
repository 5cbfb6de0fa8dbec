#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/files/HfPaths.h"
#include "core/store/MetadataFile.h"
#include "core/store/Settings.h"
#include "core/store/StoreIdentity.h"
#include "core/store/TokenRemoval.h"

#include <QObject>
#include <QProcessEnvironment>

#include <memory>

namespace hftm {

class SecretStore;
class SecretJob;
class GitCredential;

// Which token is in force, and from where.
struct ActiveToken {
    enum class Source { None, TokenFile, EnvHfToken, EnvLegacy };
    Source source = Source::None;
    QString name;             // the stored token it matches; empty when it matches none
    QString masked;           // hf_****abcd of the token in force
    bool fileAlsoSet = false; // env overrides a token file that also holds a token
    QString fileName;         // the stored name the token file matches (even when env overrides it)
    bool fileIsLink = false;  // `token` is a symbolic link: read through it as Python does, never written
};

struct AddOptions {
    bool activate = false;
    bool registerWithGit = false;
    bool replace = false; // overwrite a token of the same name, or store a secret already stored
};

// The one place that decides a token's state and keeps huggingface_hub's files, the keychain, the
// non-secret metadata and git in step. Every change re-reads stored_tokens under its lock first.
class TokenStore : public QObject {
    Q_OBJECT
public:
    struct Options {
        HfPaths paths;
        // This store's own folder for tokens.json (non-secret metadata + settings), the notification
        // log and the watch list: <config>/hf-token-manager/stores/<identity.id>.
        QString configDir;
        StoreIdentity identity;  // computed from paths when left empty
        QString legacyConfigDir; // where an earlier version kept tokens.json for every store; may be empty
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        int lockTimeoutMs = 10000;
        static Options
        fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    };

    // secrets may be null only for FilesOnly use; git may be null (git integration off).
    TokenStore(Options options, SecretStore *secrets, GitCredential *git, QObject *parent = nullptr);
    ~TokenStore() override;

    // Reads files and metadata; imports tokens added by `hf`, adopts secrets refreshed there, flags
    // tokens removed there. Never reads a secret from the keychain. Emits changed().
    Error reload();
    Error lastLoadError() const { return m_loadError; }   // e.g. unparseable stored_tokens
    QStringList syncNotes() const { return m_syncNotes; } // what reload() imported / adopted / flagged
    // Keychain items of this store that no token knows: left by a crash between the keychain write and
    // the file write. Asks the keychain (attributes only, never a secret), so call it when asked.
    Result<QStringList> orphanedKeychainItems();
    Error removeOrphanedKeychainItem(const QString &name);
    // Names of keychain items an earlier version left in the namespace every store shared.
    Result<QStringList> legacyKeychainItems();

    QList<TokenRecord> tokens() const { return m_tokens; }
    std::optional<TokenRecord> token(const QString &name) const;
    ActiveToken active() const { return m_active; }
    const Options &options() const { return m_options; }
    Settings settings() const;
    QString
    endpointFor(const QString &name) const; // HF_ENDPOINT, else per-token, else settings, else default
    // When HF_ENDPOINT overrides a saved endpoint (the global one, or name's own): one sentence saying which
    // is in force; empty when nothing saved is overridden.
    QString endpointNote(const QString &name = QString()) const;
    // True when secrets must go to the keychain (not FilesOnly) and it is not reachable.
    Error checkKeychain();

    Result<TokenRecord> add(const QString &name, const QString &secret, const AddOptions &options,
                            const std::optional<WhoamiInfo> &whoami = std::nullopt);
    Error switchTo(const QString &name, bool registerWithGit = false);
    Error rename(const QString &from, const QString &to);
    Result<RemoveReport> remove(const QString &name);
    // Puts a token that was removed from stored_tokens outside this program (`hf auth logout`) back
    // into it from the keychain, so huggingface_hub sees it again.
    Error restore(const QString &name);
    Result<QString> secret(const QString &name); // reads the keychain or the file; only when asked
    Error setStorageMode(StorageMode mode);      // moves secrets both ways; never loses one
    Error saveSettings(const Settings &settings);
    Error recordCheck(const QString &name, const TokenCheck &check);
    // Records many check results with one metadata write (a whole check run's answers).
    Error recordChecks(const QHash<QString, TokenCheck> &checks);
    // The secrets of these tokens, without blocking: what the files hold, and the keychain's part in one
    // bulk request. The job finishes exactly once, later, with a result per name.
    SecretJob *readSecrets(const QStringList &names);
    Error setEndpoint(const QString &name, const QString &endpoint);

signals:
    void changed();
    // One token's record changed (check result, rename target, storage, active flag).
    void tokenChanged(const QString &name);
    // The set of tokens changed (added, removed, renamed, another store's files): read tokens() again.
    void tokensReset();

private:
    Error requireKeychain();
    Error writeActive(const QString &secret);
    Error registerWithGit(const QString &name, const QString &secret);
    void resolveActive();
    void migrateLegacy();

    Options m_options;
    SecretStore *m_secrets;
    GitCredential *m_git;
    std::unique_ptr<MetadataFile> m_metadata;
    // Settings and per-token facts as of the last reload(); every change reloads, so reads need no parse.
    std::unique_ptr<MetadataFile::Content> m_cached;
    QList<TokenRecord> m_tokens;
    ActiveToken m_active;
    Error m_loadError;
    QStringList m_syncNotes;
};

} // namespace hftm
