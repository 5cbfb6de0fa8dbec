#include "ui/tray/TrayController.h"

#include "core/notify/ActivationWarning.h"
#include "core/store/StoreEditor.h"
#include "core/store/TokenStore.h"
#include "ui/common/MessageBoxes.h"
#include "ui/tray/DesktopNotifications.h"
#include "ui/tray/NoticeSubjects.h"
#include "ui/tray/TokenPicker.h"
#include "ui/tray/TrayMenuTokens.h"
#include "ui/tray/TrayToolTip.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCursor>
#include <QMenu>
#include <QScreen>
#include <QSystemTrayIcon>

namespace hftm {

namespace {
constexpr std::chrono::milliseconds MaxRetryInterval{30000};
constexpr int PointerToMenu = 14; // about half a panel: from the pointer to the icon's edge
constexpr qsizetype RecentKept = 20;
} // namespace

TrayController::TrayController(TokenStore *store, NowFunction now, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_now(std::move(now))
    , m_tray(new QSystemTrayIcon(this))
    , m_group(new QActionGroup(this))
    , m_notices(new DesktopNotifications(m_tray, this))
    , m_ownBoxes(std::make_unique<MessageBoxes>())
    , m_boxes(m_ownBoxes.get())
    , m_probe(&QSystemTrayIcon::isSystemTrayAvailable)
{
    // Qt's balloon needs the icon in a tray host; the notification server does not.
    m_notices->setFallbackAllowed([this] { return isTrayShown(); });
    m_group->setExclusionPolicy(QActionGroup::ExclusionPolicy::Exclusive);
    connect(m_group, &QActionGroup::triggered, this, &TrayController::onTokenTriggered);
    connect(m_store, &TokenStore::changed, this, &TrayController::refresh);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) { onActivated(int(reason)); });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &TrayController::retryShow);
    refresh();
}

TrayController::~TrayController()
{
    // The icon goes first so no tray host ever holds a menu that is already gone.
    delete m_tray;
    m_tray = nullptr;
    delete m_menu;
    delete m_picker;
}

TokenPicker *TrayController::tokenPicker() const
{
    return m_picker;
}

void TrayController::buildMenu()
{
    auto *menu = new QMenu;
    menu->setAccessibleName(tr("HF Token Manager tray menu"));
    menu->setToolTipsVisible(true);
    m_envNotice = menu->addAction(tr("HF_TOKEN is set and overrides the token chosen here"));
    m_envNotice->setEnabled(false);
    m_empty = menu->addAction(tr("No tokens stored yet"));
    m_empty->setEnabled(false);
    m_allTokens = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("All tokens\u2026"), this,
                                  &TrayController::showTokenPicker);
    m_allTokens->setVisible(false);
    m_tokensEnd = menu->addSeparator();
    m_validateAll = menu->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Validate all"),
                                    this, &TrayController::validateAllRequested);
    m_validateAll->setStatusTip(tr("Ask the Hub whether every stored token still works"));
    m_addToken = menu->addAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add token\u2026"), this,
                                 &TrayController::addTokenRequested);
    m_openManager = menu->addAction(QIcon::fromTheme(QStringLiteral("window-new")), tr("&Open manager"), this,
                                    &TrayController::openManagerRequested);
    menu->addSeparator();
    m_quit = menu->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this,
                             &TrayController::quitRequested);
    // Labels go stale as time passes ("expires in 2 days"), and 200 items are not worth relabelling on
    // every check result: bring them up to date right before they are seen.
    connect(menu, &QMenu::aboutToShow, this, &TrayController::syncMenu);
    setMenu(menu);
}

void TrayController::setMenu(QMenu *menu)
{
    // Hand the tray the new menu before the old one dies: GNOME's AppIndicator bridge crashes when the
    // menu it exported disappears first.
    QMenu *old = m_menu;
    m_menu = menu;
    m_tray->setContextMenu(menu);
    if (old)
        old->deleteLater();
}

void TrayController::ensureMenu() const
{
    // Built when first needed (shown in a tray, opened, or asked for), which at start-up is after the
    // window's first frame: theme icons and 200 items are not on that frame.
    if (!m_menu)
        const_cast<TrayController *>(this)->buildMenu();
}

QMenu *TrayController::menu() const
{
    ensureMenu();
    syncMenuIfStale();
    return m_menu;
}

QIcon TrayController::icon() const
{
    if (m_iconState != m_state) {
        m_iconState = m_state;
        m_icon = trayStateIcon(
            m_state, prefersDarkPanel(QApplication::palette(), qEnvironmentVariable("XDG_CURRENT_DESKTOP")));
    }
    return m_icon;
}

