#pragma once

#include "core/base/WhoamiInfo.h"
#include "core/hub/RepoRef.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hftm {

struct RepoAccessResult;

// What a token's role and fine-grained scopes say about one repo, from its last whoami; pure. This is
// the token's *promise* (spec §4.3 interpretation guidance), shown next to what the Hub answered.
struct ScopeCoverage {
    enum class Kind {
        Unknown,     // no whoami known: the token was never validated
        Classic,     // "read" or "write": the account's own rights decide
        FineGrained, // scoped permissions decide
        Other,       // a role we don't know; shown, not interpreted
    };
    // How the repo looks to the world, when a check told us; it changes what fine-grained tokens need.
    enum class Visibility { Unknown, Public, PublicGated, Private };
    // Why reading is covered.
    enum class ReadVia { None, Role, Entity, PublicRepo, GatedRepos };

    Kind kind = Kind::Unknown;
    QString role;              // the Hub's role string
    TokenRole roleKind = TokenRole::Unknown;
    QString user;              // the token's account
    QString owner;             // the repo's namespace
    bool ownNamespace = false; // owner is the token's account
    QString orgRole;           // the account's role in the owner org; empty if not a member
    bool canRead = false;
    bool canWrite = false;
    ReadVia readVia = ReadVia::None;
    QList<ScopedPermission> entities; // fine-grained scopes covering the repo: its owner or the repo itself
    QStringList permissions;          // their permissions, merged in order
    bool canReadGatedRepos = false;

    static ScopeCoverage evaluate(const std::optional<WhoamiInfo> &whoami, const RepoRef &repo,
                                  Visibility visibility = Visibility::Unknown);
    // From a check's answer; Unknown unless the repo info was visible.
    static Visibility visibilityOf(const RepoAccessResult &result);

    // Translated sentences for the details pane: what the scopes cover and the org role.
    QString summary() const;
    // When the scopes and the Hub's answer disagree, a translated sentence on why that can be; else empty.
    QString compareWith(const RepoAccessResult &result) const;
};

} // namespace hftm
