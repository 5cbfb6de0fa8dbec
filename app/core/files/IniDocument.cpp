#include "core/files/IniDocument.h"

#include "core/files/TokenText.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <algorithm>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::IniDocument)
};

const QString DefaultSection = QStringLiteral("DEFAULT");

using TokenText::isPythonWhitespace;
using TokenText::pythonStrip;

// Python opens the file in text mode with universal newlines: "\r\n", "\r" and "\n" all end a line.
// Splitting the bytes first is safe because CR and LF never occur inside a UTF-8 multi-byte sequence,
// and it gives each decoding error its line number.
QList<QByteArray> splitLines(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != '\n' && c != '\r')
            continue;
        lines.append(bytes.mid(start, i - start));
        if (c == '\r' && i + 1 < bytes.size() && bytes.at(i + 1) == '\n')
            ++i;
        start = i + 1;
    }
    if (start < bytes.size())
        lines.append(bytes.mid(start));
    return lines;
}

qsizetype indentOf(const QString &line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (!isPythonWhitespace(line.at(i).unicode()))
            return i;
    }
    return 0;
}

// SECTCRE `\[(?P<header>.+)\]` matched (not full-matched) against the stripped line: greedy, so the
// header runs to the last ']' and anything after it is ignored.
std::optional<QString> matchHeader(const QString &stripped)
{
    if (!stripped.startsWith(QLatin1Char('[')))
        return std::nullopt;
    const qsizetype close = stripped.lastIndexOf(QLatin1Char(']'));
    if (close < 2)
        return std::nullopt;
    return stripped.mid(1, close - 1);
}

struct OptionMatch {
    QString key;
    QString value;
};

// OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first '=' or ':' separates; the key loses
// trailing whitespace, the value is stripped.
std::optional<OptionMatch> matchOption(const QString &stripped)
{
    qsizetype sep = -1;
    for (qsizetype i = 0; i < stripped.size(); ++i) {
        if (stripped.at(i) == QLatin1Char('=') || stripped.at(i) == QLatin1Char(':')) {
            sep = i;
            break;
        }
    }
    if (sep < 0)
        return std::nullopt;
    return OptionMatch{pythonStrip(stripped.left(sep)), pythonStrip(stripped.mid(sep + 1))};
}

QString pythonRStrip(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && isPythonWhitespace(text.at(end - 1).unicode()))
        --end;
    return text.left(end);
}

bool lessByCodePoint(const QString &a, const QString &b)
{
    const QList<uint> ua = a.toUcs4();
    const QList<uint> ub = b.toUcs4();
    return std::lexicographical_compare(ua.cbegin(), ua.cend(), ub.cbegin(), ub.cend());
}

bool sameEntries(const IniSection &a, const IniSection &b)
{
    if (a.entries.size() != b.entries.size())
        return false;
    return std::all_of(a.entries.cbegin(), a.entries.cend(),
                       [&b](const IniSection::Entry &e) { return b.value(e.key) == e.value; });
}

// What configparser.read() builds while it reads: values are lists of lines until the end of the file.
struct Parser {
    QList<IniSection> sections;
    QList<QList<QStringList>> parts; // parallel to sections[i].entries[j]
    qsizetype current = -1;
    qsizetype currentKey = -1;
    qsizetype indentLevel = 0;
    IniDocument::ParseError deferred; // configparser reports ParsingError only after the last line

    static IniDocument::ParseError fail(int line, const QString &message) { return {line, message}; }

    qsizetype indexOf(const QString &name) const
    {
        for (qsizetype i = 0; i < sections.size(); ++i) {
            if (sections.at(i).name == name)
                return i;
        }
        return -1;
    }

    std::optional<IniDocument::ParseError> feed(int lineNo, const QString &line)
    {
        const QString value = pythonStrip(line);
        if (value.startsWith(QLatin1Char('#')) || value.startsWith(QLatin1Char(';')))
            return std::nullopt; // a comment neither ends nor extends a value
        // configparser tests `optname` for truth: after an entry with an empty key nothing continues.
        const bool inValue =
            current >= 0 && currentKey >= 0 && !sections.at(current).entries.at(currentKey).key.isEmpty();
        if (value.isEmpty()) {
            if (inValue)
                parts[current][currentKey].append(QString()); // empty_lines_in_values
            return std::nullopt;
        }
        const qsizetype indent = indentOf(line);
        if (inValue && indent > indentLevel) {
            parts[current][currentKey].append(value);
            return std::nullopt;
        }
        indentLevel = indent;
        if (const auto header = matchHeader(value)) {
            qsizetype index = indexOf(*header);
            if (index >= 0 && *header != DefaultSection)
                return fail(lineNo, Tr::tr("The section [%1] appears more than once; huggingface_hub cannot "
                                           "read a file with duplicate sections.")
                                        .arg(*header));
            if (index < 0) {
                sections.append(IniSection{*header, {}});
                parts.append(QList<QStringList>());
                index = sections.size() - 1;
            }
            current = index;
            currentKey = -1;
            return std::nullopt;
        }
        if (current < 0)
            return fail(lineNo, Tr::tr("This line comes before the first [section] header."));
        const auto option = matchOption(value);
        if (!option) {
            if (deferred.line == 0)
                deferred = fail(lineNo, Tr::tr("This line is neither a [section] header nor a "
                                               "\"key = value\" entry."));
            return std::nullopt;
        }
        if (option->key.isEmpty() && deferred.line == 0)
            deferred = fail(lineNo, Tr::tr("This entry has no key before its '=' or ':'."));
        const QString key = option->key.toLower(); // configparser's optionxform
        IniSection &section = sections[current];
        for (const auto &entry : std::as_const(section.entries)) {
            if (entry.key == key)
                return fail(lineNo,
                            Tr::tr("The key \"%1\" appears twice in section [%2].").arg(key, section.name));
        }
        section.entries.append({key, QString()});
        parts[current].append(QStringList{option->value});
        currentKey = section.entries.size() - 1;
        return std::nullopt;
    }

