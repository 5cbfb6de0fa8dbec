#include "core/access/AccessExport.h"

#include "core/access/AccessGrid.h"

#include <QCoreApplication>
#include <QStringList>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::AccessExport", text);
}

} // namespace

QString AccessExport::csvField(const QString &text)
{
    QString field = text;
    // A cell starting with these runs as a formula in spreadsheet apps (CSV injection).
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!field.isEmpty() && formulaStarts.contains(field.front()))
        field.prepend(QLatin1Char('\''));
    const bool quote = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
                       field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r')) ||
                       field != field.trimmed();
    if (!quote)
        return field;
    field.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

QString AccessExport::markdownText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    static const QString specials = QStringLiteral("\\`*_[]<>|#!~");
    for (const QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            out += QLatin1Char(' ');
        else if (specials.contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    return out;
}

QByteArray AccessExport::toCsv(const AccessGrid &grid)
{
    QStringList lines;
    lines << QStringLiteral("repo,token,state,label,http_status,error_code,explanation,hub_message,"
                            "request_access_url,checked_at");
    for (int row = 0; row < grid.rowCount(); ++row) {
        for (int column = 0; column < grid.columnCount(); ++column) {
            const AccessCell cell = grid.cell(row, column);
            const RepoAccessResult result = cell.result.value_or(RepoAccessResult{});
            const bool answered = cell.result.has_value() && cell.state != AccessState::Checking;
            const QStringList fields{
                grid.repos().at(row).displayId(),
                grid.columns().at(column).name,
                AccessWords::stateId(cell.state),
                AccessWords::label(cell.state),
                answered && result.httpStatus ? QString::number(result.httpStatus) : QString(),
                answered ? result.errorCode : QString(),
                answered ? result.explanation : QString(),
                answered ? result.hubMessage : QString(),
                answered ? result.requestAccessUrl.toString() : QString(),
                answered ? cell.checkedAt.toUTC().toString(Qt::ISODate) : QString(),
            };
            QStringList escaped;
            for (const QString &field : fields)
                escaped << csvField(field);
            lines << escaped.join(QLatin1Char(','));
        }
    }
    return (lines.join(QLatin1String("\r\n")) + QLatin1String("\r\n")).toUtf8();
}

QString AccessExport::toMarkdown(const AccessGrid &grid)
{
    QStringList out;
    QStringList header{tr("Repo")};
    QStringList rule{QStringLiteral("---")};
    for (const AccessColumn &column : grid.columns()) {
        header << markdownText(column.name);
        rule << QStringLiteral("---");
    }
    out << QLatin1String("| ") + header.join(QLatin1String(" | ")) + QLatin1String(" |");
    out << QLatin1String("| ") + rule.join(QLatin1String(" | ")) + QLatin1String(" |");
    QStringList notes;
    for (int row = 0; row < grid.rowCount(); ++row) {
        const QString repo = grid.repos().at(row).displayId();
        QStringList line{markdownText(repo)};
        for (int column = 0; column < grid.columnCount(); ++column) {
            const AccessCell cell = grid.cell(row, column);
            line << markdownText(AccessWords::label(cell.state));
            if (cell.state == AccessState::Readable || cell.state == AccessState::NotChecked ||
                cell.state == AccessState::Checking || !cell.result)
                continue;
            QString note = tr("- **%1** with **%2**: %3 (`%4`). %5")
                               .arg(markdownText(repo), markdownText(grid.columns().at(column).name),
                                    markdownText(AccessWords::label(cell.state)),
                                    AccessWords::stateId(cell.state), markdownText(cell.result->explanation));
            if (cell.result->requestAccessUrl.isValid())
                // Encoded, and ')' too: it would end the link early.
                note += tr(" [Request access](%1)")
                            .arg(QString::fromUtf8(cell.result->requestAccessUrl.toEncoded())
                                     .replace(QLatin1Char(')'), QLatin1String("%29")));
            notes << note;
        }
        out << QLatin1String("| ") + line.join(QLatin1String(" | ")) + QLatin1String(" |");
    }
    if (!notes.isEmpty()) {
        out << QString() << tr("**Why not readable**") << QString();
        out << notes;
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace hftm
