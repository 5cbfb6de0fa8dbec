#include "core/hub/WhoamiParser.h"

#include "core/JsonValues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace hftm::WhoamiParser {

namespace {

Error malformed(const QString &detail)
{
    return makeError(ErrorCode::Hub,
                     QCoreApplication::translate("hftm::WhoamiParser",
                                                 "The Hub's answer about this token could not be read (%1).")
                         .arg(detail));
}

} // namespace

QDateTime parseTimestamp(const QJsonValue &value)
{
    if (value.isDouble()) {
        // Unix seconds, or milliseconds for values too large to be seconds before year 5000.
        const double number = value.toDouble();
        const qint64 ms = number > 1e11 ? qint64(number) : qint64(number * 1000.0);
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    return JsonValues::parseIsoUtc(value.toString().trimmed());
}

Result<WhoamiInfo> parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(
            QCoreApplication::translate("hftm::WhoamiParser", "not JSON: %1").arg(parseError.errorString()));
    if (!doc.isObject())
        return malformed(QCoreApplication::translate("hftm::WhoamiParser", "not a JSON object"));
    const QJsonObject root = doc.object();
    WhoamiInfo info;
    info.user = root.value(QStringLiteral("name")).toString();
    if (info.user.isEmpty())
        return malformed(QCoreApplication::translate("hftm::WhoamiParser", "no account name"));
    info.type = root.value(QStringLiteral("type")).toString();
    info.fullname = root.value(QStringLiteral("fullname")).toString();
    info.email = root.value(QStringLiteral("email")).toString(); // null or absent for fine-grained tokens
    info.isPro = root.value(QStringLiteral("isPro")).toBool();

    const QJsonArray orgs = root.value(QStringLiteral("orgs")).toArray();
    for (const QJsonValue &value : orgs) {
        const QJsonObject org = value.toObject();
        if (org.isEmpty())
            continue;
        info.orgs.append(OrgMembership{
            org.value(QStringLiteral("name")).toString(), org.value(QStringLiteral("fullname")).toString(),
            org.value(QStringLiteral("roleInOrg")).toString(),
            JsonValues::stringList(org.value(QStringLiteral("securityRestrictions")))});
    }

    const QJsonObject auth = root.value(QStringLiteral("auth")).toObject();
    info.authType = auth.value(QStringLiteral("type")).toString();
    const QJsonObject accessToken = auth.value(QStringLiteral("accessToken")).toObject();
    info.tokenDisplayName = accessToken.value(QStringLiteral("displayName")).toString();
    info.role = accessToken.value(QStringLiteral("role")).toString();
    info.roleKind = parseTokenRole(info.role);
    info.createdAt = parseTimestamp(accessToken.value(QStringLiteral("createdAt")));
    // The OpenAPI schema puts the expiry at auth level; older huggingface.js types had it in accessToken.
    info.expiresAt = parseTimestamp(auth.value(QStringLiteral("expiresAt")));
    if (!info.expiresAt.isValid())
        info.expiresAt = parseTimestamp(accessToken.value(QStringLiteral("expiration")));

    const QJsonObject fineGrained = accessToken.value(QStringLiteral("fineGrained")).toObject();
    info.canReadGatedRepos = fineGrained.value(QStringLiteral("canReadGatedRepos")).toBool();
    info.globalPermissions = JsonValues::stringList(fineGrained.value(QStringLiteral("global")));
    const QJsonArray scoped = fineGrained.value(QStringLiteral("scoped")).toArray();
    for (const QJsonValue &value : scoped) {
        const QJsonObject scope = value.toObject();
        const QJsonObject entity = scope.value(QStringLiteral("entity")).toObject();
        info.scoped.append(ScopedPermission{
            entity.value(QStringLiteral("type")).toString(), entity.value(QStringLiteral("name")).toString(),
            JsonValues::stringList(scope.value(QStringLiteral("permissions")))});
    }
    return info;
}

} // namespace hftm::WhoamiParser
