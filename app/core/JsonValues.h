#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace hftm::JsonValues {

// How our own files write a time: ISO 8601 in UTC with milliseconds; empty when unknown.
inline QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// Reads what isoUtc() wrote, and the Hub's ISO 8601 with or without milliseconds; invalid when absent.
inline QDateTime parseIsoUtc(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::ISODate);
    return date.isValid() ? date.toUTC() : QDateTime();
}

// The strings of a JSON array; anything else in it (or a value that is no array) is skipped.
inline QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

} // namespace hftm::JsonValues