void TrayController::applyIcon()
{
    const QIcon drawn = icon();
    if (drawn.cacheKey() != m_iconKey) {
        m_iconKey = drawn.cacheKey();
        m_tray->setIcon(drawn);
    }
}

QList<QAction *> TrayController::tokenActions() const
{
    syncMenuIfStale();
    return m_tokenActions;
}

void TrayController::syncMenuIfStale() const
{
    // Asking for the menu is looking at it; the items are ours to bring up to date, hence the cast.
    ensureMenu();
    if (m_menuStale)
        const_cast<TrayController *>(this)->syncMenu();
}

void TrayController::syncMenu()
{
    m_menuStale = false;
    syncTokenActions(m_now(), m_store->settings().expiryWarningDays);
}

QAction *TrayController::tokenAction(const QString &name) const
{
    syncMenuIfStale(); // builds the menu first if need be
    for (QAction *action : m_tokenActions) {
        if (action->data().toString() == name)
            return action;
    }
    return nullptr;
}

void TrayController::refresh()
{
    const QDateTime now = m_now();
    const int warningDays = m_store->settings().expiryWarningDays;
    if (m_menu && m_menu->isVisible())
        syncTokenActions(now, warningDays); // open right now: what it shows must not lie
    else
        m_menuStale = true;

    if (m_picker && m_picker->isVisible())
        m_picker->setTokens(m_store->tokens(), m_store->active().fileName, now, warningDays);
    noteActive();
    withdrawStaleNotices(now, warningDays);

    const TrayState state = trayStateFor(*m_store, now, warningDays);
    const bool stateChangedNow = state != m_state;
    m_state = state;
    if (m_tray->isVisible())
        applyIcon(); // hidden (no tray host yet, or tests): drawn when shown or asked for
    const QString tip = trayToolTip(*m_store, state, now);
    if (tip != m_toolTip) {
        m_toolTip = tip;
        m_tray->setToolTip(tip);
    }
    if (stateChangedNow)
        Q_EMIT stateChanged(state);
}

void TrayController::syncTokenActions(const QDateTime &now, int warningDays)
{
    const QList<TokenRecord> records = m_store->tokens();
    const ActiveToken active = m_store->active();
    // With HF_TOKEN set, the checked item still shows what the token file holds: that is what a pick
    // here changes, while the notice above says the environment wins for now.
    const QString checkedName =
        active.source == ActiveToken::Source::TokenFile ? active.name : active.fileName;

    QHash<QString, const TokenRecord *> recordOf;
    for (const TokenRecord &record : records)
        recordOf.insert(record.name, &record);
    const QStringList wanted = TrayMenuTokens::pick(records, checkedName, m_recent, now, warningDays);
    QStringList current;
    for (QAction *action : std::as_const(m_tokenActions))
        current << action->data().toString();

    // Only a change in the set or order of tokens touches the menu's structure; a switch or a new
    // verdict just relabels and re-checks the existing items.
    if (wanted != current) {
        QHash<QString, QAction *> byName;
        for (QAction *action : std::as_const(m_tokenActions)) {
            byName.insert(action->data().toString(), action);
            m_menu->removeAction(action);
        }
        m_tokenActions.clear();
        for (const QString &name : wanted) {
            QAction *action = byName.take(name);
            if (!action) {
                action = new QAction(m_group);
                action->setCheckable(true);
                action->setData(name);
            }
            m_menu->insertAction(m_allTokens, action);
            m_tokenActions << action;
        }
        qDeleteAll(byName); // tokens removed elsewhere, or no longer in the short list
    }

    for (QAction *action : std::as_const(m_tokenActions)) {
        const TokenRecord &record = *recordOf.value(action->data().toString());
        const QString label = TrayMenuTokens::label(record, now, warningDays);
        if (action->text() != label)
            action->setText(label);
        const bool checked = !checkedName.isEmpty() && record.name == checkedName;
        if (action->isChecked() != checked)
            action->setChecked(checked);
    }
    const bool shortList = records.size() > wanted.size();
    m_allTokens->setVisible(shortList);
    if (shortList)
        m_allTokens->setText(tr("All %1 tokens\u2026").arg(records.size()));
    const bool env =
        active.source == ActiveToken::Source::EnvHfToken || active.source == ActiveToken::Source::EnvLegacy;
    m_envNotice->setVisible(env);
    m_empty->setVisible(records.isEmpty());
}

