// TokenStore's rename, remove and storage-mode changes: the operations that touch every place at once.
#include "core/store/TokenStore.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/git/GitCredential.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"
#include "core/store/StorageModeSwitch.h"
#include "core/store/TokenRemoval.h"

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
    refreshAfterOwnWrite();
    return error;
}

Result<RemoveReport> TokenStore::remove(const QString &name)
{
    refreshAfterOwnWrite();
    const std::optional<TokenRecord> record = token(name);
    if (!record) {
        return makeError(
            ErrorCode::NotFound,
            tr("Access token \"%1\" not found in %2.").arg(name, m_options.paths.storedTokensPath));
    }
    if (const Result<MetadataFile::Content> meta = m_metadata->load(); !meta)
        return meta.error();
    TokenRemoval removal(StoredTokensFile(m_options.paths, m_options.lockTimeoutMs),
                         m_options.paths.tokenPath, *m_metadata, m_secrets, m_git);
    const RemoveReport report = removal.run(*record, endpointFor(name));
    refreshAfterOwnWrite();
    return report;
}

Error TokenStore::setStorageMode(StorageMode mode)
{
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    StorageModeSwitch modeSwitch(file, *m_metadata, m_secrets);
    const Error error = modeSwitch.moveTo(mode);
    refreshAfterOwnWrite();
    m_syncNotes << modeSwitch.notes();
    return error;
}

} // namespace hftm

namespace hftm {

Error TokenStore::restore(const QString &name)
{
    const std::optional<TokenRecord> record = token(name);
    if (!record) {
        return makeError(
            ErrorCode::NotFound,
            tr("Access token \"%1\" not found in %2.").arg(name, m_options.paths.storedTokensPath));
    }
    if (!record->missingFromFiles) {
        return makeError(ErrorCode::InvalidInput,
                         tr("\"%1\" was not removed from %2, so there is nothing to restore.")
                             .arg(name, m_options.paths.storedTokensPath));
    }
    const Result<QString> value = secret(name);
    if (!value)
        return value.error();
    StoredTokensFile file(m_options.paths, m_options.lockTimeoutMs);
    const Result<IniDocument> written = file.update([&](IniDocument &d) -> Result<bool> {
        if (const IniSection *existing = d.section(name)) {
            if (TokenText::clean(existing->value(QStringLiteral("hf_token")).value_or(QString())) == *value)
                return false; // someone put it back meanwhile
            return makeError(ErrorCode::AlreadyExists,
                             tr("%1 now holds another token named \"%2\"; nothing was changed. Rename "
                                "one of them first.")
                                 .arg(m_options.paths.storedTokensPath, name));
        }
        d.ensureSection(name).setValue(QStringLiteral("hf_token"), *value);
        return true;
    });
    if (!written)
        return written.error();
    const Result<MetadataFile::Content> saved = m_metadata->update([&](MetadataFile::Content &c) {
        if (!c.tokens.contains(name))
            return false;
        c.tokens[name].inFiles = true;
        c.tokens[name].missingFromFiles = false;
        return true;
    });
    refreshAfterOwnWrite();
    return saved ? Error{} : saved.error();
}

Result<QStringList> TokenStore::orphanedKeychainItems()
{
    if (!m_secrets)
        return QStringList();
    const Result<QStringList> keys = m_secrets->storedKeys();
    if (!keys)
        return keys.error();
    const Result<MetadataFile::Content> meta = m_metadata->load();
    if (!meta)
        return meta.error(); // unknown metadata: every item could look orphaned, so claim none
    QStringList orphans;
    for (const QString &key : *keys) {
        // A token the store lists owns its item even before the metadata records the copy (the
        // background import writes the keychain first): never offer it for removal.
        if (token(key))
            continue;
        const auto entry = meta->tokens.constFind(key);
        if (entry == meta->tokens.cend() || !entry->inKeychain)
            orphans << key;
    }
    return orphans;
}

Error TokenStore::removeOrphanedKeychainItem(const QString &name)
{
    const Result<QStringList> orphans = orphanedKeychainItems();
    if (!orphans)
        return orphans.error();
    if (!orphans->contains(name)) {
        return makeError(ErrorCode::NotFound,
                         tr("The keychain holds no item \"%1\" that belongs to no token here.").arg(name));
    }
    return m_secrets->remove(name);
}

Result<QStringList> TokenStore::legacyKeychainItems()
{
    LegacyKeychainItems *legacy = m_secrets ? m_secrets->legacyItems() : nullptr;
    if (!legacy)
        return QStringList();
    const Result<QList<LegacyKeychainItems::Item>> items = legacy->list(false);
    if (!items)
        return items.error();
    QStringList names;
    for (const LegacyKeychainItems::Item &item : *items)
        names << item.name;
    names.sort();
    return names;
}

} // namespace hftm
