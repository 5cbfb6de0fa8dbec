#pragma once

#include "core/Result.h"

#include <QDate>
#include <QHash>
#include <QString>

namespace hftm {

// What the app has already told the user, keyed by a short subject ("expiry:<token name>") with the
// day it was told, persisted as a small JSON file in the config folder so that "once per token and
// day" survives a restart. Holds names only, never a secret.
class NotificationLog {
public:
    explicit NotificationLog(QString path);

    static QString defaultPath(const QString &configDir); // <configDir>/notifications.json

    QString path() const { return m_path; }
    // A missing or unreadable file is an empty log: at worst a notice is repeated, never lost work.
    void load();
    Error save();

    bool toldOn(const QString &key, const QDate &day) const { return m_told.value(key) == day; }
    bool toldEver(const QString &key) const { return m_told.contains(key); }
    void markTold(const QString &key, const QDate &day);
    bool forget(const QString &key); // true if it was there
    // Drops entries older than 'keepDays' before 'today' so the file cannot grow without bound.
    void prune(const QDate &today, int keepDays = 60);
    bool isDirty() const { return m_dirty; }
    int size() const { return int(m_told.size()); }

private:
    QString m_path;
    QHash<QString, QDate> m_told;
    bool m_dirty = false;
};

} // namespace hftm
