#pragma once

#include "core/base/TokenRecord.h"
#include "core/files/StoredTokensFile.h"

#include <QStringList>

namespace hftm {

class GitCredential;
class MetadataFile;
class SecretStore;

// What remove() did in each place, so the user learns what failed and can rerun.
struct RemoveReport {
    bool removedFromFiles = false;
    bool removedFromKeychain = false;
    bool clearedActiveFile = false;
    bool rejectedFromGit = false;
    QStringList failures; // translated, one per place that failed
    QStringList notes;    // translated, what was left alone on purpose (another token in git)
};

// Removes one token from every place it lives: stored_tokens, the token file (only if it held this very
// token, like `hf auth logout --token-name`), the keychain and git (only if git holds this very token).
// Each place is tried even when another failed, and the metadata keeps what still exists somewhere, so
// running it again finishes the job.
class TokenRemoval {
public:
    TokenRemoval(StoredTokensFile file, QString tokenPath, const MetadataFile &metadata, SecretStore *secrets,
                 GitCredential *git);

    RemoveReport run(const TokenRecord &record, const QString &endpoint);

private:
    StoredTokensFile m_file;
    QString m_tokenPath;
    const MetadataFile &m_metadata;
    SecretStore *m_secrets;
    GitCredential *m_git;
};

} // namespace hftm
