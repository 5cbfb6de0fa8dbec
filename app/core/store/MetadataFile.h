#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/store/Settings.h"

#include <QMap>
#include <QString>

#include <functional>

namespace hftm {

// What we remember about a token that is not in huggingface_hub's files. Never a secret.
struct TokenMetadata {
    QString fingerprint;
    QString masked;
    bool inKeychain = false;
    bool inFiles = false;          // we last saw (or wrote) it in stored_tokens
    bool missingFromFiles = false; // it vanished from stored_tokens while we still hold it
    bool gitRegistered = false;
    QString endpoint;
    TokenCheck check;
};

// The non-secret metadata file (tokens.json under the user's config folder): settings and per-token
// facts learned from the Hub, so lists show them offline. Changes are read-modify-write under a flock.
class MetadataFile {
public:
    struct Content {
        Settings settings;
        QMap<QString, TokenMetadata> tokens;
        QString storedTokensPath;    // the store this file belongs to, for people and for checks
        bool legacyMigrated = false; // what an earlier version kept for every store was taken over
    };

    explicit MetadataFile(QString configDir);

    QString path() const { return m_path; }
    // Missing file = defaults. Unreadable JSON -> error naming the file; it is never overwritten then.
    Result<Content> load() const;
    // The settings alone, as load() would give them (the same defaults and the same error for a file it
    // refuses), without building every token's record: what the window reads before its first frame.
    Result<Settings> loadSettings() const;
    // Re-reads under the lock, applies 'change', writes atomically when it returns true.
    Result<Content> update(const std::function<bool(Content &)> &change) const;

    static QJsonObject toJson(const Content &content);
    static Content fromJson(const QJsonObject &json);

private:
    Result<Content> parse(const QByteArray &bytes) const; // load() after the read; errors name the file

    QString m_path;
};

} // namespace hftm
