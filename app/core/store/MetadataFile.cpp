#include "core/store/MetadataFile.h"

#include "core/JsonValues.h"

#include "core/files/SecretFile.h"
#include "core/files/StoredTokensLock.h"
#include "core/store/JsonPeek.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::MetadataFile", text);
}

QJsonObject checkToJson(const TokenCheck &check)
{
    QJsonObject json{
        {QStringLiteral("status"), tokenStatusId(check.status)},
        {QStringLiteral("checkedAt"), JsonValues::isoUtc(check.checkedAt)},
        {QStringLiteral("message"), check.message},
        {QStringLiteral("verdict"), tokenStatusId(check.verdict)},
        {QStringLiteral("verdictAt"), JsonValues::isoUtc(check.verdictAt)},
    };
    if (check.whoami)
        json.insert(QStringLiteral("whoami"), check.whoami->toJson());
    return json;
}

TokenCheck checkFromJson(const QJsonObject &json)
{
    TokenCheck check;
    check.status = tokenStatusFromId(json.value(QStringLiteral("status")).toString());
    check.checkedAt = JsonValues::parseIsoUtc(json.value(QStringLiteral("checkedAt")).toString());
    check.message = json.value(QStringLiteral("message")).toString();
    check.verdict = tokenStatusFromId(json.value(QStringLiteral("verdict")).toString());
    check.verdictAt = JsonValues::parseIsoUtc(json.value(QStringLiteral("verdictAt")).toString());
    if (json.value(QStringLiteral("whoami")).isObject())
        check.whoami = WhoamiInfo::fromJson(json.value(QStringLiteral("whoami")).toObject());
    return check;
}

} // namespace

MetadataFile::MetadataFile(QString configDir)
    : m_path(QDir(configDir).filePath(QStringLiteral("tokens.json")))
{
}

QJsonObject MetadataFile::toJson(const Content &content)
{
    QJsonObject tokens;
    for (auto it = content.tokens.cbegin(); it != content.tokens.cend(); ++it) {
        const TokenMetadata &m = it.value();
        QJsonObject entry{
            {QStringLiteral("fingerprint"), m.fingerprint},
            {QStringLiteral("masked"), m.masked},
            {QStringLiteral("inKeychain"), m.inKeychain},
            {QStringLiteral("inFiles"), m.inFiles},
            {QStringLiteral("missingFromFiles"), m.missingFromFiles},
            {QStringLiteral("gitRegistered"), m.gitRegistered},
            {QStringLiteral("endpoint"), m.endpoint},
            {QStringLiteral("check"), checkToJson(m.check)},
        };
        tokens.insert(it.key(), entry);
    }
    QJsonObject json{
        {QStringLiteral("version"), 1},
        {QStringLiteral("settings"), content.settings.toJson()},
        {QStringLiteral("tokens"), tokens},
    };
    if (!content.storedTokensPath.isEmpty())
        json.insert(QStringLiteral("storedTokensPath"), content.storedTokensPath);
    if (content.legacyMigrated)
        json.insert(QStringLiteral("legacyMigrated"), true);
    return json;
}

MetadataFile::Content MetadataFile::fromJson(const QJsonObject &json)
{
    Content content;
    content.settings = Settings::fromJson(json.value(QStringLiteral("settings")).toObject());
    content.storedTokensPath = json.value(QStringLiteral("storedTokensPath")).toString();
    content.legacyMigrated = json.value(QStringLiteral("legacyMigrated")).toBool();
    const QJsonObject tokens = json.value(QStringLiteral("tokens")).toObject();
    for (auto it = tokens.constBegin(); it != tokens.constEnd(); ++it) {
        const QJsonObject e = it.value().toObject();
        TokenMetadata m;
        m.fingerprint = e.value(QStringLiteral("fingerprint")).toString();
        m.masked = e.value(QStringLiteral("masked")).toString();
        m.inKeychain = e.value(QStringLiteral("inKeychain")).toBool();
        m.inFiles = e.value(QStringLiteral("inFiles")).toBool();
        m.missingFromFiles = e.value(QStringLiteral("missingFromFiles")).toBool();
        m.gitRegistered = e.value(QStringLiteral("gitRegistered")).toBool();
        m.endpoint = e.value(QStringLiteral("endpoint")).toString();
        m.check = checkFromJson(e.value(QStringLiteral("check")).toObject());
        content.tokens.insert(it.key(), m);
    }
    return content;
}

