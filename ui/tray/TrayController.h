#pragma once

#include "core/base/Clock.h"
#include "ui/tray/TrayState.h"

#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QSystemTrayIcon;

namespace hftm {

class DesktopNotifications;
class MessageBoxes;
class TokenPicker;
class TokenStore;

// The tray: owns the QSystemTrayIcon and its menu (tokens as exclusive checkable items, at most a short
// list of them with "All tokens…" opening a searchable picker beyond ten, then Validate all, Add
// token…, Open manager, Quit), draws the active token's state, switches tokens through
// TokenStore::switchTo (the one switch path, run by the store's StoreEditor off the GUI thread; an
// invalid or expired token only after the user confirms) and emits "requested" signals for everything
// else. Its notifications are withdrawn once what they said no longer holds.
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
    // "All tokens…": shown when the menu lists only some of the tokens; opens tokenPicker().
    QAction *allTokensAction() const
    {
        syncMenuIfStale();
        return m_allTokens;
    }
    // The picker "All tokens…" opened, or null before that.
    TokenPicker *tokenPicker() const;
    DesktopNotifications *notifications() const { return m_notices; }
    // Where the question before activating an invalid or expired token is asked (tests script it);
    // the tray's own boxes until then.
    void setMessageBoxes(MessageBoxes *boxes) { m_boxes = boxes; }

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
    // A desktop notification (the notification server, else the tray's balloon when shown); always
    // emits notified() so tests can count.
    void showNotification(const QString &title, const QString &text, bool critical = false);
    // The same for a notice about subjects (ExpiryNotifier's "expiry:<name>", "invalid:<name>"): it
    // replaces an earlier one about the same subjects and is withdrawn once none of them holds.
    void showNotice(const QString &title, const QString &text, bool critical, const QStringList &subjects);
    // Makes 'name' the active token (menu items and the picker come here); an invalid or expired one
    // after a question, answered in a callback.
    void activate(const QString &name);
    // Opens the searchable list of every token ("All tokens…").
    void showTokenPicker();

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
    void noteActive();            // keeps the recently active names, newest first
    void withdrawStaleNotices(const QDateTime &now, int warningDays);
    void switchTo(const QString &name);
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
    QAction *m_allTokens = nullptr;
    QAction *m_tokensEnd = nullptr;
    QAction *m_validateAll = nullptr;
    QAction *m_addToken = nullptr;
    QAction *m_openManager = nullptr;
    QAction *m_quit = nullptr;
    QList<QAction *> m_tokenActions;
    QStringList m_recent; // stored names most recently active first: the short menu lists them early
    QPointer<TokenPicker> m_picker;
    DesktopNotifications *m_notices;
    std::unique_ptr<MessageBoxes> m_ownBoxes;
    MessageBoxes *m_boxes;
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
