#pragma once

#include "core/base/Clock.h"
#include "ui/tray/TrayState.h"

#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QAction;
class QActionGroup;
class QSystemTrayIcon;

namespace hftm {

class TokenStore;

// The tray: owns the QSystemTrayIcon and its menu (tokens as exclusive checkable items, then Validate
// all, Add token…, Open manager, Quit), draws the active token's state, switches tokens through
// TokenStore::switchTo (the one switch path, run by the store's StoreEditor off the GUI thread) and
// emits "requested" signals for everything else.
// Works without a tray host (tests drive the menu offscreen); shows the icon once a host appears.
class TrayController : public QObject {
    Q_OBJECT
public:
    TrayController(TokenStore *store, NowFunction now, QObject *parent = nullptr);
    ~TrayController() override;

    TrayState trayState() const { return m_state; }
    QString toolTip() const { return m_toolTip; }
    QIcon icon() const; // drawn when first asked for after a state change (the SVG engine loads late)
    // The menu and its token items, brought up to date first when the store changed since they were
    // last looked at: the items follow the store when someone looks, not on every check result.
    QMenu *menu() const;
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QList<QAction *> tokenActions() const;
    QAction *tokenAction(const QString &name) const;
    QAction *validateAllAction() const
    {
        ensureMenu();
        return m_validateAll;
    }
    QAction *addTokenAction() const
    {
        ensureMenu();
        return m_addToken;
    }
    QAction *openManagerAction() const
    {
        ensureMenu();
        return m_openManager;
    }
    QAction *quitAction() const
    {
        ensureMenu();
        return m_quit;
    }

    // True once the icon is shown in a tray host.
    bool isTrayShown() const;
    // Shows the icon now if a tray host exists, else keeps retrying with a growing interval: at login
    // the panel often starts after us, and a tray that appears later must still get the icon.
    void showWhenAvailable();
    // Tests: stand-ins for QSystemTrayIcon::isSystemTrayAvailable() and the first retry interval.
    void setAvailabilityProbe(std::function<bool()> probe) { m_probe = std::move(probe); }
    void setRetryInterval(std::chrono::milliseconds interval) { m_firstRetry = interval; }

public Q_SLOTS:
    // Recomputes state, icon and tooltip (the active token only) from the store and the clock, and
    // marks the menu's token items stale; they are relabelled when the menu is about to show.
    void refresh();
    // A desktop notification through the tray (when shown); always emits notified() so tests can count.
    void showNotification(const QString &title, const QString &text, bool critical = false);

Q_SIGNALS:
    void validateAllRequested();
    void addTokenRequested();
    void openManagerRequested();
    void quitRequested();
    void switched(const QString &name);
    void switchFailed(const QString &name, const QString &message);
    void notified(const QString &title, const QString &text);
    void stateChanged(hftm::TrayState state);
    void trayShown();

private:
    void buildMenu();
    void ensureMenu() const; // the menu is built when first needed: never before the window's first frame
    void applyIcon();        // hands the tray the icon for the current state, when it changed
    void setMenu(QMenu *menu);
    void syncTokenActions(const QDateTime &now, int warningDays);
    void syncMenu();              // the token items, now (aboutToShow: labels say "expires in 2 days")
    void syncMenuIfStale() const; // the accessors' way: only when the store changed since
    QString labelFor(const TokenRecord &record, const QDateTime &now, int warningDays) const;
    QString buildToolTip(const QDateTime &now) const;
    void onTokenTriggered(QAction *action);
    void onActivated(int reason);
    void retryShow();

    TokenStore *m_store;
    NowFunction m_now;
    QSystemTrayIcon *m_tray;
    QPointer<QMenu> m_menu;
    QActionGroup *m_group;
    QAction *m_envNotice = nullptr;
    QAction *m_empty = nullptr;
    QAction *m_tokensEnd = nullptr;
    QAction *m_validateAll = nullptr;
    QAction *m_addToken = nullptr;
    QAction *m_openManager = nullptr;
    QAction *m_quit = nullptr;
    QList<QAction *> m_tokenActions;
    bool m_menuStale = true;
    TrayState m_state = TrayState::NoToken;
    QString m_toolTip;
    mutable QIcon m_icon;
    mutable std::optional<TrayState> m_iconState; // the state m_icon was drawn for
    qint64 m_iconKey = -1;
    std::function<bool()> m_probe;
    QTimer m_retry;
    std::chrono::milliseconds m_firstRetry{1000};
};

} // namespace hftm
