// TokenStore's rename, remove and storage-mode changes: the operations that touch every place at once.
#include "store/TokenStore.h"

#include "files/StoredTokensFile.h"
#include "files/TokenText.h"
#include "git/GitCredential.h"
#include "secrets/SecretStore.h"
#include "store/MetadataFile.h"
#include "store/StorageModeSwitch.h"

#include <QCoreApplication>

namespace hftm {

Error TokenStore::rename(const QString &from, const QString &to)
{
    if (from == to)
        return {};
    if (const Error error = TokenText::validateName(to))
        return error;
    const std::optional<TokenRecord> record = token(from);
    if (!record)
        return makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found.").arg(from));
    if (token(to))
        return makeError(ErrorCode::AlreadyExists, tr("A token named \"%1\" is already stored.").arg(to));

    // Refuse before touching anything when our own records cannot follow the files.
    if (const Result<MetadataFile::Content> meta = m_metadata->load(); !meta)
        return meta.error();
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const bool inKeychain = record->storage.testFlag(StorageLocation::Keychain);
    if (inKeychain) {
        const Result<QString> value = secret(from);
        if (!value)
            return value.error();
        if (const Error error = m_secrets ? m_secrets->write(to, *value) : requireKeychain())
            return error;
    }
    const Result<IniDocument> written = file.update([&](IniDocument &d) -> Result<bool> {
        if (d.hasSection(to))
            return makeError(ErrorCode::AlreadyExists, tr("A token named \"%1\" is already stored.").arg(to));
        return d.renameSection(from, to); // keeps refresh_token, expires_at and any other key
    });
    if (!written) {
        if (inKeychain)
            m_secrets->remove(to);
        return written.error();
    }
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        if (c.tokens.contains(from))
            c.tokens.insert(to, c.tokens.take(from));
        return true;
    });
    Error error = saved ? Error{} : saved.error();
    if (inKeychain && !error)
        error = m_secrets->remove(from);
    reload();
    return error;
}

Result<RemoveReport> TokenStore::remove(const QString &name)
{
    reload();
    const std::optional<TokenRecord> record = token(name);
    if (!record) {
        return makeError(ErrorCode::NotFound, tr("Access token \"%1\" not found in %2.")
                                                  .arg(name, m_options.paths.storedTokensPath));
    }
    if (const Result<MetadataFile::Content> meta = m_metadata->load(); !meta)
        return meta.error();
    RemoveReport report;
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const Result<IniDocument> written =
        file.update([&](IniDocument &d) -> Result<bool> { return d.removeSection(name); });
    if (written)
        report.removedFromFiles = record->storage.testFlag(StorageLocation::StoredTokens);
    else
        report.failures << tr("huggingface_hub files: %1").arg(written.error().message);

    // Like `hf auth logout --token-name`: the token file goes only if it held this very token.
    const Result<QString> active = ActiveTokenFile::read(m_options.paths.tokenPath);
    if (active && !active->isEmpty() && TokenText::fingerprint(*active) == record->fingerprint) {
        if (const Error error = ActiveTokenFile::remove(m_options.paths.tokenPath))
            report.failures << tr("active token file: %1").arg(error.message);
        else
            report.clearedActiveFile = true;
    }

    bool keychainDone = !record->storage.testFlag(StorageLocation::Keychain);
    if (!keychainDone) {
        const Error error = m_secrets ? m_secrets->remove(name) : requireKeychain();
        if (error)
            report.failures << tr("keychain: %1").arg(error.message);
        else
            keychainDone = report.removedFromKeychain = true;
    }

    bool gitDone = !record->gitRegistered;
    if (!gitDone) {
        const Error error = m_git ? m_git->reject(endpointFor(name))
                                  : makeError(ErrorCode::Git, tr("git integration is not available"));
        if (error)
            report.failures << tr("git credential: %1").arg(error.message);
        else
            gitDone = report.rejectedFromGit = true;
    }

    // Keep what still exists somewhere, so running remove again finishes the job.
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        if (keychainDone && gitDone) {
            c.tokens.remove(name);
            return true;
        }
        TokenMetadata &entry = c.tokens[name];
        entry.inFiles = !written;
        entry.missingFromFiles = false;
        entry.inKeychain = !keychainDone;
        entry.gitRegistered = !gitDone;
        return true;
    });
    if (!saved)
        report.failures << saved.error().message;
    reload();
    return report;
}

Error TokenStore::setStorageMode(StorageMode mode)
{
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    StorageModeSwitch modeSwitch(file, *m_metadata, m_secrets);
    const Error error = modeSwitch.moveTo(mode);
    reload();
    m_syncNotes << modeSwitch.notes();
    return error;
}

} // namespace hftm
