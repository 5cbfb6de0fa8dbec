#include "core/store/TokenStore.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/git/GitCredential.h"
#include "core/hub/HubClient.h"
#include "core/secrets/SecretStore.h"
#include "core/store/FileWatcher.h"
#include "core/store/MetadataFile.h"
#include "core/store/StorageModeSwitch.h"
#include "core/store/StoreMigration.h"
#include "core/store/TokenSync.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace hftm {

namespace {

// The token Python reads from `token`. A symlinked `token` (dotfile managers, containers) is never
// written through, but huggingface_hub follows it when reading, so the active token is reported as it
// sees it. Bounded: a link to something huge or endless is not a token.
QString activeAsPythonSees(const QString &path, bool *throughLink)
{
    *throughLink = false;
    const Result<QString> own = ActiveTokenFile::read(path);
    if (own)
        return *own;
    const QFileInfo info(path);
    if (!info.isSymLink())
        return {};
    const QFileInfo target(info.canonicalFilePath());
    constexpr qint64 MaxTokenBytes = 64 * 1024;
    if (!target.isFile() || target.size() > MaxTokenBytes)
        return {};
    QFile file(target.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    *throughLink = true;
    return TokenText::clean(QString::fromUtf8(file.read(MaxTokenBytes)));
}
} // namespace

TokenStore::Options TokenStore::Options::fromEnvironment(const QProcessEnvironment &env)
{
    Options options;
    options.paths = HfPaths::fromEnvironment(env);
    options.environment = env;
    QString configHome = env.value(QStringLiteral("XDG_CONFIG_HOME"));
    if (configHome.isEmpty() || QDir::isRelativePath(configHome)) {
        const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
        configHome = QDir(home).filePath(QStringLiteral(".config"));
    }
    // Everything this program keeps belongs to one store, named by its canonical stored_tokens path:
    // two HF_HOMEs sharing one config folder never see each other's metadata or settings.
    options.identity = StoreIdentity::of(options.paths, env);
    options.legacyConfigDir = QDir(configHome).filePath(QStringLiteral("hf-token-manager"));
    options.configDir =
        QDir(options.legacyConfigDir).filePath(QStringLiteral("stores/") + options.identity.id);
    return options;
}

std::optional<TokenRecord> TokenStore::token(const QString &name) const
{
    for (const TokenRecord &record : m_tokens) {
        if (record.name == name)
            return record;
    }
    return std::nullopt;
}

void TokenStore::acceptOwnEdit(const QStringList &notes)
{
    refreshAfterOwnWrite();
    m_syncNotes << notes;
}

Settings TokenStore::settings() const
{
    if (m_cached)
        return m_cached->settings;
    // Read once, however many ask before the first refresh replaces it with what that read, and without
    // building every token's record (the table, the tray and the autostart entry ask before the first
    // frame, which must not grow with the number of tokens).
    if (!m_settingsUnread) {
        const Result<Settings> saved = m_metadata->loadSettings();
        m_settingsUnread = saved ? *saved : Settings{};
    }
    return *m_settingsUnread;
}

QString TokenStore::endpointFor(const QString &name) const
{
    // huggingface_hub's precedence: HF_ENDPOINT wins over anything saved here, because every Python tool
    // started from this environment uses it; git and the Hub checks must see the same server. That holds
    // for a per-token endpoint too: Python has no per-token endpoint, so with HF_ENDPOINT set it sends this
    // token there. Without HF_ENDPOINT: the token's own endpoint, else the saved one, else the default.
    if (!m_options.environment.value(QStringLiteral("HF_ENDPOINT")).isEmpty())
        return endpointFromEnvironment(m_options.environment);
    std::unique_ptr<MetadataFile::Content> loaded;
    const MetadataFile::Content *meta = m_cached.get();
    if (!meta) {
        Result<MetadataFile::Content> fresh = m_metadata->load();
        if (fresh)
            loaded = std::make_unique<MetadataFile::Content>(std::move(fresh).value());
        meta = loaded.get();
    }
    if (meta) {
        const QString own = meta->tokens.value(name).endpoint;
        if (!own.isEmpty())
            return own;
        if (!meta->settings.endpoint.isEmpty())
            return meta->settings.endpoint;
    }
    return endpointFromEnvironment(m_options.environment);
}

QString TokenStore::endpointNote(const QString &name) const
{
    const QProcessEnvironment &env = m_options.environment;
    if (env.value(QStringLiteral("HF_ENDPOINT")).isEmpty())
        return {};
    const auto trimmed = [](QString url) {
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        return url;
    };
    const QString inForce = endpointFromEnvironment(env);
    const std::optional<TokenRecord> record = name.isEmpty() ? std::nullopt : token(name);
    const QString own = trimmed(record ? record->endpoint : QString());
    const QString saved = own.isEmpty() ? trimmed(settings().endpoint) : own;
    if (saved.isEmpty() || saved == inForce)
        return {};
    return own.isEmpty() ? tr("HF_ENDPOINT=%1 is set and is the endpoint in force; the saved endpoint %2 "
                              "(`hftoken config endpoint`) is not used while it is set, as huggingface_hub "
                              "would not use it either.")
                               .arg(inForce, saved)
                         : tr("HF_ENDPOINT=%1 is set and is the endpoint in force for \"%2\"; its own "
                              "endpoint %3 is not used while HF_ENDPOINT is set.")
                               .arg(inForce, name, saved);
}

Error TokenStore::checkKeychain()
{
    if (settings().storageMode == StorageMode::FilesOnly)
        return {};
    return requireKeychain();
}

Error TokenStore::requireKeychain()
{
    if (!m_secrets) {
        return makeError(ErrorCode::KeychainUnavailable,
                         tr("No keychain is configured for this program. Choose `hftoken config storage "
                            "files-only` to keep tokens only in huggingface_hub's files."));
    }
    return m_secrets->probe();
}

void TokenStore::migrateLegacy()
{
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    StoreMigration migration(m_options.identity, m_options.legacyConfigDir, file, *m_metadata, m_secrets);
    if (migration.isNeeded())
        m_syncNotes << migration.run();
}

void TokenStore::resolveActive()
{
    m_active = ActiveToken{};
    const EnvToken env = EnvToken::fromEnvironment(m_options.environment);
    const QString fileSecret = activeAsPythonSees(m_options.paths.tokenPath, &m_active.fileIsLink);
    const QString fileFp = fileSecret.isEmpty() ? QString() : TokenText::fingerprint(fileSecret);
    const QString envFp = env.secret.isEmpty() ? QString() : TokenText::fingerprint(env.secret);
    const QString activeFp = env.isSet() ? envFp : fileFp;
    if (env.isSet()) {
        m_active.source = env.variable == QLatin1String("HF_TOKEN") ? ActiveToken::Source::EnvHfToken
                                                                    : ActiveToken::Source::EnvLegacy;
        m_active.masked = TokenText::mask(env.secret);
        m_active.fileAlsoSet = !fileSecret.isEmpty();
    } else if (!fileSecret.isEmpty()) {
        m_active.source = ActiveToken::Source::TokenFile;
        m_active.masked = TokenText::mask(fileSecret);
    }
    if (!fileSecret.isEmpty())
        m_active.fileMasked = TokenText::mask(fileSecret);
    for (TokenRecord &record : m_tokens) {
        record.active = !activeFp.isEmpty() && record.fingerprint == activeFp;
        if (record.active && m_active.name.isEmpty())
            m_active.name = record.name;
        if (!fileFp.isEmpty() && record.fingerprint == fileFp && m_active.fileName.isEmpty())
            m_active.fileName = record.name;
    }
}

QString TokenStore::tokenFileSecret() const
{
    bool throughLink = false;
    return activeAsPythonSees(m_options.paths.tokenPath, &throughLink);
}

Error TokenStore::registerWithGit(const QString &name, const QString &secret)
{
    if (!m_git)
        return makeError(ErrorCode::Git, tr("Git integration is not available."));
    // git would send the token on every fetch and push to that host: the same HTTPS rule as the Hub client.
    const QString endpoint = endpointFor(name);
    if (const Error error = HubClient::validateEndpoint(endpoint))
        return error;
    // With no helper for this endpoint, `git credential approve` succeeds and keeps nothing: then the token
    // is not given to git and not recorded as registered (callers see gitRegistered stay false and say so).
    const Result<QStringList> helpers = m_git->helpersFor(endpoint);
    if (!helpers)
        return helpers.error();
    const bool kept = !helpers->isEmpty();
    if (kept) {
        if (const Error error = m_git->approve(endpoint, secret))
            return error;
    }
    const QString host = GitCredential::hostOf(endpoint);
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        for (auto it = c.tokens.begin(); it != c.tokens.end(); ++it) {
            if (it.key() == name)
                it->gitRegistered = kept;
            else if (kept && GitCredential::hostOf(endpointFor(it.key())) == host)
                it->gitRegistered = false; // git holds one credential per host and user: the last approved
        }
        return true;
    });
    return saved ? Error{} : saved.error();
}

