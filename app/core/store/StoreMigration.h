#pragma once

#include "core/files/StoreIdentity.h"

#include <QString>
#include <QStringList>

namespace hftm {

class MetadataFile;
class SecretStore;
class StoredTokensFile;

// Takes over, once per token store, what versions before per-store namespaces kept for every HF_HOME
// at once: settings, the metadata of the tokens that are this store's, the notification log and watch
// list, and the keychain items whose secret matches one of this store's tokens. Nothing is deleted that
// is not copied first; an item that fits no token here (another HF_HOME's, or an ambiguous one) is kept
// and reported, never deleted.
class StoreMigration {
public:
    StoreMigration(const StoreIdentity &identity, QString legacyConfigDir, const StoredTokensFile &file,
                   const MetadataFile &metadata, SecretStore *secrets);

    // An old global tokens.json exists and this store has not taken it over yet.
    bool isNeeded() const;
    // Translated notes: what moved, and what was kept and why.
    QStringList run();

private:
    StoreIdentity m_identity;
    QString m_legacyDir;
    const StoredTokensFile &m_file;
    const MetadataFile &m_metadata;
    SecretStore *m_secrets;
};

} // namespace hftm
