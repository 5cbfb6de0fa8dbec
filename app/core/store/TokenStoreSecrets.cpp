// TokenStore's operations on one secret: storing a new or replaced token, and reading one when asked.
#include "core/store/TokenStore.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"

#include <QCoreApplication>

namespace hftm {

namespace {

QString sectionSecret(const IniDocument &doc, const QString &name)
{
    const IniSection *section = doc.section(name);
    if (!section)
        return {};
    return TokenText::clean(section->value(QStringLiteral("hf_token")).value_or(QString()));
}

// The stored name whose secret has this fingerprint, if any.
QString nameWithFingerprint(const MetadataFile::Content &meta, const IniDocument &doc, const QString &fp,
                            const QString &except)
{
    for (auto it = meta.tokens.cbegin(); it != meta.tokens.cend(); ++it) {
        if (it.key() != except && it->fingerprint == fp)
            return it.key();
    }
    for (const QString &name : doc.sectionNames()) {
        if (name != except && TokenText::fingerprint(sectionSecret(doc, name)) == fp)
            return name;
    }
    return {};
}

} // namespace

Result<TokenRecord> TokenStore::add(const QString &name, const QString &rawSecret, const AddOptions &options,
                                    const std::optional<WhoamiInfo> &whoami)
{
    if (const Error error = TokenText::validateName(name))
        return error;
    const Result<QString> pasted = TokenText::validatePasted(rawSecret);
    if (!pasted)
        return pasted.error();
    const QString secret = *pasted;
    const QString fp = TokenText::fingerprint(secret);

    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const Result<MetadataFile::Content> meta = m_metadata->load();
    if (!meta)
        return meta.error();
    const Result<IniDocument> doc = file.load();
    if (!doc)
        return doc.error();
    const StorageMode mode = meta->settings.storageMode;

    const bool nameTaken = meta->tokens.contains(name) || doc->hasSection(name);
    if (nameTaken && !options.replace) {
        return makeError(ErrorCode::AlreadyExists,
                         tr("A token named \"%1\" is already stored. Replace it explicitly (--force) or "
                            "choose another name.")
                             .arg(name));
    }
    const QString twin = nameWithFingerprint(*meta, *doc, fp, name);
    if (!twin.isEmpty() && !options.replace) {
        return makeError(ErrorCode::AlreadyExists,
                         tr("This token is already stored as \"%1\". Store it again only explicitly "
                            "(--force).")
                             .arg(twin));
    }

    // Replacing the secret of the token in `token` keeps it the active one, as `hf auth login` does:
    // leaving the old secret there would make an unnamed token active.
    const QString oldFp = doc->hasSection(name) ? TokenText::fingerprint(sectionSecret(*doc, name))
                                                : meta->tokens.value(name).fingerprint;
    const Result<QString> activeFile = ActiveTokenFile::read(m_options.paths.tokenPath);
    const bool replacesActive = nameTaken && activeFile && !activeFile->isEmpty() && !oldFp.isEmpty() &&
                                TokenText::fingerprint(*activeFile) == oldFp && oldFp != fp;

    const bool useKeychain = mode != StorageMode::FilesOnly;
    const bool wasInKeychain = meta->tokens.value(name).inKeychain;
    std::optional<QString> previous; // what the keychain held, to put back if the files cannot follow
    if (useKeychain) {
        if (!m_secrets)
            return requireKeychain();
        if (wasInKeychain) {
            const Result<QString> old = m_secrets->read(name);
            if (old)
                previous = *old;
        }
        if (const Error error = m_secrets->write(name, secret))
            return error;
    }
    const bool inFiles = mode != StorageMode::KeychainOnly;
    const Result<IniDocument> written = file.update([&](IniDocument &d) -> Result<bool> {
        if (!inFiles) {
            // An older plaintext copy of this name leaves the file, unless it is this very OAuth token:
            // huggingface_hub needs its refresh data there, and the keychain never holds it.
            const IniSection *existing = d.section(name);
            if (!existing || (existing->value(QStringLiteral("hf_token")).value_or(QString()) == secret &&
                              existing->value(QStringLiteral("refresh_token"))))
                return false;
            return d.removeSection(name);
        }
        IniSection &section = d.ensureSection(name);
        if (section.value(QStringLiteral("hf_token")).value_or(QString()) != secret) {
            // A new secret invalidates the OAuth refresh data of the one it replaces, as huggingface_hub
            // does.
            section.removeKey(QStringLiteral("refresh_token"));
            section.removeKey(QStringLiteral("expires_at"));
        }
        section.setValue(QStringLiteral("hf_token"), secret);
        return true;
    });
    if (!written) {
        if (useKeychain && previous)
            m_secrets->write(name, *previous);
        else if (useKeychain && !wasInKeychain)
            m_secrets->remove(name);
        return written.error();
    }

    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        TokenMetadata &entry = c.tokens[name];
        if (entry.fingerprint != fp)
            entry.check = TokenCheck{};
        entry.fingerprint = fp;
        entry.masked = TokenText::mask(secret);
        entry.inKeychain = useKeychain;
        entry.inFiles = inFiles;
        entry.missingFromFiles = false;
        if (whoami) {
            entry.check.status = entry.check.verdict = TokenStatus::Valid;
            entry.check.checkedAt = entry.check.verdictAt = m_options.now();
            entry.check.whoami = whoami;
            entry.check.message.clear();
        }
        return true;
    });
    if (!saved)
        return saved.error();

    Error followUp;
    if (options.activate || replacesActive)
        followUp = writeActive(secret);
    if (!followUp && options.registerWithGit)
        followUp = registerWithGit(name, secret);
    refreshAfterOwnWrite();
    if (followUp)
        return followUp;
    return *token(name);
}