void TrayController::noteActive()
{
    const QString name = m_store->active().fileName;
    if (name.isEmpty() || (!m_recent.isEmpty() && m_recent.first() == name))
        return;
    m_recent.removeAll(name);
    m_recent.prepend(name);
    if (m_recent.size() > RecentKept)
        m_recent.resize(RecentKept);
}

void TrayController::onTokenTriggered(QAction *action)
{
    // The exclusive group checked the clicked item already; what is really active is shown the next
    // time the menu is looked at (a question may be asked first, a switch may fail).
    m_menuStale = true;
    activate(action->data().toString());
}

void TrayController::activate(const QString &name)
{
    const std::optional<TokenRecord> record = m_store->token(name);
    if (!record)
        return; // removed meanwhile
    if (record->active && m_store->active().source == ActiveToken::Source::TokenFile)
        return; // already the token file: nothing to write
    const QString warning = activationWarning(*record, m_now());
    if (warning.isEmpty()) {
        switchTo(name);
        return;
    }
    // Asked, never blocking: the answer comes in a callback (nothing runs on Cancel).
    QPointer<TrayController> self(this);
    m_boxes->confirm(nullptr, tr("Make Token Active"), warning, activationWarningAcceptText(),
                     MessageBoxes::Confirm::Plain, [self, name] {
                         if (self)
                             self->switchTo(name);
                     });
}

void TrayController::switchTo(const QString &name)
{
    // The same edit as the window's "Make active" and `hftoken switch`; it also re-registers the token
    // with git when it is marked so. Queued behind any edit the window is making, and run off this
    // thread: the menu and the window keep answering while the keychain does.
    StoreEditJob *job = StoreEditor::of(m_store)->switchTo(name);
    connect(job, &StoreEditJob::finished, this, [this, name](StoreEditJob *done) {
        if (const Error error = done->error()) {
            refresh(); // show what is really active
            Q_EMIT switchFailed(name, error.message);
            showNotification(tr("Could not switch token"), error.message, true);
            return;
        }
        Q_EMIT switched(name);
    });
}

void TrayController::showTokenPicker()
{
    if (!m_picker) {
        m_picker = new TokenPicker;
        connect(m_picker, &TokenPicker::picked, this, &TrayController::activate);
    }
    m_picker->setTokens(m_store->tokens(), m_store->active().fileName, m_now(),
                        m_store->settings().expiryWarningDays);
    m_picker->present();
}

void TrayController::onActivated(int reason)
{
    // One click shows every token: left click opens the same menu as right click. An XEMBED tray
    // icon does not know where it sits on screen, only the pointer does: open the menu just past the
    // icon, away from the screen edge the panel is on, so the icon and its state stay in view.
    ensureMenu();
    if (reason == QSystemTrayIcon::Trigger && m_menu && !m_menu->isVisible()) {
        QPoint at = QCursor::pos();
        const QScreen *screen = QGuiApplication::screenAt(at);
        const bool panelAtTop = !screen || at.y() < screen->geometry().center().y();
        at.ry() += panelAtTop ? PointerToMenu : -PointerToMenu;
        m_menu->popup(at);
    } else if (reason == QSystemTrayIcon::DoubleClick)
        Q_EMIT openManagerRequested();
}

bool TrayController::isTrayShown() const
{
    return m_tray && m_tray->isVisible() && m_probe();
}

void TrayController::showWhenAvailable()
{
    if (m_probe()) {
        m_retry.stop();
        if (!m_tray->isVisible()) {
            ensureMenu();
            applyIcon();
            m_tray->show();
            Q_EMIT trayShown();
        }
        return;
    }
    if (!m_retry.isActive()) {
        m_retry.setInterval(m_firstRetry);
        m_retry.start();
    }
}

void TrayController::retryShow()
{
    if (m_probe()) {
        showWhenAvailable();
        return;
    }
    // Back off: a desktop without any tray must not wake us every second forever.
    m_retry.setInterval(std::min(std::chrono::milliseconds(m_retry.interval() * 2), MaxRetryInterval));
    m_retry.start();
}

void TrayController::showNotification(const QString &title, const QString &text, bool critical)
{
    Q_EMIT notified(title, text);
    m_notices->show(QString(), title, text, critical);
}

void TrayController::showNotice(const QString &title, const QString &text, bool critical,
                                const QStringList &subjects)
{
    Q_EMIT notified(title, text);
    m_notices->show(noticeTag(subjects), title, text, critical);
}

void TrayController::withdrawStaleNotices(const QDateTime &now, int warningDays)
{
    for (const QString &tag : m_notices->standing()) {
        if (!noticeStillApplies(*m_store, noticeSubjects(tag), now, warningDays))
            m_notices->withdraw(tag);
    }
}

} // namespace hftm