    void joinValues()
    {
        for (qsizetype s = 0; s < sections.size(); ++s) {
            for (qsizetype e = 0; e < sections.at(s).entries.size(); ++e)
                sections[s].entries[e].value = pythonRStrip(parts.at(s).at(e).join(QLatin1Char('\n')));
        }
    }
};

} // namespace

std::optional<QString> IniSection::value(const QString &key) const
{
    const QString wanted = key.toLower();
    for (const auto &entry : entries) {
        if (entry.key == wanted)
            return entry.value;
    }
    return std::nullopt;
}

void IniSection::setValue(const QString &key, const QString &value)
{
    const QString wanted = key.toLower();
    for (auto &entry : entries) {
        if (entry.key == wanted) {
            entry.value = value;
            return;
        }
    }
    entries.append({wanted, value});
}

bool IniSection::removeKey(const QString &key)
{
    const QString wanted = key.toLower();
    return entries.removeIf([&wanted](const Entry &e) { return e.key == wanted; }) > 0;
}

std::optional<IniDocument> IniDocument::parse(const QByteArray &utf8, ParseError *error)
{
    const auto failed = [error](const ParseError &e) -> std::optional<IniDocument> {
        if (error)
            *error = e;
        return std::nullopt;
    };
    // Python decodes the BOM into U+FEFF, which then hides the first header: MissingSectionHeaderError.
    if (utf8.startsWith("\xEF\xBB\xBF"))
        return failed({1, Tr::tr("The file starts with a byte-order mark (BOM), which huggingface_hub cannot "
                                 "read. Save it as UTF-8 without BOM.")});

    Parser parser;
    const QList<QByteArray> lines = splitLines(utf8);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        const QString line = decoder.decode(lines.at(i));
        if (decoder.hasError())
            return failed({lineNo, Tr::tr("This line is not valid UTF-8 text.")});
        if (auto problem = parser.feed(lineNo, line))
            return failed(*problem);
    }
    if (parser.deferred.line != 0)
        return failed(parser.deferred);
    parser.joinValues();

    IniDocument doc;
    doc.m_sections = std::move(parser.sections);
    return doc;
}

QByteArray IniDocument::serialize() const
{
    QList<const IniSection *> ordered;
    for (const auto &section : m_sections) {
        if (section.name != DefaultSection)
            ordered.append(&section);
    }
    // huggingface_hub writes sorted(names): code point order, which QString's UTF-16 compare gets wrong
    // for characters outside the BMP.
    std::stable_sort(ordered.begin(), ordered.end(), [](const IniSection *a, const IniSection *b) {
        return lessByCodePoint(a->name, b->name);
    });
    // configparser.write() skips an empty DEFAULT section.
    if (const IniSection *def = defaults(); def && !def->entries.isEmpty())
        ordered.prepend(def);

    QString text;
    for (const IniSection *section : std::as_const(ordered)) {
        text += QLatin1Char('[') + section->name + QStringLiteral("]\n");
        for (const auto &entry : section->entries) {
            QString value = entry.value;
            value.replace(QLatin1Char('\n'), QStringLiteral("\n\t"));
            text += entry.key + QStringLiteral(" = ") + value + QLatin1Char('\n');
        }
        text += QLatin1Char('\n');
    }
    return text.toUtf8();
}

QStringList IniDocument::sectionNames() const
{
    QStringList names;
    for (const auto &section : m_sections) {
        if (section.name != DefaultSection)
            names.append(section.name);
    }
    return names;
}

bool IniDocument::hasSection(const QString &name) const
{
    return section(name) != nullptr;
}

// Like configparser.has_section(), DEFAULT is not a section here: it is reached through defaults().
const IniSection *IniDocument::section(const QString &name) const
{
    if (name == DefaultSection)
        return nullptr;
    for (const auto &section : m_sections) {
        if (section.name == name)
            return &section;
    }
    return nullptr;
}

IniSection &IniDocument::ensureSection(const QString &name)
{
    for (auto &section : m_sections) {
        if (section.name == name)
            return section;
    }
    m_sections.append(IniSection{name, {}});
    return m_sections.last();
}

bool IniDocument::removeSection(const QString &name)
{
    return m_sections.removeIf([&name](const IniSection &s) { return s.name == name; }) > 0;
}

bool IniDocument::renameSection(const QString &from, const QString &to)
{
    if (from == DefaultSection || to == DefaultSection || from == to)
        return from == to && hasSection(from);
    if (hasSection(to))
        return false;
    for (auto &section : m_sections) {
        if (section.name == from) {
            section.name = to;
            return true;
        }
    }
    return false;
}

const IniSection *IniDocument::defaults() const
{
    for (const auto &section : m_sections) {
        if (section.name == DefaultSection)
            return &section;
    }
    return nullptr;
}

bool IniDocument::operator==(const IniDocument &other) const
{
    const QStringList mine = sectionNames();
    if (mine.size() != other.sectionNames().size())
        return false;
    for (const QString &name : mine) {
        const IniSection *theirs = other.section(name);
        if (!theirs || !sameEntries(*section(name), *theirs))
            return false;
    }
    const IniSection empty;
    const IniSection *myDefaults = defaults();
    const IniSection *theirDefaults = other.defaults();
    return sameEntries(myDefaults ? *myDefaults : empty, theirDefaults ? *theirDefaults : empty);
}

} // namespace hftm
