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
// The core's role and expiry judgements in words: "fine-grained" for fineGrained, "-" when unknown.
QString roleText(const TokenRecord &record);
QString expiresText(const TokenRecord &record, const QDateTime &now);
QString activeSourceId(ActiveToken::Source source);

// Left-aligned columns separated by two spaces; the header row is the first row. Every cell is printed
// through DisplayText::forTerminal (no controls, bidi overrides or zero-width characters).
void printTable(QTextStream &out, const QList<QStringList> &rows);

} // namespace CliOutput
} // namespace hftm::cli
