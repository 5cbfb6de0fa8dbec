#pragma once

#include <QDateTime>
#include <QString>

namespace hftm {

// Short, translated phrases for how far a moment is from now ("3 min ago", "in 5 days", "expired").
namespace RelativeTime {

// A past moment: "just now", "5 min ago", "3 h ago", "2 days ago", "4 months ago". Empty when invalid.
QString since(const QDateTime &when, const QDateTime &now);

// A future moment: "in 40 min", "in 3 h", "in 5 days"; "expired" once it has passed. Empty when invalid.
QString until(const QDateTime &when, const QDateTime &now);

// A date for tables, in the user's locale and time zone ("31 Dec 2026").
QString shortDate(const QDateTime &when);

} // namespace RelativeTime
} // namespace hftm