Result<MetadataFile::Content> MetadataFile::load() const
{
    const Result<QByteArray> bytes = SecretFile::read(m_path);
    if (!bytes)
        return bytes.error();
    return parse(*bytes);
}

Result<Settings> MetadataFile::loadSettings() const
{
    const Result<QByteArray> bytes = SecretFile::read(m_path);
    if (!bytes)
        return bytes.error();
    if (bytes->trimmed().isEmpty())
        return Settings{};
    // Only the settings object is parsed; the peek checks that the rest is valid JSON on its way past.
    QByteArrayView settings;
    switch (JsonPeek::topLevelMember(*bytes, "settings", &settings)) {
    case JsonPeek::Peek::Absent:
        return Settings::fromJson(QJsonObject());
    case JsonPeek::Peek::Found: {
        if (!settings.startsWith('{')) // not an object: read as none, as load() does
            return Settings::fromJson(QJsonObject());
        const QJsonDocument doc = QJsonDocument::fromJson(settings.toByteArray());
        if (doc.isObject())
            return Settings::fromJson(doc.object());
        break; // the peek vouched for it, so this does not happen; the full parse has the last word
    }
    case JsonPeek::Peek::Unsure:
        break;
    }
    Result<Content> content = parse(*bytes);
    if (!content)
        return content.error();
    return content->settings;
}

Result<MetadataFile::Content> MetadataFile::parse(const QByteArray &bytes) const
{
    if (bytes.trimmed().isEmpty())
        return Content{};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull() || !doc.isObject()) {
        return makeError(ErrorCode::FileUnparseable,
                         tr("%1 is not valid JSON (%2 at offset %3). Nothing was changed; fix or move "
                            "the file aside.")
                             .arg(m_path, parseError.errorString())
                             .arg(parseError.offset));
    }
    return fromJson(doc.object());
}

Result<MetadataFile::Content> MetadataFile::update(const std::function<bool(Content &)> &change) const
{
    // Created 0700 whatever the umask, before the lock file goes in it: a world-writable ~/.config
    // would let another user plant files (autostart entries) that run as this one.
    if (const Error error = SecretFile::ensureFolder(QFileInfo(m_path).absolutePath()))
        return error;
    Result<StoredTokensLock> lock = StoredTokensLock::acquire(m_path + QStringLiteral(".lock"));
    if (!lock)
        return lock.error();
    Result<Content> content = load();
    if (!content)
        return content.error();
    // load() reads an empty file as "no settings yet", but this program never writes one: an empty
    // tokens.json is one an older version emptied on a full disk. Writing defaults over it would silently
    // switch a keychain-only user back to plaintext files.
    const Result<QByteArray> raw = SecretFile::read(m_path);
    if (raw && QFileInfo::exists(m_path) && raw->trimmed().isEmpty())
        return makeError(ErrorCode::FileUnparseable,
                         tr("%1 is empty, so the settings it held (such as the storage mode) are unknown. "
                            "Nothing was changed; delete the file to start again with the default settings.")
                             .arg(QDir::toNativeSeparators(m_path)));
    Content updated = std::move(content).value();
    if (change(updated)) {
        const QByteArray bytes =
            QJsonDocument(toJson(updated))
                .toJson(QJsonDocument::Compact); // read at every start: no whitespace to parse
        if (const Error error = SecretFile::write(m_path, bytes))
            return error;
    }
    return updated;
}

} // namespace hftm
