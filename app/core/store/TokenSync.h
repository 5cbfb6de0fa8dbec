#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/files/IniDocument.h"
#include "core/store/MetadataFile.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace hftm {

class SecretStore;
class StoredTokensFile;

// Brings our view in line with huggingface_hub's files: imports tokens `hf auth login` added, adopts
// secrets it refreshed in place, flags tokens removed there (never deleting them from the keychain).
// Split in steps so a caller can look without changing anything (TokenStore::refresh), record what
// changed at once and copy secrets into the keychain later (the window), or do it all in one go (run).
// Never reads a secret from the keychain, so it is cheap enough for start-up.
class TokenSync {
public:
    struct FileToken {
        QString secret;
        QString fingerprint;
        bool oauth = false;
        QDateTime oauthExpiresAt;
    };
    // One look at the metadata and the files; nothing changed.
    struct Look {
        MetadataFile::Content metadata;
        bool metadataWritable = false;
        bool fileKnown = false;
        QMap<QString, FileToken> inFile; // importable token sections
        QSet<QString> refused;           // token sections we refuse (control characters…): left alone
        QStringList notes;               // refusals
        Error loadError;
    };
    struct Outcome {
        QList<TokenRecord> records;     // sorted by name; 'active' is left for the caller to decide
        QStringList notes;              // translated, one line per thing that changed or could not
        Error loadError;                // a file or the metadata could not be read; nothing was written
        MetadataFile::Content metadata; // as read (and written) by this run, for callers to keep
    };
    // Keychain copies made: name -> fingerprint of the secret written.
    using Copies = QHash<QString, QString>;

    TokenSync(const StoredTokensFile &file, const MetadataFile &metadata, SecretStore *secrets);

    // The sections a read must find, or else look again: those the metadata says are in the file.
    static QSet<QString> expectedIn(const MetadataFile::Content &metadata);
    // Reads both files (stored_tokens through loadStable, so this may wait up to its SettleMs).
    Look look() const;
    // The same from what the caller already read (a timer-driven lookOnce).
    Look lookAt(Result<MetadataFile::Content> metadata, const Result<IniDocument> &doc) const;
    // The secrets that should be copied into the keychain: name -> secret. Empty in files-only mode.
    QHash<QString, QString> copiesNeeded(const Look &look) const;
    // The records as they would be once what the files changed is recorded; writes nothing.
    Outcome view(const Look &look, const Copies &copied = {}) const;
    // Records what the files changed in the metadata (one locked write, only when something did).
    Outcome record(const Look &look, const Copies &copied = {}) const;
    // Everything at once on this thread: look, copy with the blocking SecretStore::write, record.
    Outcome run();
    // huggingface_hub before 1.16 created its files world-readable; tighten ours the way it now does.
    QStringList tightenPermissions() const;

private:
    Outcome apply(const Look &look, const Copies &copied, bool write) const;

    const StoredTokensFile &m_file;
    const MetadataFile &m_metadata;
    SecretStore *m_secrets;
};

} // namespace hftm
