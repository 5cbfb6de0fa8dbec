#include "core/access/AccessGrid.h"

#include "core/access/WatchList.h"

#include <QCoreApplication>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::AccessGrid", text);
}
} // namespace

QString AccessWords::stateId(AccessState state)
{
    using S = RepoAccessResult::State;
    switch (state) {
    case AccessState::NotChecked:
        return QStringLiteral("not-checked");
    case AccessState::Checking:
        return QStringLiteral("checking");
    case AccessState::Readable:
        return RepoAccessResult::stateId(S::Readable);
    case AccessState::Gated:
        return RepoAccessResult::stateId(S::Gated);
    case AccessState::NoAccess:
        return RepoAccessResult::stateId(S::NoAccess);
    case AccessState::NotFound:
        return RepoAccessResult::stateId(S::NotFound);
    case AccessState::TokenInvalid:
        return RepoAccessResult::stateId(S::TokenInvalid);
    case AccessState::RateLimited:
        return RepoAccessResult::stateId(S::RateLimited);
    case AccessState::Unreachable:
        return RepoAccessResult::stateId(S::Unreachable);
    case AccessState::Error:
        break;
    }
    return RepoAccessResult::stateId(S::Error);
}

QString AccessWords::label(AccessState state)
{
    switch (state) {
    case AccessState::NotChecked:
        return tr("Not checked");
    case AccessState::Checking:
        return tr("Checking…");
    case AccessState::Readable:
        return tr("Readable");
    case AccessState::Gated:
        return tr("Gated");
    case AccessState::NoAccess:
        return tr("No access");
    case AccessState::NotFound:
        return tr("Not found");
    case AccessState::TokenInvalid:
        return tr("Token invalid");
    case AccessState::RateLimited:
        return tr("Rate limited");
    case AccessState::Unreachable:
        return tr("Hub unreachable");
    case AccessState::Error:
        break;
    }
    return tr("Error");
}

QString AccessWords::legendText(AccessState state)
{
    switch (state) {
    case AccessState::NotChecked:
        return tr("not asked yet");
    case AccessState::Checking:
        return tr("waiting for the Hub");
    case AccessState::Readable:
        return tr("files can be downloaded with this token");
    case AccessState::Gated:
        return tr("gated: request access on the repo page (not granted to this account yet)");
    case AccessState::NoAccess:
        return tr("the token's permissions or an org policy forbid it");
    case AccessState::NotFound:
        return tr("missing, or private and invisible to this token");
    case AccessState::TokenInvalid:
        return tr("revoked, expired or mistyped token");
    case AccessState::RateLimited:
        return tr("the Hub asked us to slow down");
    case AccessState::Unreachable:
        return tr("no answer from the Hub");
    case AccessState::Error:
        break;
    }
    return tr("unexpected answer or refused input");
}

AccessState AccessWords::fromResult(RepoAccessResult::State state)
{
    using S = RepoAccessResult::State;
    switch (state) {
    case S::Readable:
        return AccessState::Readable;
    case S::Gated:
        return AccessState::Gated;
    case S::NoAccess:
        return AccessState::NoAccess;
    case S::NotFound:
        return AccessState::NotFound;
    case S::TokenInvalid:
        return AccessState::TokenInvalid;
    case S::RateLimited:
        return AccessState::RateLimited;
    case S::Unreachable:
        return AccessState::Unreachable;
    case S::Error:
        break;
    }
    return AccessState::Error;
}

QString AccessCell::explanation() const
{
    if (state == AccessState::Checking)
        return tr("Asking the Hub…");
    if (result)
        return result->explanation;
    return tr("Not checked yet. Check this cell, its row or its column to ask the Hub.");
}

QString AccessGrid::keyOf(const QString &repoKey, const QString &token, const QString &fingerprint)
{
    return repoKey + QLatin1Char('\n') + token + QLatin1Char('\n') + fingerprint;
}

QString AccessGrid::cellKey(int row, int column) const
{
    const AccessColumn &token = m_columns.at(column);
    return keyOf(WatchList::key(m_repos.at(row)), token.name, token.fingerprint);
}

QHash<QString, AccessCell> AccessGrid::currentCells() const
{
    QHash<QString, AccessCell> cells;
    for (int row = 0; row < rowCount(); ++row) {
        for (int column = 0; column < columnCount(); ++column) {
            const QString key = cellKey(row, column);
            if (const auto it = m_cells.constFind(key); it != m_cells.cend())
                cells.insert(key, it.value());
        }
    }
    return cells;
}

AccessCell AccessGrid::cell(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return m_cells.value(cellKey(row, column));
}

bool AccessGrid::find(const QString &repoKey, const QString &token, int *row, int *column) const
{
    *row = *column = -1;
    for (int r = 0; r < rowCount() && *row < 0; ++r) {
        if (WatchList::key(m_repos.at(r)) == repoKey)
            *row = r;
    }
    for (int c = 0; c < columnCount() && *column < 0; ++c) {
        if (m_columns.at(c).name == token)
            *column = c;
    }
    return *row >= 0 && *column >= 0;
}

void AccessGrid::setCell(int row, int column, const AccessCell &cell)
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return;
    m_cells.insert(cellKey(row, column), cell);
}

} // namespace hftm
