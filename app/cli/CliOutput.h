#pragma once

#include "core/store/TokenStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

namespace hftm::cli {

// Turns store state into what `hftoken` prints: aligned tables for people, JSON for scripts.
// Only masked tokens ever pass through here.
namespace CliOutput {

QJsonObject tokenJson(const TokenRecord &record);
QJsonArray storageJson(StorageLocations storage);
QString storageText(StorageLocations storage);
QString roleText(const QString &role); // "fine-grained" for fineGrained, as people say it
QString expiresText(const QDateTime &expires, const QDateTime &now);
QString activeSourceId(ActiveToken::Source source);

// Left-aligned columns separated by two spaces; the header row is the first row. Every cell is printed
// through DisplayText::forTerminal (no controls, bidi overrides or zero-width characters).
void printTable(QTextStream &out, const QList<QStringList> &rows);

} // namespace CliOutput
} // namespace hftm::cli
