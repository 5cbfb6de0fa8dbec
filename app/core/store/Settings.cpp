#include "core/store/Settings.h"

namespace hftm {

namespace {
struct ModeName {
    StorageMode mode;
    const char *id;
};
constexpr ModeName ModeNames[] = {
    {StorageMode::KeychainAndFiles, "keychain-and-files"},
    {StorageMode::KeychainOnly, "keychain-only"},
    {StorageMode::FilesOnly, "files-only"},
};
} // namespace

QString storageModeId(StorageMode mode)
{
    for (const auto &entry : ModeNames) {
        if (entry.mode == mode)
            return QString::fromLatin1(entry.id);
    }
    return {};
}

bool storageModeFromId(const QString &id, StorageMode *mode)
{
    for (const auto &entry : ModeNames) {
        if (id == QLatin1String(entry.id)) {
            *mode = entry.mode;
            return true;
        }
    }
    return false;
}

QJsonObject Settings::toJson() const
{
    return QJsonObject{
        {QStringLiteral("storage"), storageModeId(storageMode)},
        {QStringLiteral("endpoint"), endpoint},
        {QStringLiteral("expiryWarningDays"), expiryWarningDays},
        {QStringLiteral("clipboardTimeoutSeconds"), clipboardTimeoutSeconds},
        {QStringLiteral("revalidateIntervalHours"), revalidateIntervalHours},
        {QStringLiteral("openAtLogin"), openAtLogin},
        {QStringLiteral("trayHintShown"), trayHintShown},
    };
}

Settings Settings::fromJson(const QJsonObject &json)
{
    Settings s;
    storageModeFromId(json.value(QStringLiteral("storage")).toString(), &s.storageMode);
    s.endpoint = json.value(QStringLiteral("endpoint")).toString();
    s.expiryWarningDays = qBound(0, json.value(QStringLiteral("expiryWarningDays")).toInt(7), 365);
    s.clipboardTimeoutSeconds =
        qBound(5, json.value(QStringLiteral("clipboardTimeoutSeconds")).toInt(30), 600);
    s.revalidateIntervalHours =
        qBound(1, json.value(QStringLiteral("revalidateIntervalHours")).toInt(6), 168);
    s.openAtLogin = json.value(QStringLiteral("openAtLogin")).toBool(false);
    s.trayHintShown = json.value(QStringLiteral("trayHintShown")).toBool(false);
    return s;
}

} // namespace hftm
