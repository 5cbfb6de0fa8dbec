#pragma once

#include "core/base/Clock.h"
#include "core/base/WhoamiInfo.h"

#include <QDateTime>
#include <QStringList>
#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QTreeWidget;

namespace hftm {

// Read-only summary of what the Hub said about a token: account, role badge, organizations, expiry and,
// for fine-grained tokens, a tree of entity -> permissions. Never sees the secret; reusable by any view
// that holds a WhoamiInfo (login dialog, token details pane).
class WhoamiSummaryWidget : public QWidget {
    Q_OBJECT
public:
    explicit WhoamiSummaryWidget(QWidget *parent = nullptr);

    void setWhoami(const WhoamiInfo &info);
    void clear();
    // Time source for "expires in N days"; injectable so tests do not depend on today's date.
    void setClock(NowFunction clock) { m_clock = std::move(clock); }

    QString userText() const;
    QString roleText() const;
    QString expiryText() const;
    QString accessText() const;
    // Every text on show, row by row (labels, then the scope tree's rows): what a reader sees, so two
    // places that show one whoami can be compared.
    QStringList shownTexts() const;
    QTreeWidget *scopeTree() const { return m_scopes; }

    // "31 Dec 2026 · in 60 days", "21 Sep 2026 · expired", "never" (no expiry: the Hub gives none for a
    // token that does not expire): the words of the window's Expiry column.
    static QString expiryWords(const QDateTime &expires, const QDateTime &now);
    // Translated words for the parsed role ("read", "write", "fine-grained"; others as the Hub spells them).
    static QString roleName(const WhoamiInfo &info);
    // What a fine-grained permission string allows, in words; empty for strings we do not know (they
    // are still shown, never dropped).
    static QString permissionDescription(const QString &permission);
    // "Model", "Organization", ... for an entity type; unknown types are shown as given.
    static QString entityTypeName(const QString &type);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillScopes(const WhoamiInfo &info);
    void applyBadgeStyle();

    NowFunction m_clock;
    QFormLayout *m_form;
    QLabel *m_user;
    QLabel *m_role;
    QLabel *m_tokenName;
    QLabel *m_orgs;
    QLabel *m_expiry;
    QLabel *m_created;
    QLabel *m_access;
    QTreeWidget *m_scopes;
};

} // namespace hftm