Error TokenStore::writeActive(const QString &secret)
{
    return ActiveTokenFile::write(m_options.paths.tokenPath, secret);
}

Result<QString> TokenStore::secret(const QString &name)
{
    // The metadata as of the last refresh (every change refreshes); read only before the first one.
    std::optional<MetadataFile::Content> loaded;
    if (!m_cached) {
        if (Result<MetadataFile::Content> fresh = m_metadata->load())
            loaded = std::move(fresh).value();
    }
    const MetadataFile::Content *meta = m_cached ? m_cached.get() : (loaded ? &*loaded : nullptr);
    const Result<IniDocument> doc = StoredTokensFile(m_options.paths, m_options.lockTimeoutMs).load();
    const QString fromFile = doc ? sectionSecret(*doc, name) : QString();
    // In files-only mode a keychain copy may be a stale leftover: the file is the truth there.
    const bool inKeychain = meta && meta->tokens.value(name).inKeychain &&
                            !(meta->settings.storageMode == StorageMode::FilesOnly && !fromFile.isEmpty());
    if (inKeychain) {
        if (!m_secrets && fromFile.isEmpty())
            return requireKeychain();
        if (m_secrets) {
            Result<QString> value = m_secrets->read(name);
            // The file copy is already plaintext on disk, so reading it when the keychain cannot answer
            // exposes nothing new; writing never falls back like this.
            if (value || fromFile.isEmpty())
                return value;
        }
    }
    if (!fromFile.isEmpty())
        return fromFile;
    if (!doc)
        return doc.error();
    return makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found.").arg(name));
}

SecretJob *TokenStore::readSecrets(const QStringList &names)
{
    auto *job = new SecretJob(this);
    // One read of stored_tokens for every name, the metadata as of the last refresh, and one bulk
    // keychain request: a check run of N tokens costs the same few reads as one.
    const Result<IniDocument> doc = StoredTokensFile(m_options.paths, m_options.lockTimeoutMs).load();
    std::optional<MetadataFile::Content> loaded;
    if (!m_cached) {
        if (Result<MetadataFile::Content> fresh = m_metadata->load())
            loaded = std::move(fresh).value();
    }
    const MetadataFile::Content *meta = m_cached ? m_cached.get() : (loaded ? &*loaded : nullptr);
    const StorageMode mode = meta ? meta->settings.storageMode : StorageMode::KeychainAndFiles;
    QHash<QString, QString> fromFile;
    QHash<QString, Result<QString>> results;
    QStringList fromKeychain;
    for (const QString &name : names) {
        const QString inFile = doc ? sectionSecret(*doc, name) : QString();
        if (!inFile.isEmpty())
            fromFile.insert(name, inFile);
        // In files-only mode a keychain copy may be a stale leftover: the file is the truth there.
        const bool inKeychain = meta && meta->tokens.value(name).inKeychain &&
                                !(mode == StorageMode::FilesOnly && !inFile.isEmpty());
        if (inKeychain && m_secrets) {
            fromKeychain << name;
        } else if (!inFile.isEmpty()) {
            results.insert(name, inFile);
        } else if (inKeychain) {
            results.insert(name, makeError(ErrorCode::KeychainUnavailable,
                                           tr("No keychain is configured for this program.")));
        } else if (!doc) {
            results.insert(name, doc.error());
        } else {
            results.insert(name,
                           makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found.").arg(name)));
        }
    }
    if (fromKeychain.isEmpty()) {
        job->finishLater(Error{}, std::move(results));
        return job;
    }
    SecretJob *keychain = m_secrets->readMany(fromKeychain);
    connect(keychain, &SecretJob::finished, job,
            [job, fromKeychain, fromFile, results](SecretJob *answered) mutable {
                for (const QString &name : fromKeychain) {
                    Result<QString> value = answered->result(name);
                    // The file copy is already plaintext on disk, so using it when the keychain cannot
                    // answer exposes nothing new; writing never falls back like this.
                    if (!value && fromFile.contains(name))
                        value = fromFile.value(name);
                    results.insert(name, std::move(value));
                }
                job->finishLater(Error{}, std::move(results));
            });
    return job;
}

} // namespace hftm
