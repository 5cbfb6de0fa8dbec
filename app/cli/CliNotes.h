#pragma once

#include <QJsonArray>
#include <QStringList>
#include <QTextStream>

namespace hftm {
class GitCredential;
class TokenStore;
} // namespace hftm

namespace hftm::cli {

// The stderr lines the commands share about the Hub endpoint and git: said the same way everywhere.
namespace CliNotes {

// "note: HF_ENDPOINT=… is set and is the endpoint in force; the saved endpoint … is not used": once per
// distinct note for the given token names (an empty name stands for the global endpoint).
void printEndpointNotes(QTextStream &err, const TokenStore &store, const QStringList &names = {QString()});

// Why a token was not given to git, and how to give git a helper.
QString noGitHelperWarning(const QString &endpoint);

// What is registered with git where: each registered token with its endpoint host and the helpers that
// apply to that host now (read from git's configuration, no helper is run).
struct GitRegistrations {
    QString text;    // one line for people; "not registered with git" when none is
    QJsonArray json; // [{"token", "host", "helpers": [...]}]
};
GitRegistrations gitRegistrations(const TokenStore &store, const GitCredential &git);

} // namespace CliNotes
} // namespace hftm::cli
