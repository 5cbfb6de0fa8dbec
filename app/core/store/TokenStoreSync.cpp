// TokenStore's view of the files and what `hf` changed in them: the pure refresh, the import that
// records at once and copies into the keychain in the background, and the store's own file watcher.
#include "core/store/TokenStore.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"
#include "core/store/FileWatcher.h"
#include "core/store/KeychainCopies.h"
#include "core/store/MetadataFile.h"
#include "core/store/StorageModeSwitch.h"
#include "core/store/TokenSync.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

namespace hftm {

// What the store does between events: keychain copies, a stored_tokens read retried on a timer, a
// keychain-only purge on a worker thread, and the watcher that starts them.
struct TokenStore::Background {
    explicit Background(SecretStore *secrets)
        : copies(secrets)
    {
        lookTimer.setSingleShot(true);
        lookTimer.setInterval(StoredTokensFile::PollMs);
    }

    KeychainCopies copies;
    struct Copying {
        QString masked;
        QString fingerprint;
    };
    QHash<QString, Copying> copying; // name -> the secret being copied (or whose copy failed)
    bool purging = false;
    // The keychain-only purge already ran for this import: a file it had to leave as it was (a section
    // it must not rewrite) is not purged again by the look that follows it, in a loop.
    bool purgeTried = false;

    // A stored_tokens read on the watcher's behalf, one look per timer tick.
    QTimer lookTimer;
    bool looking = false;
    bool lookAgain = false;  // another change came in while looking
    bool lookRetries = true; // the look in progress tries failed copies again
    bool lookAgainRetries = false;
    // Copies that failed in the last batch: name -> fingerprint. Not retried until something new happens,
    // so a keychain that is down is not asked again in a loop.
    QHash<QString, QString> failed;
    Result<MetadataFile::Content> lookMetadata = MetadataFile::Content{};
    StoredTokensFile::StableRead stable;

