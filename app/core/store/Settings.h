#pragma once

#include <QJsonObject>
#include <QString>

namespace hftm {

// Where secrets are kept. KeychainAndFiles keeps `hf auth` working; KeychainOnly removes secrets from
// stored_tokens (only the active token stays in `token`, which Python tools read); FilesOnly is the
// explicit opt-in for machines without a keychain.
enum class StorageMode { KeychainAndFiles, KeychainOnly, FilesOnly };

QString storageModeId(StorageMode mode); // "keychain-and-files", "keychain-only", "files-only"
bool storageModeFromId(const QString &id, StorageMode *mode);

// User preferences shared by the GUI, the tray and the CLI; persisted in the metadata file.
struct Settings {
    StorageMode storageMode = StorageMode::KeychainAndFiles;
    QString endpoint; // empty: HF_ENDPOINT or https://huggingface.co
    int expiryWarningDays = 7;
    int clipboardTimeoutSeconds = 30;
    int revalidateIntervalHours = 6;
    bool openAtLogin = false;
    bool trayHintShown = false;

    QJsonObject toJson() const;
    static Settings fromJson(const QJsonObject &json);
};

} // namespace hftm
