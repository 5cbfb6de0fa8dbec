#include "cli/CliOutput.h"

#include "core/base/TokenExpiry.h"
#include "core/files/DisplayText.h"

#include <QCoreApplication>

namespace hftm::cli::CliOutput {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

QJsonArray storageJson(StorageLocations storage)
{
    QJsonArray places;
    if (storage.testFlag(StorageLocation::Keychain))
        places.append(QStringLiteral("keychain"));
    if (storage.testFlag(StorageLocation::StoredTokens))
        places.append(QStringLiteral("stored_tokens"));
    return places;
}

QString storageText(StorageLocations storage)
{
    QStringList places;
    if (storage.testFlag(StorageLocation::Keychain))
        places << tr("keychain");
    if (storage.testFlag(StorageLocation::StoredTokens))
        places << tr("stored_tokens");
    return places.isEmpty() ? tr("nowhere") : places.join(QStringLiteral(", "));
}

QString roleText(const TokenRecord &record)
{
    const QString text = tokenRoleText(record.roleKind(), record.role());
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString expiresText(const TokenRecord &record, const QDateTime &now)
{
    const QDateTime expires = record.expires();
    if (!expires.isValid())
        return QStringLiteral("-");
    const QString date = expires.toLocalTime().date().toString(Qt::ISODate);
    // The CLI has no warning window: only "expired" is worth a word.
    if (expiryState(record, now, 0) == ExpiryState::Expired)
        return tr("%1 (expired)").arg(date);
    return date;
}

QString activeSourceId(ActiveToken::Source source)
{
    switch (source) {
    case ActiveToken::Source::None:
        return QStringLiteral("none");
    case ActiveToken::Source::TokenFile:
        return QStringLiteral("token-file");
    case ActiveToken::Source::EnvHfToken:
        return QStringLiteral("HF_TOKEN");
    case ActiveToken::Source::EnvLegacy:
        return QStringLiteral("HUGGING_FACE_HUB_TOKEN");
    }
    return {};
}

QJsonObject tokenJson(const TokenRecord &record)
{
    QJsonObject json{
        {QStringLiteral("name"), record.name},
        {QStringLiteral("active"), record.active},
        {QStringLiteral("storage"), storageJson(record.storage)},
        {QStringLiteral("user"), stringOrNull(record.user())},
        {QStringLiteral("role"), stringOrNull(record.role())},
        {QStringLiteral("expires"), isoOrNull(record.expires())},
        {QStringLiteral("status"), tokenStatusId(record.check.status)},
        {QStringLiteral("checkedAt"), isoOrNull(record.check.checkedAt)},
        {QStringLiteral("verdict"), tokenStatusId(record.check.verdict)},
        {QStringLiteral("masked"), record.masked},
        {QStringLiteral("endpoint"), stringOrNull(record.endpoint)},
        {QStringLiteral("oauth"), record.oauth},
        {QStringLiteral("missingFromFiles"), record.missingFromFiles},
        {QStringLiteral("gitCredential"), record.gitRegistered},
    };
    if (!record.check.message.isEmpty())
        json.insert(QStringLiteral("message"), record.check.message);
    return json;
}

void printTable(QTextStream &out, const QList<QStringList> &cells)
{
    // Cells carry what the Hub says (user, org and token display names, messages): a server must not be
    // able to drive the terminal, fake a row with a line break, or reorder a line with bidi overrides.
    QList<QStringList> rows;
    rows.reserve(cells.size());
    for (const QStringList &row : cells) {
        QStringList safe;
        safe.reserve(row.size());
        for (const QString &cell : row)
            safe << DisplayText::forTerminal(cell);
        rows << safe;
    }
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i]) + QStringLiteral("  ") : row[i];
        }
        out << line << '\n';
    }
}

} // namespace hftm::cli::CliOutput
