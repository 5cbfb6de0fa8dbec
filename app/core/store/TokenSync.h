#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/store/MetadataFile.h"

#include <QList>
#include <QStringList>

namespace hftm {

class SecretStore;
class StoredTokensFile;

// Brings our view in line with huggingface_hub's files: imports tokens `hf auth login` added, adopts
// secrets it refreshed in place, flags tokens removed there (never deleting them from the keychain), and
// in keychain-only mode moves newly appeared plaintext secrets into the keychain. Never reads a secret
// from the keychain, so it is cheap enough for start-up.
class TokenSync {
public:
    struct Outcome {
        QList<TokenRecord> records;     // sorted by name; 'active' is left for the caller to decide
        QStringList notes;              // translated, one line per thing that changed or could not
        Error loadError;                // a file or the metadata could not be read; nothing was written
        MetadataFile::Content metadata; // as read (and written) by this run, for callers to keep
    };

    TokenSync(const StoredTokensFile &file, const MetadataFile &metadata, SecretStore *secrets);
    Outcome run();

private:
    const StoredTokensFile &m_file;
    const MetadataFile &m_metadata;
    SecretStore *m_secrets;
};

} // namespace hftm
