#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace hftm {

// Which stored tokens the tray menu lists itself, and the words of each item. Up to TrayMenuListsAll
// tokens the menu lists every one in store order; beyond that a short list stays usable on any screen
// (the rest are one "All tokens…" away): the active token, then the ones with a problem (invalid,
// expired, expiring soonest first), then the recently active ones, then by name.
namespace TrayMenuTokens {

constexpr qsizetype ListsAll = 10; // this many tokens or fewer: every one in the menu
constexpr qsizetype ShortList = 8; // more: this many, then "All tokens…"

// The names to list, in menu order. activeName: the stored token the token file holds (may be empty);
// recent: names most recently active first (may hold names no longer stored).
QStringList pick(const QList<TokenRecord> &records, const QString &activeName, const QStringList &recent,
                 const QDateTime &now, int warningDays);

// "ci-write — alice-example, write  ⚠ expires in 2 days": the user and role known, and a warning for
// an invalid, expired or expiring token.
QString text(const TokenRecord &record, const QDateTime &now, int warningDays);
// Whether text() carries a warning.
bool hasWarning(const TokenRecord &record, const QDateTime &now, int warningDays);
// text() for a menu item: '&' doubled (menus take it as a mnemonic marker).
QString label(const TokenRecord &record, const QDateTime &now, int warningDays);

} // namespace TrayMenuTokens
} // namespace hftm