    std::unique_ptr<FileWatcher> watcher;
};

namespace {

bool sameCheck(const TokenCheck &a, const TokenCheck &b)
{
    return a.status == b.status && a.checkedAt == b.checkedAt && a.message == b.message &&
           a.verdict == b.verdict && a.verdictAt == b.verdictAt &&
           a.whoami.has_value() == b.whoami.has_value() &&
           (!a.whoami || a.whoami->toJson() == b.whoami->toJson());
}

bool sameRecord(const TokenRecord &a, const TokenRecord &b)
{
    return a.name == b.name && a.masked == b.masked && a.fingerprint == b.fingerprint &&
           a.storage == b.storage && a.missingFromFiles == b.missingFromFiles &&
           a.gitRegistered == b.gitRegistered && a.endpoint == b.endpoint && a.active == b.active &&
           a.oauth == b.oauth && a.oauthExpiresAt == b.oauthExpiresAt && sameCheck(a.check, b.check);
}

bool sameActive(const ActiveToken &a, const ActiveToken &b)
{
    return a.source == b.source && a.name == b.name && a.masked == b.masked &&
           a.fileAlsoSet == b.fileAlsoSet && a.fileName == b.fileName && a.fileIsLink == b.fileIsLink &&
           a.fileMasked == b.fileMasked;
}

bool plaintextLeft(const QList<TokenRecord> &records)
{
    return std::any_of(records.cbegin(), records.cend(), [](const TokenRecord &r) {
        return !r.oauth && r.storage.testFlag(StorageLocation::Keychain) &&
               r.storage.testFlag(StorageLocation::StoredTokens);
    });
}

} // namespace

// Here, where Background is complete.
TokenStore::TokenStore(Options options, SecretStore *secrets, GitCredential *git, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_secrets(secrets)
    , m_git(git)
    , m_metadata(std::make_unique<MetadataFile>(m_options.configDir))
{
    if (!m_options.identity.isValid())
        m_options.identity = StoreIdentity::of(m_options.paths, m_options.environment);
}

TokenStore::~TokenStore() = default;

TokenStore::Background &TokenStore::background()
{
    if (!m_background) {
        m_background = std::make_unique<Background>(m_secrets);
        m_background->copies.setStillWanted([this](const QString &name, const QString &) {
            // Removed meanwhile, or the keychain was given up: no keychain item without a token.
            return token(name).has_value() && settings().storageMode != StorageMode::FilesOnly;
        });
        connect(&m_background->copies, &KeychainCopies::drained, this, &TokenStore::onCopiesDrained);
        connect(&m_background->lookTimer, &QTimer::timeout, this, &TokenStore::pollLook);
    }
    return *m_background;
}

void TokenStore::show(QList<TokenRecord> records, MetadataFile::Content metadata, Error loadError,
                      bool alwaysChanged)
{
    const QList<TokenRecord> before = std::exchange(m_tokens, std::move(records));
    const ActiveToken activeBefore = m_active;
    const Settings settingsBefore = settings();
    const Error errorBefore = m_loadError;
    m_loadError = std::move(loadError);
    m_cached = std::make_unique<MetadataFile::Content>(std::move(metadata));
    if (m_background) {
        // A secret `hf` refreshed in place whose keychain copy is not written (yet): the keychain still
        // holds the older one, so secret() and readSecrets() answer from the file, which holds the new.
        for (auto it = m_background->copying.cbegin(); it != m_background->copying.cend(); ++it) {
            const auto entry = m_cached->tokens.find(it.key());
            if (entry != m_cached->tokens.end() && entry->inKeychain && entry->fingerprint != it->fingerprint)
                entry->inKeychain = false;
        }
    }
    resolveActive();

    bool sameNames = before.size() == m_tokens.size();
    for (qsizetype i = 0; sameNames && i < before.size(); ++i)
        sameNames = before.at(i).name == m_tokens.at(i).name;
    bool anything = !sameNames || !sameActive(activeBefore, m_active) ||
                    errorBefore.code != m_loadError.code || errorBefore.message != m_loadError.message ||
                    settingsBefore.toJson() != m_cached->settings.toJson();
    if (!sameNames) {
        emit tokensReset();
    } else {
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (!sameRecord(before.at(i), m_tokens.at(i))) {
                anything = true;
                emit tokenChanged(m_tokens.at(i).name);
            }
        }
    }
    if (anything || alwaysChanged)
        emit changed();
}

Error TokenStore::refresh()
{
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const TokenSync sync(file, *m_metadata, m_secrets);
    const TokenSync::Look look = sync.look();
    TokenSync::Outcome outcome = sync.view(look);
    show(std::move(outcome.records), std::move(outcome.metadata), outcome.loadError);
    return m_loadError;
}

void TokenStore::acceptFiles()
{
    if (FileWatcher *watcher = fileWatcher())
        watcher->acceptCurrent(); // what was just read and imported is known: no event about it
}

void TokenStore::refreshAfterOwnWrite()
{
    m_syncNotes.clear(); // an edit's own notes follow; the last import's are no longer news
    refresh();
    acceptFiles();
}

Error TokenStore::reload()
{
    m_syncNotes.clear();
    migrateLegacy();
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    TokenSync::Outcome outcome = TokenSync(file, *m_metadata, m_secrets).run();
    m_syncNotes << outcome.notes;
    if (!outcome.loadError && plaintextLeft(outcome.records) &&
        outcome.metadata.settings.storageMode == StorageMode::KeychainOnly) {
        // Keychain-only promises no plaintext secrets besides `token`: what `hf auth login` added moves.
        StorageModeSwitch modeSwitch(file, *m_metadata, m_secrets);
        if (const Error error = modeSwitch.purgePlaintext())
            m_syncNotes << error.message;
        outcome = TokenSync(file, *m_metadata, m_secrets).run();
    }
    show(std::move(outcome.records), std::move(outcome.metadata), outcome.loadError, true);
    acceptFiles();
    return m_loadError;
}

Error TokenStore::importChanges()
{
    m_syncNotes.clear();
    migrateLegacy();
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const TokenSync sync(file, *m_metadata, m_secrets);
    m_syncNotes << sync.tightenPermissions();
    background().failed.clear(); // asked for: try every copy again
    background().purgeTried = false;
    return importLook(sync, sync.look());
}

Error TokenStore::importLook(const TokenSync &sync, const TokenSync::Look &look)
{
    Background &bg = background();
    for (const QString &note : look.notes) {
        if (!m_syncNotes.contains(note)) // a look that follows the copies finds the same refusals again
            m_syncNotes << note;
    }
    // The files already hold every secret `hf` wrote: the records appear now, held by the files, and the
    // keychain copies follow.
    QHash<QString, QString> needed = sync.copiesNeeded(look);
    for (auto it = needed.begin(); it != needed.end();) {
        if (bg.failed.value(it.key()) == TokenText::fingerprint(it.value()))
            it = needed.erase(it); // just failed: waits for something new to happen first
        else
            ++it;
    }
    TokenSync::Outcome outcome = sync.record(look);
    m_syncNotes << outcome.notes;
    for (auto it = needed.cbegin(); it != needed.cend(); ++it) {
        bg.copying.insert(it.key(), {TokenText::mask(it.value()), TokenText::fingerprint(it.value())});
        bg.copies.enqueue(it.key(), it.value());
    }
    const bool purge = needed.isEmpty() && !bg.purgeTried && !outcome.loadError &&
                       plaintextLeft(outcome.records) &&
                       outcome.metadata.settings.storageMode == StorageMode::KeychainOnly;
    show(std::move(outcome.records), std::move(outcome.metadata), outcome.loadError);
    acceptFiles();
    if (purge)
        purgeInBackground();
    return m_loadError;
}

bool TokenStore::importPending() const
{
    return m_background && (m_background->copies.isBusy() || m_background->purging || m_background->looking);
}

void TokenStore::onCopiesDrained(const QHash<QString, QString> &written,
                                 const QHash<QString, QString> &failed, const QStringList &notes)
{
    Background &bg = background();
    m_syncNotes << notes;
    bg.failed.insert(failed);
    QStringList adopted;
    QStringList orphans;
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        adopted.clear();
        orphans.clear();
        bool any = false;
        for (auto it = written.cbegin(); it != written.cend(); ++it) {
            const auto entry = c.tokens.find(it.key());
            if (entry == c.tokens.end()) {
                orphans << it.key(); // removed while its copy was being written
                continue;
            }
            if (entry->fingerprint == it.value()) {
                any = any || !entry->inKeychain;
                entry->inKeychain = true;
            } else if (entry->inKeychain && bg.copying.contains(it.key())) {
                // `hf` refreshed a secret the keychain held: the new one counts once it is there too.
                entry->fingerprint = it.value();
                entry->masked = bg.copying.value(it.key()).masked;
                entry->check = TokenCheck{};
                adopted << it.key();
                any = true;
            }
        }
        return any;
    });
    for (auto it = written.cbegin(); it != written.cend(); ++it)
        bg.copying.remove(it.key());
    for (const QString &name : std::as_const(orphans))
        m_secrets->removeLater(name);
    if (!saved) {
        m_syncNotes << saved.error().message;
        finishImportIfIdle();
        return;
    }
    const QString path = m_options.paths.storedTokensPath;
    for (const QString &name : std::as_const(adopted))
        m_syncNotes << tr("Adopted the new secret of \"%1\" from %2.").arg(name, path);
    // Show what the copies did, with the files read again on a timer (they may have changed meanwhile),
    // and in keychain-only mode let the copied sections leave stored_tokens.
    startLook(false);
}

