#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace hftm {

class TokenStore;

// Whether what a notification said is still true. Its subjects are the NotificationLog keys
// ExpiryNotifier names: "expiry:<name>" holds while that stored token still expires soon (not renewed,
// replaced or removed), "invalid:<name>" while it is still the active token and still fails (not valid
// again, not switched away from). A notice stands while any of its subjects holds.
bool noticeStillApplies(const TokenStore &store, const QStringList &subjects, const QDateTime &now,
                        int warningDays);

// The tag a notice with these subjects is shown under: the same subjects replace the same bubble.
QString noticeTag(const QStringList &subjects);
QStringList noticeSubjects(const QString &tag);

} // namespace hftm
