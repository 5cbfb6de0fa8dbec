#pragma once

#include "core/base/Clock.h"
#include "core/base/TokenRecord.h"

#include <QTimer>
#include <QWidget>

#include <chrono>
#include <optional>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace hftm {

// Shows one token: the account behind it (user, full name, orgs and roles), the Hub's name for it,
// created and expiry dates, the last check, and fine-grained scopes as a tree (entity -> permissions).
// The secret appears only while revealed: the widget tree holds it for the reveal time, then drops it.
class TokenDetailsPane : public QWidget {
    Q_OBJECT
public:
    explicit TokenDetailsPane(NowFunction now, QWidget *parent = nullptr);

    // endpoint: the Hub the token is checked against (already resolved by the store).
    void setRecord(const std::optional<TokenRecord> &record, const QString &endpoint);
    QString shownName() const { return m_name; }

    void revealSecret(const QString &secret, std::chrono::milliseconds duration);
    bool isRevealing() const { return m_revealTimer.isActive(); }

public slots:
    void hideSecret();

signals:
    void revealEnded();

private:
    QLabel *addRow(const QString &label, const QString &accessibleName);
    void showAccount(const TokenRecord &record);
    void showExpiry(const TokenRecord &record);
    void showScopes(const TokenRecord &record);

    NowFunction m_now;
    QString m_name;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QLabel *m_title;
    QLabel *m_masked;
    QLabel *m_secret;
    QLabel *m_uncheckedNote;
    QFormLayout *m_form;
    QLabel *m_user;
    QLabel *m_fullName;
    QLabel *m_orgs;
    QLabel *m_hubName;
    QLabel *m_role;
    QLabel *m_created;
    QLabel *m_expires;
    QLabel *m_check;
    QLabel *m_storage;
    QLabel *m_endpoint;
    QLabel *m_scopesLabel;
    QTreeWidget *m_scopes;
    QTimer m_revealTimer;
};

} // namespace hftm
