#include "core/store/StoreMigration.h"

#include "core/files/SecretFile.h"
#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/secrets/LegacyKeychainItems.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace hftm {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("hftm::StoreMigration", text, disambiguation, n);
}

// One token the old global metadata knew that turns out to be this store's.
struct Claim {
    QString name;
    TokenMetadata meta;
    QString keychainSecret; // non-empty: the old item's secret, to be written into this store's namespace
};

QString fileSecretOf(const IniDocument &doc, const QString &name)
{
    const IniSection *section = doc.section(name);
    return section ? TokenText::clean(section->value(QStringLiteral("hf_token")).value_or(QString()))
                   : QString();
}

// Decides which old entries are this store's. A file section with the same secret is proof; an entry
// the old metadata saw only in the keychain is taken by the first store to migrate (its secret exists
// nowhere else, so leaving it unclaimed could lose it from view). Everything else stays where it is.
QList<Claim> claimsFor(const MetadataFile::Content &old, const IniDocument *doc,
                       const QHash<QString, QString> &legacySecrets)
{
    QList<Claim> claims;
    for (auto it = old.tokens.cbegin(); it != old.tokens.cend(); ++it) {
        const QString fileSecret = doc ? fileSecretOf(*doc, it.key()) : QString();
        const QString legacySecret = legacySecrets.value(it.key());
        const bool legacyMatches =
            !legacySecret.isEmpty() && TokenText::fingerprint(legacySecret) == it->fingerprint;
        Claim claim{it.key(), it.value(), {}};
        if (!fileSecret.isEmpty() && TokenText::fingerprint(fileSecret) == it->fingerprint) {
            claim.meta.inFiles = true;
            claim.meta.missingFromFiles = false;
            claim.meta.inKeychain = false; // set again once this store's own item is written
            if (it->inKeychain && legacyMatches)
                claim.keychainSecret = legacySecret;
            claims << claim;
        } else if (fileSecret.isEmpty() && doc && it->inKeychain && legacyMatches &&
                   (!it->inFiles || it->missingFromFiles)) {
            claim.meta.inKeychain = false;
            claim.keychainSecret = legacySecret;
            claims << claim;
        }
    }
    return claims;
}

// The notification log and the watch list were global too: each store starts from a copy.
void copyAside(const QString &from, const QString &to)
{
    if (!QFileInfo::exists(from) || QFileInfo::exists(to))
        return;
    const Result<QByteArray> bytes = SecretFile::read(from);
    if (bytes)
        SecretFile::write(to, *bytes);
}

} // namespace

StoreMigration::StoreMigration(const StoreIdentity &identity, QString legacyConfigDir,
                               const StoredTokensFile &file, const MetadataFile &metadata,
                               SecretStore *secrets)
    : m_identity(identity)
    , m_legacyDir(std::move(legacyConfigDir))
    , m_file(file)
    , m_metadata(metadata)
    , m_secrets(secrets)
{
}

bool StoreMigration::isNeeded() const
{
    if (m_legacyDir.isEmpty() || !QFileInfo::exists(MetadataFile(m_legacyDir).path()))
        return false;
    const Result<MetadataFile::Content> own = m_metadata.load();
    return own && !own->legacyMigrated;
}

QStringList StoreMigration::run()
{
    QStringList notes;
    const MetadataFile legacy(m_legacyDir);
    const Result<MetadataFile::Content> old = legacy.load();
    if (!old) {
        notes << tr("The settings an earlier version kept for every token store could not be read, so "
                    "they were not taken over (the file was left as it is): %1")
                     .arg(old.error().message);
        return notes;
    }
    const Result<IniDocument> doc = m_file.load();

    QHash<QString, QString> legacySecrets;
    bool keychainDone = true;
    LegacyKeychainItems *items = m_secrets ? m_secrets->legacyItems() : nullptr;
    const bool anyInKeychain = std::any_of(old->tokens.cbegin(), old->tokens.cend(),
                                           [](const TokenMetadata &m) { return m.inKeychain; });
    if (items && anyInKeychain) {
        const Result<QList<LegacyKeychainItems::Item>> listed = items->list(true);
        if (listed) {
            for (const LegacyKeychainItems::Item &item : *listed)
                legacySecrets.insert(item.name, item.secret);
        } else {
            keychainDone = false; // tried again at the next start; nothing of the old items is touched
            notes << tr("The keychain items of an earlier version could not be read, so they stay where "
                        "they are for now: %1")
                         .arg(listed.error().message);
        }
    }

    QList<Claim> claims = claimsFor(*old, doc ? &*doc : nullptr, legacySecrets);
    QStringList moved;
    for (auto it = claims.begin(); it != claims.end();) {
        if (it->keychainSecret.isEmpty() || !m_secrets) {
            ++it;
            continue;
        }
        const Error written = m_secrets->write(it->name, it->keychainSecret);
        if (written) {
            keychainDone = false;
            notes << tr("Could not move the keychain item “%1” of an earlier version: %2")
                         .arg(it->name, written.message);
            // A token whose secret is only in that item is not taken over yet: it must not look lost.
            it = it->meta.inFiles ? std::next(it) : claims.erase(it);
            continue;
        }
        it->meta.inKeychain = true;
        moved << it->name;
        ++it;
    }

    const bool fresh = !QFileInfo::exists(m_metadata.path());
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
        if (fresh || c.tokens.isEmpty())
            c.settings = old->settings;
        c.storedTokensPath = m_identity.storedTokensPath;
        for (const Claim &claim : std::as_const(claims)) {
            if (!c.tokens.contains(claim.name))
                c.tokens.insert(claim.name, claim.meta);
            else if (claim.meta.inKeychain)
                c.tokens[claim.name].inKeychain = true;
        }
        c.legacyMigrated = keychainDone;
        return true;
    });
    if (!saved) {
        notes << saved.error().message;
        return notes; // the old items stay: this store's metadata does not record them yet
    }

    // Only now that this store's metadata and its own items hold them may the old items go.
    QStringList removed;
    for (const QString &name : std::as_const(moved)) {
        if (items && !items->remove(name))
            removed << name;
    }
    for (const QString &name : {QStringLiteral("notifications.json"), QStringLiteral("watchlist.json")})
        copyAside(QDir(m_legacyDir).filePath(name), QDir(QFileInfo(m_metadata.path()).path()).filePath(name));

    if (!claims.isEmpty()) {
        notes << tr("Took over %n token(s) and the settings of an earlier version for %1.", nullptr,
                    int(claims.size()))
                     .arg(m_identity.displayFolder);
    }
    QStringList kept;
    for (auto it = legacySecrets.cbegin(); it != legacySecrets.cend(); ++it) {
        if (!removed.contains(it.key()))
            kept << it.key();
    }
    kept.sort();
    for (const QString &name : std::as_const(kept)) {
        notes << tr("Kept the keychain item “%1” of an earlier version: it matches no token of %2 (another "
                    "HF_HOME may need it). `hftoken status` lists such items.")
                     .arg(name, m_identity.displayFolder);
    }
    return notes;
}

} // namespace hftm
