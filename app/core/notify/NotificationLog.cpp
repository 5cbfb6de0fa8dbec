#include "core/notify/NotificationLog.h"

#include "core/files/SecretFile.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace hftm {

namespace {
constexpr int FormatVersion = 1;
}

NotificationLog::NotificationLog(QString path)
    : m_path(std::move(path))
{
}

QString NotificationLog::defaultPath(const QString &configDir)
{
    return QDir(configDir).filePath(QStringLiteral("notifications.json"));
}

void NotificationLog::load()
{
    m_told.clear();
    m_dirty = false;
    const Result<QByteArray> bytes = SecretFile::read(m_path);
    if (!bytes || bytes->isEmpty())
        return;
    const QJsonObject told =
        QJsonDocument::fromJson(*bytes).object().value(QStringLiteral("told")).toObject();
    for (auto it = told.constBegin(); it != told.constEnd(); ++it) {
        const QDate day = QDate::fromString(it.value().toString(), Qt::ISODate);
        if (day.isValid())
            m_told.insert(it.key(), day);
    }
}

Error NotificationLog::save()
{
    QJsonObject told;
    for (auto it = m_told.constBegin(); it != m_told.constEnd(); ++it)
        told.insert(it.key(), it.value().toString(Qt::ISODate));
    QJsonObject root;
    root.insert(QStringLiteral("version"), FormatVersion);
    root.insert(QStringLiteral("told"), told);
    // Atomic and 0600 like our other files: token names are not secret, but they are the user's business.
    const Error error = SecretFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!error)
        m_dirty = false;
    return error;
}

void NotificationLog::markTold(const QString &key, const QDate &day)
{
    if (m_told.value(key) == day)
        return;
    m_told.insert(key, day);
    m_dirty = true;
}

bool NotificationLog::forget(const QString &key)
{
    const bool removed = m_told.remove(key) > 0;
    m_dirty = m_dirty || removed;
    return removed;
}

void NotificationLog::prune(const QDate &today, int keepDays)
{
    for (auto it = m_told.begin(); it != m_told.end();) {
        if (it.value().daysTo(today) > keepDays) {
            it = m_told.erase(it);
            m_dirty = true;
        } else {
            ++it;
        }
    }
}

} // namespace hftm
