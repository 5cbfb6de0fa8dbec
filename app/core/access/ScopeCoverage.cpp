#include "core/access/ScopeCoverage.h"

#include "core/hub/RepoAccessResult.h"

#include <QCoreApplication>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::ScopeCoverage", text);
}

const QString ContentRead = QStringLiteral("repo.content.read");
const QString RepoWrite = QStringLiteral("repo.write");

QString singular(const RepoRef &repo)
{
    return repo.typePlural().chopped(1); // "model", "dataset", "space": the Hub's entity types
}

bool covers(const ScopedPermission &scope, const RepoRef &repo, const QString &owner)
{
    const QString type = scope.entityType.toLower();
    if (type == QLatin1String("user") || type == QLatin1String("org"))
        return scope.entityName.compare(owner, Qt::CaseInsensitive) == 0;
    return type == singular(repo) && scope.entityName.compare(repo.id, Qt::CaseInsensitive) == 0;
}

QString entityWords(const ScopedPermission &scope)
{
    const QString type = scope.entityType.toLower();
    if (type == QLatin1String("user"))
        return tr("the account %1").arg(scope.entityName);
    if (type == QLatin1String("org"))
        return tr("the organization %1").arg(scope.entityName);
    return tr("the %1 %2").arg(type, scope.entityName);
}

} // namespace

ScopeCoverage::Visibility ScopeCoverage::visibilityOf(const RepoAccessResult &result)
{
    if (!result.exists)
        return Visibility::Unknown;
    if (result.isPrivate)
        return Visibility::Private;
    return result.gated.isEmpty() ? Visibility::Public : Visibility::PublicGated;
}

ScopeCoverage ScopeCoverage::evaluate(const std::optional<WhoamiInfo> &whoami, const RepoRef &repo,
                                      Visibility visibility)
{
    ScopeCoverage c;
    c.owner = repo.id.section(QLatin1Char('/'), 0, 0);
    if (!whoami)
        return c;
    c.role = whoami->role;
    c.roleKind = whoami->roleKind;
    c.user = whoami->user;
    c.ownNamespace = c.owner.compare(whoami->user, Qt::CaseInsensitive) == 0;
    for (const OrgMembership &org : whoami->orgs) {
        if (org.name.compare(c.owner, Qt::CaseInsensitive) == 0)
            c.orgRole = org.role;
    }
    if (c.roleKind == TokenRole::Read || c.roleKind == TokenRole::Write) {
        c.kind = Kind::Classic;
        c.canRead = true;
        c.readVia = ReadVia::Role;
        // Derived, not an official rule: a write token writes where the account itself may write.
        c.canWrite =
            c.roleKind == TokenRole::Write &&
            (c.ownNamespace || c.orgRole == QLatin1String("admin") || c.orgRole == QLatin1String("write"));
        return c;
    }
    if (c.roleKind != TokenRole::FineGrained) {
        c.kind = Kind::Other;
        return c;
    }
    c.kind = Kind::FineGrained;
    c.canReadGatedRepos = whoami->canReadGatedRepos;
    for (const ScopedPermission &scope : whoami->scoped) {
        if (!covers(scope, repo, c.owner))
            continue;
        c.entities.append(scope);
        for (const QString &permission : scope.permissions) {
            if (!c.permissions.contains(permission))
                c.permissions.append(permission);
        }
    }
    c.canWrite = c.permissions.contains(RepoWrite);
    if (c.permissions.contains(ContentRead))
        c.readVia = ReadVia::Entity;
    else if (visibility == Visibility::Public)
        c.readVia = ReadVia::PublicRepo;
    else if (visibility == Visibility::PublicGated && c.canReadGatedRepos)
        c.readVia = ReadVia::GatedRepos;
    c.canRead = c.readVia != ReadVia::None;
    return c;
}

QString ScopeCoverage::summary() const
{
    QStringList lines;
    switch (kind) {
    case Kind::Unknown:
        return tr("Scopes unknown: check this token in the main window to see what it may read.");
    case Kind::Other:
        return tr("This token has the role \"%1\", which this version does not know how to interpret.")
            .arg(role);
    case Kind::Classic:
        lines << (roleKind == TokenRole::Write
                      ? tr("Write token: reads every repo the account %1 can read, and writes where the "
                           "account may.")
                      : tr("Read token: reads every repo the account %1 can read (gated repos once access is "
                           "granted); it cannot write."))
                     .arg(user);
        break;
    case Kind::FineGrained:
        if (entities.isEmpty()) {
            lines << tr("Fine-grained token: no scope covers %1 or this repo.").arg(owner);
        } else {
            QStringList covered;
            for (const ScopedPermission &scope : entities)
                covered << tr("%1 (%2)").arg(entityWords(scope), scope.permissions.join(QLatin1String(", ")));
            lines << tr("Fine-grained token covering %1.").arg(covered.join(QLatin1String("; ")));
        }
        switch (readVia) {
        case ReadVia::Entity:
            lines << tr("Scopes allow reading (repo.content.read).");
            break;
        case ReadVia::PublicRepo:
            lines << tr("The repo is public, so no scope is needed to read it.");
            break;
        case ReadVia::GatedRepos:
            lines << tr(
                "Reading this public gated repo is allowed by \"read access to public gated repos\", once "
                "the account was granted access.");
            break;
        case ReadVia::None:
        case ReadVia::Role:
            lines << (canReadGatedRepos
                          ? tr("Scopes do not allow reading unless the repo is public (or public and gated).")
                          : tr("Scopes do not allow reading unless the repo is public and not gated."));
            break;
        }
        lines << (canWrite ? tr("Scopes allow writing (repo.write).") : tr("Scopes do not allow writing."));
        break;
    }
    if (ownNamespace)
        lines << tr("The repo is in the account's own namespace.");
    else if (!orgRole.isEmpty())
        lines << tr("The account's role in %1: %2.").arg(owner, orgRole);
    else
        lines << tr("The account %1 is not a member of %2.").arg(user, owner);
    return lines.join(QLatin1Char(' '));
}

QString ScopeCoverage::compareWith(const RepoAccessResult &result) const
{
    using State = RepoAccessResult::State;
    if (kind != Kind::FineGrained && kind != Kind::Classic)
        return {};
    const bool refused = result.state == State::NoAccess || result.state == State::NotFound;
    if (canRead && refused && result.exists)
        return tr("The scopes allow reading, yet the Hub refused: an organization token policy, SSO or a "
                  "restriction on the repo may be the reason.");
    if (canRead && refused && readVia != ReadVia::Role)
        return tr(
            "The scopes would allow reading, yet the Hub does not show the repo to this token: check the "
            "name, or whether the account still has access.");
    if (!canRead && kind == Kind::FineGrained && result.state == State::Readable)
        return tr(
            "The Hub allows reading although no scope names this repo or its owner (the repo is public).");
    return {};
}

} // namespace hftm
