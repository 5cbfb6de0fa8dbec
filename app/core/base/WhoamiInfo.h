#pragma once

#include "core/base/TokenRole.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hftm {

// An organization the token's account belongs to, with the account's role there.
struct OrgMembership {
    QString name;
    QString fullname;
    QString role;                     // roleInOrg: admin, write, contributor, read, no_access or custom
    QStringList securityRestrictions; // mfa, token-policy, token-revoked, sso, ip
};

// One fine-grained scope: an entity (user, org, model, dataset, space, ...) and its permissions.
struct ScopedPermission {
    QString entityType;
    QString entityName;
    QStringList permissions;
};

// What the Hub's /api/whoami-v2 says about a token and its account. Never holds the secret.
struct WhoamiInfo {
    QString type; // "user", "org", "app"
    QString user; // top-level "name"
    QString fullname;
    QString email; // absent for fine-grained tokens
    bool isPro = false;
    QList<OrgMembership> orgs;

    QString authType;         // auth.type, e.g. "access_token"
    QString tokenDisplayName; // auth.accessToken.displayName (empty for OAuth tokens)
    QString role;             // the Hub's spelling: "read", "write", "fineGrained", or an unknown role
    QDateTime createdAt;      // invalid when unknown
    QDateTime expiresAt;      // auth.expiresAt (or accessToken.expiration); invalid = no known expiry
    // role, parsed once (by WhoamiParser and fromJson): what every layer compares, never the string
    TokenRole roleKind = TokenRole::Unknown;

    bool canReadGatedRepos = false;
    QStringList globalPermissions;
    QList<ScopedPermission> scoped;

    // The name huggingface_hub stores a token under: displayName, else "oauth-<user>".
    QString suggestedName() const;

    // Our own persisted form (not the Hub's shape), for the non-secret metadata file.
    QJsonObject toJson() const;
    static WhoamiInfo fromJson(const QJsonObject &json);
};

} // namespace hftm
