#pragma once

#include "core/Result.h"
#include "core/base/Clock.h"
#include "core/base/TokenRecord.h"
#include "core/files/HfPaths.h"
#include "core/files/StoreIdentity.h"
#include "core/store/MetadataFile.h"
#include "core/store/Settings.h"
#include "core/store/TokenRemoval.h"
#include "core/store/TokenSync.h"

#include <QObject>
#include <QProcessEnvironment>

#include <memory>

namespace hftm {

class SecretStore;
class SecretJob;
class GitCredential;
class FileWatcher;

// Which token is in force, and from where.
struct ActiveToken {
    enum class Source { None, TokenFile, EnvHfToken, EnvLegacy };
    Source source = Source::None;
    QString name;             // the stored token it matches; empty when it matches none
    QString masked;           // hf_****abcd of the token in force
    bool fileAlsoSet = false; // env overrides a token file that also holds a token
    QString fileName;         // the stored name the token file matches (even when env overrides it)
    QString fileMasked;       // hf_****abcd of the token file's secret (even when env overrides it); empty: none
    bool fileIsLink = false;  // `token` is a symbolic link: read through it as Python does, never written
};

struct AddOptions {
    bool activate = false;
    bool registerWithGit = false;
    bool replace = false; // overwrite a token of the same name, or store a secret already stored
};

// The one place that decides a token's state and keeps huggingface_hub's files, the keychain, the
// non-secret metadata and git in step. Every change re-reads stored_tokens under its lock first; reads
// answer from the state of the last refresh().
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
        NowFunction now = &systemNow; // when a check or an import is stamped; the app's one clock
        static Options
        fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    };

    // secrets may be null only for FilesOnly use; git may be null (git integration off).
    TokenStore(Options options, SecretStore *secrets, GitCredential *git, QObject *parent = nullptr);
    ~TokenStore() override;

    // Reads stored_tokens, the token file and the metadata again and shows what they hold, tokens `hf`
    // added there included (as held by the files); changes nothing on disk or in the keychain. Emits
    // tokenChanged() per record that differs, tokensReset() when the set of names differs, and
    // changed() when anything does.
    Error refresh();
    // refresh(), then records what `hf` changed in its files (imported, adopted, removed: syncNotes())
    // in the metadata at once. Secrets it added or refreshed are copied into the keychain afterwards, in
    // the background (importPending() until importFinished()); in keychain-only mode a section leaves
    // stored_tokens only once its keychain copy is written, and never if that failed. Never waits on
    // the keychain; stored_tokens is read like load() does, so this may wait out a write in progress.
    Error importChanges();
    bool importPending() const;
    // importChanges() with the keychain copies written (blocking SecretStore calls) before it returns,
    // and changed() emitted once: for tools and tests that need the end state at once. Not for the GUI.
    Error reload();
    // Watches stored_tokens, the token file, tokens.json and their folders; an outside change (never this
    // store's own writes) is imported as importChanges() does, with stored_tokens re-read on a timer
    // instead of waiting while another program rewrites it. Off until called.
    void watchFiles(int debounceMs = 200);
    FileWatcher *fileWatcher() const;
    Error lastLoadError() const { return m_loadError; }   // e.g. unparseable stored_tokens
    QStringList syncNotes() const { return m_syncNotes; } // what the last import imported / adopted / flagged
    // Keychain items of this store that no token knows: left by a crash between the keychain write and
    // the file write. Asks the keychain (attributes only, never a secret), so call it when asked.
    Result<QStringList> orphanedKeychainItems();
    Error removeOrphanedKeychainItem(const QString &name);
    // Names of keychain items an earlier version left in the namespace every store shared.
    Result<QStringList> legacyKeychainItems();

    QList<TokenRecord> tokens() const { return m_tokens; }
    std::optional<TokenRecord> token(const QString &name) const;
    ActiveToken active() const { return m_active; }
    // The secret in the token file as huggingface_hub reads it (through a link too); empty when none.
    // Read now, only when asked (e.g. to store an active token that matches no stored one).
    QString tokenFileSecret() const;
    const Options &options() const { return m_options; }
    // What this store was built with, so StoreEditor's worker can build its twin over the same places.
    SecretStore *secretStore() const { return m_secrets; }
    GitCredential *gitCredential() const { return m_git; }
    // Another store over the same files (StoreEditor's worker) has just made an edit for this one: read the
    // files again and take them as this store's own writes (the watcher reports no outside change and
    // nothing is imported), with the edit's notes as the latest syncNotes().
    void acceptOwnEdit(const QStringList &notes = {});
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
    // Anything shown may have changed (records, the active token, settings, a load error).
    void changed();
    // One token's record changed (check result, rename target, storage, active flag).
    void tokenChanged(const QString &name);
    // The set of tokens changed (added, removed, renamed, another store's files): read tokens() again.
    void tokensReset();
    // The keychain copies importChanges() started are all written (or failed, see syncNotes()).
    void importFinished();

private:
    Error requireKeychain();
    Error writeActive(const QString &secret);
    Error registerWithGit(const QString &name, const QString &secret);
    void resolveActive();
    void migrateLegacy();
    struct Background;
    Background &background();
    // Takes what a look just read as the state shown, and says what changed.
    void show(QList<TokenRecord> records, MetadataFile::Content metadata, Error loadError,
              bool alwaysChanged = false);
    // After an edit: refresh(), and the watcher takes the files as they are now as this store's own
    // writes. A plain refresh() does not, so an outside change it only looked at is still imported.
    void refreshAfterOwnWrite();
    void acceptFiles();
    Error importLook(const TokenSync &sync, const TokenSync::Look &look);
    // Reads the files on a timer, never waiting, then imports. retryFailed: copies that just failed are
    // tried again (an outside change, an explicit import), not when this look only follows the copies.
    void startLook(bool retryFailed = true);
    void pollLook();
    void onCopiesDrained(const QHash<QString, QString> &written, const QHash<QString, QString> &failed,
                         const QStringList &notes);
    void purgeInBackground();
    void finishImportIfIdle();

    Options m_options;
    SecretStore *m_secrets;
    GitCredential *m_git;
    std::unique_ptr<MetadataFile> m_metadata;
    // Settings and per-token facts as of the last refresh(); every change refreshes, so reads need no parse.
    std::unique_ptr<MetadataFile::Content> m_cached;
    // settings() before the first refresh (the window's first frame): tokens.json read once, not per caller.
    mutable std::optional<Settings> m_settingsUnread;
    QList<TokenRecord> m_tokens;
    ActiveToken m_active;
    Error m_loadError;
    QStringList m_syncNotes;
    std::unique_ptr<Background> m_background;
};

} // namespace hftm
