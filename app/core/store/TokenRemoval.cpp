#include "core/store/TokenRemoval.h"

#include "core/files/TokenText.h"
#include "core/git/GitCredential.h"
#include "core/secrets/SecretStore.h"
#include "core/store/MetadataFile.h"

#include <QCoreApplication>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::TokenRemoval", text);
}
} // namespace

TokenRemoval::TokenRemoval(StoredTokensFile file, QString tokenPath, const MetadataFile &metadata,
                           SecretStore *secrets, GitCredential *git)
    : m_file(std::move(file))
    , m_tokenPath(std::move(tokenPath))
    , m_metadata(metadata)
    , m_secrets(secrets)
    , m_git(git)
{
}

RemoveReport TokenRemoval::run(const TokenRecord &record, const QString &endpoint)
{
    const QString &name = record.name;
    RemoveReport report;
    const Result<IniDocument> written =
        m_file.update([&](IniDocument &d) -> Result<bool> { return d.removeSection(name); });
    if (written)
        report.removedFromFiles = record.storage.testFlag(StorageLocation::StoredTokens);
    else
        report.failures << tr("huggingface_hub files: %1").arg(written.error().message);

    // Like `hf auth logout --token-name`: the token file goes only if it held this very token.
    const Result<QString> active = ActiveTokenFile::read(m_tokenPath);
    if (active && !active->isEmpty() && TokenText::fingerprint(*active) == record.fingerprint) {
        if (const Error error = ActiveTokenFile::remove(m_tokenPath))
            report.failures << tr("active token file: %1").arg(error.message);
        else
            report.clearedActiveFile = true;
    }

    bool keychainDone = !record.storage.testFlag(StorageLocation::Keychain);
    if (!keychainDone) {
        const Error error = m_secrets
                                ? m_secrets->remove(name)
                                : makeError(ErrorCode::KeychainUnavailable, tr("no keychain is available"));
        if (error)
            report.failures << tr("keychain: %1").arg(error.message);
        else
            keychainDone = report.removedFromKeychain = true;
    }

    // Like `hf auth logout`: git forgets the token whoever gave it to git, but only this very token: what
    // git holds for the endpoint is compared in memory, and an unrelated credential stays.
    bool gitDone = true;
    if (m_git) {
        const QString host = GitCredential::hostOf(endpoint);
        const Result<GitCredential::Held> held = m_git->rejectIfHeld(endpoint, [&](const QString &password) {
            return TokenText::fingerprint(password) == record.fingerprint;
        });
        if (!held) {
            // Without an answer nothing was erased. Only a token we registered makes that a failure: for
            // any other, a machine without git (or a helper that will not answer) holds nothing of ours.
            if (record.gitRegistered) {
                gitDone = false;
                report.failures << tr("git credential: %1").arg(held.error().message);
            }
        } else if (*held == GitCredential::Held::ThisTokenRejected) {
            report.rejectedFromGit = true;
        } else if (*held == GitCredential::Held::OtherToken) {
            report.notes << tr("git holds another token for %1; it was left in place.").arg(host);
        }
    } else if (record.gitRegistered) {
        gitDone = false;
        report.failures << tr("git credential: %1").arg(tr("git integration is not available"));
    }

    // Keep what still exists somewhere, so running remove again finishes the job.
    const Result<MetadataFile::Content> saved = m_metadata.update([&](MetadataFile::Content &c) {
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
    return report;
}

} // namespace hftm
