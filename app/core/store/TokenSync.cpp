#include "core/store/TokenSync.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/TokenText.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>

#include <unistd.h>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::TokenSync", text);
}

using FileToken = TokenSync::FileToken;

// The file's token sections. Those whose name or value we refuse go to 'refused' with a note instead:
// they stay in the file, never reach the keychain and are never listed.
QMap<QString, FileToken> tokensIn(const IniDocument &doc, const QString &path, QSet<QString> *refused,
                                  QStringList *notes)
{
    QMap<QString, FileToken> tokens;
    for (const QString &name : doc.sectionNames()) {
        const IniSection *section = doc.section(name);
        const QString secret =
            TokenText::clean(section->value(QStringLiteral("hf_token")).value_or(QString()));
        if (secret.isEmpty())
            continue; // not a token section; kept in the file untouched
        if (const QString refusal = StoredTokensFile::importRefusal(path, name, *section);
            !refusal.isEmpty()) {
            refused->insert(name);
            *notes << refusal;
            continue;
        }
        FileToken token{secret, TokenText::fingerprint(secret), false, {}};
        const auto refresh = section->value(QStringLiteral("refresh_token"));
        const auto expiresAt = section->value(QStringLiteral("expires_at"));
        token.oauth = refresh.has_value() || expiresAt.has_value();
        bool ok = false;
        const qint64 seconds = expiresAt.value_or(QString()).toLongLong(&ok);
        if (ok)
            token.oauthExpiresAt = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        tokens.insert(name, token);
    }
    return tokens;
}
bool tighten(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || info.isSymLink() || info.ownerId() != ::getuid())
        return false;
    const QFile::Permissions loose = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                     QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    if (!(info.permissions() & loose))
        return false;
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}
} // namespace

TokenSync::TokenSync(const StoredTokensFile &file, const MetadataFile &metadata, SecretStore *secrets)
    : m_file(file)
    , m_metadata(metadata)
    , m_secrets(secrets)
{
}

QStringList TokenSync::tightenPermissions() const
{
    QStringList notes;
    for (const QString &path : {m_file.paths().tokenPath, m_file.paths().storedTokensPath}) {
        if (tighten(path))
            notes << tr("%1 was readable by other users; it is now private (0600).").arg(path);
    }
    return notes;
}

QSet<QString> TokenSync::expectedIn(const MetadataFile::Content &metadata)
{
    // What we last saw in the file: a read that lacks one of these may be huggingface_hub half-way
    // through rewriting it, and flagging those tokens as removed would be wrong.
    QSet<QString> expected;
    for (auto it = metadata.tokens.cbegin(); it != metadata.tokens.cend(); ++it) {
        if (it->inFiles)
            expected.insert(it.key());
    }
    return expected;
}

TokenSync::Look TokenSync::look() const
{
    Result<MetadataFile::Content> meta = m_metadata.load();
    const QSet<QString> expected = meta ? expectedIn(*meta) : QSet<QString>{};
    return lookAt(std::move(meta), m_file.loadStable(expected));
}

TokenSync::Look TokenSync::lookAt(Result<MetadataFile::Content> meta, const Result<IniDocument> &doc) const
{
    Look look;
    if (meta) {
        look.metadata = std::move(meta).value();
    } else {
        look.loadError = meta.error();
    }
    look.metadataWritable = !look.loadError;
    if (!doc && !look.loadError)
        look.loadError = doc.error();
    look.fileKnown = doc.ok();
    if (look.fileKnown)
        look.inFile = tokensIn(*doc, m_file.paths().storedTokensPath, &look.refused, &look.notes);
    return look;
}

QHash<QString, QString> TokenSync::copiesNeeded(const Look &look) const
{
    QHash<QString, QString> needed;
    if (look.metadata.settings.storageMode == StorageMode::FilesOnly || !m_secrets || !look.metadataWritable)
        return needed;
    // Secrets that appeared or changed in stored_tokens go to the keychain first; the metadata then
    // records only what really happened.
    for (auto it = look.inFile.cbegin(); it != look.inFile.cend(); ++it) {
        const auto known = look.metadata.tokens.constFind(it.key());
        if (known != look.metadata.tokens.cend() && known->fingerprint == it->fingerprint &&
            known->inKeychain)
            continue;
        needed.insert(it.key(), it->secret);
    }
    return needed;
}

TokenSync::Outcome TokenSync::view(const Look &look, const Copies &copied) const
{
    return apply(look, copied, false);
}

TokenSync::Outcome TokenSync::record(const Look &look, const Copies &copied) const
{
    return apply(look, copied, true);
}

