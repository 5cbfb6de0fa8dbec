#include "core/access/WatchList.h"

#include "core/files/SecretFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::WatchList", text);
}

constexpr int FormatVersion = 1;

} // namespace

WatchList::WatchList(QString path)
    : m_path(std::move(path))
{
}

QString WatchList::defaultPath(const QString &configDir)
{
    return QDir(configDir).filePath(QStringLiteral("watchlist.json"));
}

QString WatchList::key(const RepoRef &repo)
{
    return repo.typePlural() + QLatin1Char('/') + repo.id.toLower();
}

int WatchList::indexOf(const RepoRef &repo) const
{
    const QString wanted = key(repo);
    for (int i = 0; i < size(); ++i) {
        if (key(m_repos.at(i)) == wanted)
            return i;
    }
    return -1;
}

Error WatchList::load()
{
    m_repos.clear();
    if (m_path.isEmpty())
        return {};
    const Result<QByteArray> bytes = SecretFile::read(m_path);
    if (!bytes)
        return bytes.error();
    if (bytes->isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const Result<QString> backup = SecretFile::keepBackup(m_path, *bytes);
        return makeError(
            ErrorCode::FileUnparseable,
            tr("The watch list %1 could not be read; it was copied to %2 and the list starts empty.")
                .arg(QDir::toNativeSeparators(m_path),
                     backup ? QDir::toNativeSeparators(*backup) : tr("(no copy could be made)")));
    }
    const QJsonArray entries = doc.object().value(QStringLiteral("repos")).toArray();
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString type = entry.value(QStringLiteral("type")).toString();
        // Re-parse through the same rules as a paste, so a hand-edited file cannot smuggle in a bad id.
        const std::optional<RepoRef> parsed =
            RepoRef::parse(type + QLatin1Char('/') + entry.value(QStringLiteral("id")).toString());
        if (!parsed || parsed->typePlural() != type)
            continue;
        RepoRef repo = *parsed;
        repo.sourceHost = entry.value(QStringLiteral("sourceHost")).toString();
        repo.sourcePort = entry.value(QStringLiteral("sourcePort")).toInt(-1);
        if (indexOf(repo) < 0)
            m_repos.append(repo);
    }
    return {};
}

Error WatchList::save() const
{
    if (m_path.isEmpty())
        return {};
    QJsonArray entries;
    for (const RepoRef &repo : m_repos) {
        QJsonObject entry{{QStringLiteral("type"), repo.typePlural()}, {QStringLiteral("id"), repo.id}};
        // The host a link came from is kept: the checker refuses to send a token to another host.
        if (!repo.sourceHost.isEmpty())
            entry.insert(QStringLiteral("sourceHost"), repo.sourceHost);
        if (repo.sourcePort != -1)
            entry.insert(QStringLiteral("sourcePort"), repo.sourcePort);
        entries.append(entry);
    }
    const QJsonObject root{{QStringLiteral("version"), FormatVersion}, {QStringLiteral("repos"), entries}};
    return SecretFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

Result<WatchList::Added> WatchList::add(const QString &text)
{
    QString why;
    const std::optional<RepoRef> repo = RepoRef::parse(text, &why);
    if (!repo)
        return makeError(ErrorCode::InvalidInput, why);
    return add(*repo);
}

WatchList::Added WatchList::add(const RepoRef &repo)
{
    if (const int existing = indexOf(repo); existing >= 0)
        return {existing, true};
    m_repos.append(repo);
    return {size() - 1, false};
}

bool WatchList::remove(int row)
{
    if (row < 0 || row >= size())
        return false;
    m_repos.removeAt(row);
    return true;
}

bool WatchList::move(int from, int to)
{
    if (from < 0 || from >= size() || to < 0 || to >= size() || from == to)
        return false;
    m_repos.move(from, to);
    return true;
}

} // namespace hftm