void TokenStore::purgeInBackground()
{
    Background &bg = background();
    if (bg.purging)
        return;
    bg.purging = true;
    bg.purgeTried = true;
    // The purge rewrites stored_tokens under its lock and watches it for a racing huggingface_hub
    // (StoredTokensFile::update): a worker thread waits for that, the window does not.
    QPointer<TokenStore> self(this);
    const HfPaths paths = m_options.paths;
    const QString configDir = m_options.configDir;
    const int lockTimeoutMs = m_options.lockTimeoutMs;
    QThreadPool::globalInstance()->start([self, paths, configDir, lockTimeoutMs] {
        const StoredTokensFile file(paths, lockTimeoutMs);
        const MetadataFile metadata(configDir);
        StorageModeSwitch modeSwitch(file, metadata, nullptr);
        const Error error = modeSwitch.purgePlaintext();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, error] {
                if (!self)
                    return;
                if (error)
                    self->m_syncNotes << error.message;
                self->background().purging = false;
                self->startLook(false); // show the file as the purge left it, read without waiting
            },
            Qt::QueuedConnection);
    });
}

void TokenStore::finishImportIfIdle()
{
    if (!importPending())
        emit importFinished();
}

void TokenStore::watchFiles(int debounceMs)
{
    Background &bg = background();
    if (bg.watcher)
        return;
    bg.watcher = std::make_unique<FileWatcher>(
        QStringList{m_options.paths.tokenPath, m_options.paths.storedTokensPath, m_metadata->path()},
        debounceMs);
    // Another program (`hf auth login`, `hftoken`) changed a file: read it again and import.
    connect(bg.watcher.get(), &FileWatcher::changed, this, [this] { startLook(); });
}

FileWatcher *TokenStore::fileWatcher() const
{
    return m_background ? m_background->watcher.get() : nullptr;
}

void TokenStore::startLook(bool retryFailed)
{
    Background &bg = background();
    if (bg.looking) {
        bg.lookAgain = true;
        bg.lookAgainRetries = bg.lookAgainRetries || retryFailed;
        return;
    }
    bg.looking = true;
    bg.lookRetries = retryFailed;
    bg.lookAgain = false;
    bg.lookAgainRetries = false;
    bg.lookMetadata = m_metadata->load();
    bg.stable = StoredTokensFile::StableRead{};
    pollLook();
}

void TokenStore::pollLook()
{
    Background &bg = background();
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const QSet<QString> expected =
        bg.lookMetadata ? TokenSync::expectedIn(*bg.lookMetadata) : QSet<QString>{};
    std::optional<Result<IniDocument>> doc = file.lookOnce(expected, bg.stable);
    if (!doc) {
        bg.lookTimer.start(); // huggingface_hub is mid-write: look again on a later turn, never wait
        return;
    }
    const TokenSync sync(file, *m_metadata, m_secrets);
    const TokenSync::Look look = sync.lookAt(std::move(bg.lookMetadata), *doc);
    bg.lookMetadata = MetadataFile::Content{};
    bg.looking = false;
    if (bg.lookRetries) { // a new import; a follow-up look keeps the notes of the one it follows
        m_syncNotes.clear();
        m_syncNotes << sync.tightenPermissions();
        bg.failed.clear();
        bg.purgeTried = false;
    }
    importLook(sync, look);
    if (bg.lookAgain) {
        startLook(bg.lookAgainRetries);
        return;
    }
    finishImportIfIdle();
}

} // namespace hftm