TokenSync::Outcome TokenSync::run()
{
    QStringList notes = tightenPermissions();
    const Look found = look();
    notes << found.notes;
    Copies copied;
    const QHash<QString, QString> needed = copiesNeeded(found);
    for (auto it = needed.cbegin(); it != needed.cend(); ++it) {
        const Error error = m_secrets->write(it.key(), it.value());
        if (error) {
            notes << tr("Could not copy \"%1\" into the keychain: %2").arg(it.key(), error.message);
            if (error.code == ErrorCode::KeychainUnavailable)
                break; // don't wait on it once per token
            continue;
        }
        copied.insert(it.key(), TokenText::fingerprint(it.value()));
    }
    Outcome outcome = record(found, copied);
    notes << outcome.notes;
    outcome.notes = notes;
    return outcome;
}

TokenSync::Outcome TokenSync::apply(const Look &look, const Copies &copied, bool write) const
{
    Outcome outcome;
    outcome.loadError = look.loadError;
    const bool fileKnown = look.fileKnown;
    const QMap<QString, FileToken> &inFile = look.inFile;
    const QSet<QString> &refused = look.refused;
    const StorageMode mode = look.metadata.settings.storageMode;

    QStringList changeNotes;
    auto change = [&](MetadataFile::Content &c) {
        changeNotes.clear(); // update() may run this again on a fresher copy

        bool changed = false;
        for (auto it = inFile.cbegin(); it != inFile.cend(); ++it) {
            const bool isNew = !c.tokens.contains(it.key());
            TokenMetadata &entry = c.tokens[it.key()];
            const bool secretChanged = !isNew && entry.fingerprint != it->fingerprint;
            const bool isCopied = copied.value(it.key()) == it->fingerprint;
            if (isNew) {
                changeNotes << tr("Imported \"%1\" from %2.").arg(it.key(), m_file.paths().storedTokensPath);
            } else if (secretChanged && (isCopied || !entry.inKeychain || mode == StorageMode::FilesOnly)) {
                changeNotes << tr("Adopted the new secret of \"%1\" from %2.")
                                   .arg(it.key(), m_file.paths().storedTokensPath);
            } else if (secretChanged) {
                continue; // keychain still holds the old secret; try again once the copy is written
            }
            if (isNew || secretChanged) {
                entry.fingerprint = it->fingerprint;
                entry.masked = TokenText::mask(it->secret);
                entry.check = TokenCheck{};
                entry.inKeychain = isCopied; // a keychain copy of the old secret no longer counts
                changed = true;
            } else if (isCopied && !entry.inKeychain) {
                entry.inKeychain = true;
                changed = true;
            }
            if (!entry.inFiles || entry.missingFromFiles) {
                entry.inFiles = true;
                entry.missingFromFiles = false;
                changed = true;
            }
        }
        if (!fileKnown)
            return changed;
        for (auto it = c.tokens.begin(); it != c.tokens.end();) {
            // A section still there but refused now is not a removal: it was not touched outside.
            if (inFile.contains(it.key()) || refused.contains(it.key()) || !it->inFiles) {
                ++it;
                continue;
            }
            changed = true;
            if (it->inKeychain) {
                it->inFiles = false;
                it->missingFromFiles = true;
                changeNotes
                    << tr("\"%1\" was removed from %2 outside this program; it is still in the "
                          "keychain. Run `hftoken restore %1` or use \u201cRestore to huggingface_hub "
                          "files\u201d in the window to put it back, or remove it here too.")
                           .arg(it.key(), m_file.paths().storedTokensPath);
                ++it;
            } else {
                changeNotes << tr("\"%1\" was removed from %2 outside this program.")
                                   .arg(it.key(), m_file.paths().storedTokensPath);
                it = c.tokens.erase(it);
            }
        }
        return changed;
    };

    // Try the change on what was just read: most looks change nothing, and then neither the lock nor a
    // second parse of the metadata is needed.
    MetadataFile::Content content = look.metadata;
    const bool changes = change(content);
    if (write && changes && look.metadataWritable) {
        Result<MetadataFile::Content> updated = m_metadata.update(change);
        if (updated)
            content = std::move(updated).value();
        else
            outcome.loadError = updated.error();
    }
    outcome.notes << changeNotes;
    outcome.metadata = content;

    for (auto it = content.tokens.cbegin(); it != content.tokens.cend(); ++it) {
        TokenRecord record;
        record.name = it.key();
        record.masked = it->masked;
        record.fingerprint = it->fingerprint;
        record.missingFromFiles = it->missingFromFiles;
        record.gitRegistered = it->gitRegistered;
        record.endpoint = it->endpoint;
        record.check = it->check;
        if (it->inKeychain)
            record.storage |= StorageLocation::Keychain;
        const auto fileToken = inFile.constFind(it.key());
        if (!fileKnown && it->inFiles)
            record.storage |= StorageLocation::StoredTokens; // unreadable now, but that is where it is
        if (fileToken != inFile.cend()) {
            record.storage |= StorageLocation::StoredTokens;
            record.oauth = fileToken->oauth;
            record.oauthExpiresAt = fileToken->oauthExpiresAt;
        }
        outcome.records << record;
    }
    return outcome;
}

} // namespace hftm
