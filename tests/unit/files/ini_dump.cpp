// Reads each stored_tokens-style file named on the command line with IniDocument and prints one JSON
// line per file: its sections and keys in order, or the line a refusal names. The differential test
// compares these lines with what Python's configparser reads from the same files.
#include "core/files/IniDocument.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using hftm::IniDocument;
using hftm::IniSection;

namespace {
QJsonArray entriesOf(const IniSection &section)
{
    QJsonArray entries;
    for (const IniSection::Entry &entry : section.entries)
        entries.append(QJsonArray{entry.key, entry.value});
    return entries;
}

QJsonObject describe(const QByteArray &bytes)
{
    IniDocument::ParseError error;
    const std::optional<IniDocument> document = IniDocument::parse(bytes, &error);
    if (!document)
        return {{QStringLiteral("ok"), false}, {QStringLiteral("line"), error.line}};
    QJsonArray sections;
    for (const QString &name : document->sectionNames())
        sections.append(QJsonArray{name, entriesOf(*document->section(name))});
    QJsonObject out{{QStringLiteral("ok"), true}, {QStringLiteral("sections"), sections}};
    out.insert(QStringLiteral("defaults"),
               document->defaults() ? entriesOf(*document->defaults()) : QJsonArray());
    return out;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (const QString &path : app.arguments().mid(1)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        const QByteArray line = QJsonDocument(describe(file.readAll())).toJson(QJsonDocument::Compact);
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fputc('\n', stdout);
    }
    return 0;
}
