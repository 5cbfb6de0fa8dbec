#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hftm {

// One configparser section: its name verbatim and its keys (lower-cased, as configparser does) in order.
struct IniSection {
    struct Entry {
        QString key;
        QString value; // continuation lines joined with '\n', as configparser does
    };
    QString name;
    QList<Entry> entries;

    std::optional<QString> value(const QString &key) const;
    void setValue(const QString &key, const QString &value); // keeps position if present, else appends
    bool removeKey(const QString &key);
};

// A Python-configparser-compatible INI document (the format of huggingface_hub's stored_tokens).
// Parses exactly what configparser (strict, no interpolation) accepts and refuses what it refuses, and
// serializes in the layout huggingface_hub writes: [DEFAULT] first if present, then sections sorted by
// code point, "key = value", one empty line after every section.
class IniDocument {
public:
    struct ParseError {
        int line = 0; // 1-based
        QString message;
    };

    static std::optional<IniDocument> parse(const QByteArray &utf8, ParseError *error = nullptr);
    QByteArray serialize() const;

    QStringList sectionNames() const; // token sections in file order, without DEFAULT
    bool hasSection(const QString &name) const;
    const IniSection *section(const QString &name) const;
    IniSection &ensureSection(const QString &name);
    bool removeSection(const QString &name);
    bool renameSection(const QString &from, const QString &to); // keeps every key; false if 'to' exists

    const IniSection *defaults() const; // the [DEFAULT] section, if the file had one

    bool operator==(const IniDocument &other) const; // same meaning: same sections, keys and values

private:
    QList<IniSection> m_sections; // DEFAULT is kept here too, under its literal name
};

} // namespace hftm
