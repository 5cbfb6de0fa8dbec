#pragma once

#include "core/base/Clock.h"
#include "core/notify/NotificationLog.h"
#include "core/notify/TokenHealth.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

namespace hftm {

class TokenStore;

// Decides which desktop notifications are due and emits each once: "the active token stopped
// validating" once per failure (until it is valid again), and "token X expires in N days" once per
// token and day, for every token expiring within Settings::expiryWarningDays. Safe to call on every
// store change and timer tick; what was told is persisted in a NotificationLog.
class ExpiryNotifier : public QObject {
    Q_OBJECT
public:
    ExpiryNotifier(TokenStore *store, QString logPath, NowFunction now, QObject *parent = nullptr);

    const NotificationLog &log() const { return m_log; }

public Q_SLOTS:
    // Looks at the store as it is now and emits what is due.
    void evaluate();

Q_SIGNALS:
    // Shown by the tray; tests count it. Never holds a secret. subjects: what it is about, as the
    // NotificationLog keys ("expiry:<name>", "invalid:<name>"), so the tray can withdraw it once none holds.
    void notify(const QString &title, const QString &text, bool critical, const QStringList &subjects);

private:
    void checkActive(const QDateTime &now, const QDate &today, int warningDays);
    void checkExpiries(const QDateTime &now, const QDate &today, int warningDays);

    TokenStore *m_store;
    NotificationLog m_log;
    NowFunction m_now;
};

} // namespace hftm
