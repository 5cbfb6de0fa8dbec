#pragma once

#include "core/Result.h"
#include "core/store/Settings.h"

#include <QStringList>

namespace hftm {

class MetadataFile;
class SecretStore;
class StoredTokensFile;

// Moves secrets between the keychain and stored_tokens when the storage mode changes. Always writes the
// destination before removing the source, so an interruption can leave a copy too many, never one too few.
class StorageModeSwitch {
public:
    StorageModeSwitch(const StoredTokensFile &file, const MetadataFile &metadata, SecretStore *secrets);

    Error moveTo(StorageMode target);

    // Keychain-only mode: plaintext copies in stored_tokens whose secret the keychain holds leave the file.
    // OAuth sections stay, because huggingface_hub refreshes them in place there.
    Error purgePlaintext();

    QStringList notes() const { return m_notes; }

private:
    Error copyFileTokensToKeychain();
    Error copyKeychainTokensToFile();
    Error dropKeychainCopies();

    const StoredTokensFile &m_file;
    const MetadataFile &m_metadata;
    SecretStore *m_secrets;
    QStringList m_notes;
};

} // namespace hftm
