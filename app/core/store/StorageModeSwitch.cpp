#include "core/store/StorageModeSwitch.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"

#include <QCoreApplication>
#include <QHash>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::StorageModeSwitch", text);
}

QString secretOf(const IniSection &section)
{
    return TokenText::clean(section.value(QStringLiteral("hf_token")).value_or(QString()));
}

bool isOAuth(const IniSection &section)
{
    return section.value(QStringLiteral("refresh_token")) || section.value(QStringLiteral("expires_at"));
}
} // namespace

StorageModeSwitch::StorageModeSwitch(const StoredTokensFile &file, const MetadataFile &metadata,
                                     SecretStore *secrets)
    : m_file(file)
    , m_metadata(metadata)
    , m_secrets(secrets)
{
}

Error StorageModeSwitch::moveTo(StorageMode target)
{
    const Result<IniDocument> doc = m_file.load();
    if (!doc)
        return doc.error();
    if (target != StorageMode::FilesOnly) {
        if (!m_secrets)
            return makeError(ErrorCode::KeychainUnavailable, tr("No keychain is available."));
        if (const Error error = m_secrets->probe())
            return error;
        if (const Error error = copyFileTokensToKeychain())
            return error;
    }
    if (target != StorageMode::KeychainOnly) {
        if (const Error error = copyKeychainTokensToFile())
            return error;
    }
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        c.settings.storageMode = target;
        return true;
    });
    if (!saved)
        return saved.error();
    if (target == StorageMode::KeychainOnly)
        return purgePlaintext();
    if (target == StorageMode::FilesOnly)
        return dropKeychainCopies();
    return {};
}

Error StorageModeSwitch::copyFileTokensToKeychain()
{
    const Result<IniDocument> doc = m_file.load();
    if (!doc)
        return doc.error();
    const Result<MetadataFile::Content> meta = m_metadata.load();
    if (!meta)
        return meta.error();
    QHash<QString, QString> copied; // name -> fingerprint now in the keychain
    for (const QString &name : doc->sectionNames()) {
        const QString secret = secretOf(*doc->section(name));
        if (secret.isEmpty())
            continue;
        const QString refusal =
            StoredTokensFile::importRefusal(m_file.paths().storedTokensPath, name, *doc->section(name));
        if (!refusal.isEmpty()) {
            m_notes << refusal; // e.g. "[work\0evil]": cut at the NUL it would replace "work"
            continue;
        }
        const QString fp = TokenText::fingerprint(secret);
        const TokenMetadata known = meta->tokens.value(name);
        if (known.inKeychain && known.fingerprint == fp)
            continue;
        if (const Error error = m_secrets->write(name, secret))
            return error;
        copied.insert(name, fp);
    }
    if (copied.isEmpty())
        return {};
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        for (auto it = copied.cbegin(); it != copied.cend(); ++it) {
            TokenMetadata &entry = c.tokens[it.key()];
            if (entry.fingerprint != it.value())
                entry.check = TokenCheck{};
            entry.fingerprint = it.value();
            entry.inKeychain = true;
            entry.inFiles = true;
        }
        return true;
    });
    return saved ? Error{} : saved.error();
}

Error StorageModeSwitch::copyKeychainTokensToFile()
{
    const Result<MetadataFile::Content> meta = m_metadata.load();
    if (!meta)
        return meta.error();
    QHash<QString, QString> secrets;
    for (auto it = meta->tokens.cbegin(); it != meta->tokens.cend(); ++it) {
        if (!it->inKeychain || it->inFiles)
            continue;
        if (!m_secrets) {
            return makeError(ErrorCode::KeychainUnavailable,
                             tr("\"%1\" is only in the keychain, which is not available; unlock it first so "
                                "no token is lost.")
                                 .arg(it.key()));
        }
        const Result<QString> secret = m_secrets->read(it.key());
        if (!secret)
            return secret.error();
        secrets.insert(it.key(), *secret);
    }
    if (secrets.isEmpty())
        return {};
    const Result<IniDocument> written = m_file.update([&](IniDocument &d) -> Result<bool> {
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            d.ensureSection(it.key()).setValue(QStringLiteral("hf_token"), it.value());
        return true;
    });
    if (!written)
        return written.error();
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            c.tokens[it.key()].inFiles = true;
            c.tokens[it.key()].missingFromFiles = false;
        }
        return true;
    });
    return saved ? Error{} : saved.error();
}

Error StorageModeSwitch::purgePlaintext()
{
    const Result<MetadataFile::Content> meta = m_metadata.load();
    if (!meta)
        return meta.error();
    QStringList removed;
    const Result<IniDocument> written = m_file.update([&](IniDocument &d) -> Result<bool> {
        removed.clear();
        // This rewrite is our own idea, not the user's: a file holding a section we refused (a planted
        // "[work\0evil]", say) is left exactly as it is until they have looked at it.
        for (const QString &name : d.sectionNames()) {
            if (!StoredTokensFile::importRefusal(m_file.paths().storedTokensPath, name, *d.section(name))
                     .isEmpty()) {
                m_notes << tr("%1 holds a section that was not imported, so its plaintext copies were left "
                              "there too.")
                               .arg(m_file.paths().storedTokensPath);
                return false;
            }
        }
        for (const QString &name : d.sectionNames()) {
            const IniSection *section = d.section(name);
            const TokenMetadata known = meta->tokens.value(name);
            const QString secret = secretOf(*section);
            // Only a secret the keychain is known to hold may leave the file.
            if (secret.isEmpty() || !known.inKeychain || known.fingerprint != TokenText::fingerprint(secret))
                continue;
            if (isOAuth(*section)) {
                m_notes << tr("\"%1\" is an OAuth token: it stays in %2 so huggingface_hub can refresh it.")
                               .arg(name, m_file.paths().storedTokensPath);
                continue;
            }
            d.removeSection(name);
            removed << name;
        }
        return !removed.isEmpty();
    });
    if (!written)
        return written.error();
    if (removed.isEmpty())
        return {};
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        for (const QString &name : removed) {
            c.tokens[name].inFiles = false;
            c.tokens[name].missingFromFiles = false;
        }
        return true;
    });
    return saved ? Error{} : saved.error();
}

Error StorageModeSwitch::dropKeychainCopies()
{
    const Result<MetadataFile::Content> meta = m_metadata.load();
    if (!meta)
        return meta.error();
    QStringList dropped;
    for (auto it = meta->tokens.cbegin(); it != meta->tokens.cend(); ++it) {
        if (!it->inKeychain || !it->inFiles)
            continue;
        if (!m_secrets) {
            m_notes << tr("The keychain is not reachable, so its copies of your tokens were left there.");
            break;
        }
        if (const Error error = m_secrets->remove(it.key())) {
            m_notes << tr("Could not remove \"%1\" from the keychain: %2").arg(it.key(), error.message);
            continue;
        }
        dropped << it.key();
    }
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        for (const QString &name : dropped)
            c.tokens[name].inKeychain = false;
        return !dropped.isEmpty();
    });
    return saved ? Error{} : saved.error();
}

} // namespace hftm