Error TokenStore::switchTo(const QString &name, bool registerGit)
{
    const std::optional<TokenRecord> record = token(name);
    if (!record) {
        return makeError(
            ErrorCode::NotFound,
            tr("Access token \"%1\" not found in %2.").arg(name, m_options.paths.storedTokensPath));
    }
    const Result<QString> value = secret(name);
    if (!value)
        return value.error();
    Error error = writeActive(*value);
    if (!error && (registerGit || record->gitRegistered))
        error = registerWithGit(name, *value);
    refreshAfterOwnWrite();
    return error;
}

Error TokenStore::saveSettings(const Settings &settings)
{
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        const StorageMode mode = c.settings.storageMode; // changed only through setStorageMode()
        c.settings = settings;
        c.settings.storageMode = mode;
        return true;
    });
    if (!saved)
        return saved.error();
    refreshAfterOwnWrite();
    return {};
}

Error TokenStore::setEndpoint(const QString &name, const QString &endpoint)
{
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        if (!c.tokens.contains(name))
            return false;
        c.tokens[name].endpoint = endpoint;
        return true;
    });
    if (!saved)
        return saved.error();
    refreshAfterOwnWrite();
    return {};
}

Error TokenStore::recordCheck(const QString &name, const TokenCheck &check)
{
    return recordChecks({{name, check}});
}

