#include "core/access/AccessResults.h"

#include "core/files/SecretFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::AccessResults", text);
}

constexpr int FormatVersion = 1;

using State = RepoAccessResult::State;
constexpr State AllStates[] = {State::Readable,     State::Gated,       State::NoAccess,    State::NotFound,
                               State::TokenInvalid, State::RateLimited, State::Unreachable, State::Error};

std::optional<State> stateFromId(const QString &id)
{
    for (State state : AllStates) {
        if (RepoAccessResult::stateId(state) == id)
            return state;
    }
    return std::nullopt;
}

QJsonObject toJson(const QString &key, const AccessCell &cell)
{
    const RepoAccessResult &r = *cell.result;
    const QStringList parts = key.split(QLatin1Char('\n'));
    QJsonObject o{{QStringLiteral("repo"), parts.value(0)},
                  {QStringLiteral("token"), parts.value(1)},
                  {QStringLiteral("fingerprint"), parts.value(2)},
                  {QStringLiteral("state"), RepoAccessResult::stateId(r.state)},
                  {QStringLiteral("checkedAt"), cell.checkedAt.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("explanation"), r.explanation},
                  {QStringLiteral("httpStatus"), r.httpStatus}};
    // Only what is set, so the file stays readable by people.
    if (!r.errorCode.isEmpty())
        o.insert(QStringLiteral("errorCode"), r.errorCode);
    if (!r.hubMessage.isEmpty())
        o.insert(QStringLiteral("hubMessage"), r.hubMessage);
    if (!r.gated.isEmpty())
        o.insert(QStringLiteral("gated"), r.gated);
    if (r.isPrivate)
        o.insert(QStringLiteral("private"), true);
    if (r.exists)
        o.insert(QStringLiteral("exists"), true);
    if (r.requestAccessUrl.isValid())
        o.insert(QStringLiteral("requestAccessUrl"), r.requestAccessUrl.toString());
    if (r.retryAfterSeconds > 0)
        o.insert(QStringLiteral("retryAfterSeconds"), r.retryAfterSeconds);
    return o;
}

// One entry back into a key and a cell; nothing when a field that decides the cell is missing.
std::optional<std::pair<QString, AccessCell>> fromJson(const QJsonObject &o)
{
    const QString repo = o.value(QStringLiteral("repo")).toString();
    const QString token = o.value(QStringLiteral("token")).toString();
    const QString fingerprint = o.value(QStringLiteral("fingerprint")).toString();
    const std::optional<State> state = stateFromId(o.value(QStringLiteral("state")).toString());
    const QDateTime checkedAt =
        QDateTime::fromString(o.value(QStringLiteral("checkedAt")).toString(), Qt::ISODate);
    if (repo.isEmpty() || token.isEmpty() || fingerprint.isEmpty() || !state || !checkedAt.isValid())
        return std::nullopt;
    RepoAccessResult r;
    r.state = *state;
    r.explanation = o.value(QStringLiteral("explanation")).toString();
    r.httpStatus = o.value(QStringLiteral("httpStatus")).toInt();
    r.errorCode = o.value(QStringLiteral("errorCode")).toString();
    r.hubMessage = o.value(QStringLiteral("hubMessage")).toString();
    r.gated = o.value(QStringLiteral("gated")).toString();
    r.isPrivate = o.value(QStringLiteral("private")).toBool();
    r.exists = o.value(QStringLiteral("exists")).toBool();
    r.requestAccessUrl = QUrl(o.value(QStringLiteral("requestAccessUrl")).toString());
    r.retryAfterSeconds = o.value(QStringLiteral("retryAfterSeconds")).toInt();
    AccessCell cell;
    cell.state = AccessWords::fromResult(r.state);
    cell.result = r;
    cell.checkedAt = checkedAt;
    return std::make_pair(AccessGrid::keyOf(repo, token, fingerprint), cell);
}

} // namespace

AccessResults::AccessResults(QString path)
    : m_path(std::move(path))
{
}

QString AccessResults::defaultPath(const QString &configDir)
{
    return QDir(configDir).filePath(QStringLiteral("access_results.json"));
}

Result<QHash<QString, AccessCell>> AccessResults::load() const
{
    QHash<QString, AccessCell> cells;
    if (m_path.isEmpty() || !QFileInfo::exists(m_path))
        return cells;
    const Result<QByteArray> bytes = SecretFile::read(m_path);
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc =
        bytes->size() > MaxFileBytes ? QJsonDocument() : QJsonDocument::fromJson(*bytes, &parseError);
    if (bytes->size() > MaxFileBytes || parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const Result<QString> backup = SecretFile::keepBackup(m_path, *bytes);
        return makeError(ErrorCode::FileUnparseable,
                         tr("The saved access results %1 could not be read; they were copied to %2 and the "
                            "grid starts unchecked.")
                             .arg(QDir::toNativeSeparators(m_path), backup ? QDir::toNativeSeparators(*backup)
                                                                           : tr("(no copy could be made)")));
    }
    const QJsonArray entries = doc.object().value(QStringLiteral("cells")).toArray();
    for (const QJsonValue &value : entries) {
        if (cells.size() >= MaxCells)
            break;
        if (const auto entry = fromJson(value.toObject()))
            cells.insert(entry->first, entry->second);
    }
    return cells;
}

Error AccessResults::save(const QHash<QString, AccessCell> &cells) const
{
    if (m_path.isEmpty())
        return {};
    QList<QPair<QString, AccessCell>> answered;
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        if (it.value().result && it.value().checkedAt.isValid())
            answered.append({it.key(), it.value()});
    }
    // Newest first, then by key: the same cells always make the same bytes.
    std::sort(answered.begin(), answered.end(), [](const auto &a, const auto &b) {
        return a.second.checkedAt != b.second.checkedAt ? a.second.checkedAt > b.second.checkedAt
                                                        : a.first < b.first;
    });
    if (answered.size() > MaxCells)
        answered.resize(MaxCells);
    QJsonArray entries;
    for (const auto &[key, cell] : std::as_const(answered))
        entries.append(toJson(key, cell));
    const QJsonObject root{{QStringLiteral("version"), FormatVersion}, {QStringLiteral("cells"), entries}};
    return SecretFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace hftm
