#include "core/base/WhoamiInfo.h"

#include "core/JsonValues.h"

#include <QJsonArray>

namespace hftm {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString WhoamiInfo::suggestedName() const
{
    if (!tokenDisplayName.isEmpty())
        return tokenDisplayName;
    // huggingface_hub names OAuth logins (no accessToken object) after the account.
    return user.isEmpty() ? QString() : QStringLiteral("oauth-") + user;
}

QJsonObject WhoamiInfo::toJson() const
{
    QJsonArray orgArray;
    for (const OrgMembership &org : orgs) {
        orgArray.append(
            QJsonObject{{QStringLiteral("name"), org.name},
                        {QStringLiteral("fullname"), org.fullname},
                        {QStringLiteral("role"), org.role},
                        {QStringLiteral("securityRestrictions"), toArray(org.securityRestrictions)}});
    }
    QJsonArray scopedArray;
    for (const ScopedPermission &scope : scoped) {
        scopedArray.append(QJsonObject{{QStringLiteral("entityType"), scope.entityType},
                                       {QStringLiteral("entityName"), scope.entityName},
                                       {QStringLiteral("permissions"), toArray(scope.permissions)}});
    }
    return QJsonObject{
        {QStringLiteral("type"), type},
        {QStringLiteral("user"), user},
        {QStringLiteral("fullname"), fullname},
        {QStringLiteral("email"), email},
        {QStringLiteral("isPro"), isPro},
        {QStringLiteral("orgs"), orgArray},
        {QStringLiteral("authType"), authType},
        {QStringLiteral("tokenDisplayName"), tokenDisplayName},
        {QStringLiteral("role"), role},
        {QStringLiteral("createdAt"), JsonValues::isoUtc(createdAt)},
        {QStringLiteral("expiresAt"), JsonValues::isoUtc(expiresAt)},
        {QStringLiteral("canReadGatedRepos"), canReadGatedRepos},
        {QStringLiteral("globalPermissions"), toArray(globalPermissions)},
        {QStringLiteral("scoped"), scopedArray},
    };
}

WhoamiInfo WhoamiInfo::fromJson(const QJsonObject &json)
{
    WhoamiInfo info;
    info.type = json.value(QStringLiteral("type")).toString();
    info.user = json.value(QStringLiteral("user")).toString();
    info.fullname = json.value(QStringLiteral("fullname")).toString();
    info.email = json.value(QStringLiteral("email")).toString();
    info.isPro = json.value(QStringLiteral("isPro")).toBool();
    const QJsonArray orgArray = json.value(QStringLiteral("orgs")).toArray();
    for (const QJsonValue &value : orgArray) {
        const QJsonObject org = value.toObject();
        info.orgs.append(OrgMembership{
            org.value(QStringLiteral("name")).toString(), org.value(QStringLiteral("fullname")).toString(),
            org.value(QStringLiteral("role")).toString(),
            JsonValues::stringList(org.value(QStringLiteral("securityRestrictions")))});
    }
    info.authType = json.value(QStringLiteral("authType")).toString();
    info.tokenDisplayName = json.value(QStringLiteral("tokenDisplayName")).toString();
    info.role = json.value(QStringLiteral("role")).toString();
    info.roleKind = parseTokenRole(info.role);
    info.createdAt = JsonValues::parseIsoUtc(json.value(QStringLiteral("createdAt")).toString());
    info.expiresAt = JsonValues::parseIsoUtc(json.value(QStringLiteral("expiresAt")).toString());
    info.canReadGatedRepos = json.value(QStringLiteral("canReadGatedRepos")).toBool();
    info.globalPermissions = JsonValues::stringList(json.value(QStringLiteral("globalPermissions")));
    const QJsonArray scopedArray = json.value(QStringLiteral("scoped")).toArray();
    for (const QJsonValue &value : scopedArray) {
        const QJsonObject scope = value.toObject();
        info.scoped.append(
            ScopedPermission{scope.value(QStringLiteral("entityType")).toString(),
                             scope.value(QStringLiteral("entityName")).toString(),
                             JsonValues::stringList(scope.value(QStringLiteral("permissions")))});
    }
    return info;
}

} // namespace hftm