Error TokenStore::recordChecks(const QHash<QString, TokenCheck> &checks)
{
    if (checks.isEmpty())
        return {};
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        bool any = false;
        for (auto it = checks.constBegin(); it != checks.constEnd(); ++it) {
            if (!c.tokens.contains(it.key()))
                continue; // removed meanwhile: its answer has nobody to belong to
            const TokenCheck &check = it.value();
            TokenCheck &stored = c.tokens[it.key()].check;
            stored.status = check.status;
            stored.checkedAt = check.checkedAt.isValid() ? check.checkedAt : m_options.now();
            stored.message = check.message;
            // Only the Hub's own answer changes the verdict; network trouble keeps what we knew.
            if (check.status == TokenStatus::Valid || check.status == TokenStatus::Expired ||
                check.status == TokenStatus::Invalid) {
                stored.verdict = check.status;
                stored.verdictAt = stored.checkedAt;
            }
            if (check.whoami)
                stored.whoami = check.whoami;
            any = true;
        }
        return any;
    });
    if (!saved)
        return saved.error();
    // Only these records changed, and the metadata just written says how: no file is read again and
    // nobody is told to start over.
    m_cached = std::make_unique<MetadataFile::Content>(*saved);
    if (FileWatcher *watcher = fileWatcher())
        watcher->accept(m_metadata->path()); // our own write: the watcher must not re-import for it
    QStringList changedNames;
    for (TokenRecord &record : m_tokens) {
        const auto entry = saved->tokens.constFind(record.name);
        if (!checks.contains(record.name) || entry == saved->tokens.cend())
            continue;
        record.check = entry->check;
        changedNames << record.name;
    }
    for (const QString &name : std::as_const(changedNames))
        emit tokenChanged(name);
    if (!changedNames.isEmpty())
        emit changed();
    return {};
}

} // namespace hftm
