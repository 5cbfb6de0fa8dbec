#include "ui/tray/TrayController.h"

#include "core/notify/TokenHealth.h"
#include "core/store/StoreEditor.h"
#include "core/store/TokenStore.h"
#include "ui/common/RelativeTime.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCursor>
#include <QLocale>
#include <QMenu>
#include <QScreen>
#include <QSystemTrayIcon>

namespace hftm {

namespace {
constexpr std::chrono::milliseconds MaxRetryInterval{30000};
constexpr int PointerToMenu = 14; // about half a panel: from the pointer to the icon's edge
const QChar WarningMark(0x26A0);  // ⚠

// Menu text treats '&' as a mnemonic marker; token and user names are shown as typed.
QString menuText(QString text)
{
    return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}
} // namespace

TrayController::TrayController(TokenStore *store, NowFunction now, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_now(std::move(now))
    , m_tray(new QSystemTrayIcon(this))
    , m_group(new QActionGroup(this))
    , m_probe(&QSystemTrayIcon::isSystemTrayAvailable)
{
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

    const TrayState state = trayStateFor(*m_store, now, warningDays);
    const bool stateChangedNow = state != m_state;
    m_state = state;
    if (m_tray->isVisible())
        applyIcon(); // hidden (no tray host yet, or tests): drawn when shown or asked for
    const QString tip = buildToolTip(now);
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

    QStringList wanted;
    for (const TokenRecord &record : records)
        wanted << record.name;
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
        for (const QString &name : std::as_const(wanted)) {
            QAction *action = byName.take(name);
            if (!action) {
                action = new QAction(m_group);
                action->setCheckable(true);
                action->setData(name);
            }
            m_menu->insertAction(m_tokensEnd, action);
            m_tokenActions << action;
        }
        qDeleteAll(byName); // tokens removed elsewhere
    }

    // With HF_TOKEN set, the checked item still shows what the token file holds: that is what a pick
    // here changes, while the notice above says the environment wins for now.
    const QString checkedName =
        active.source == ActiveToken::Source::TokenFile ? active.name : active.fileName;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const TokenRecord &record = records.at(i);
        QAction *action = m_tokenActions.at(i);
        const QString label = labelFor(record, now, warningDays);
        if (action->text() != label)
            action->setText(label);
        const bool checked = !checkedName.isEmpty() && record.name == checkedName;
        if (action->isChecked() != checked)
            action->setChecked(checked);
    }
    const bool env =
        active.source == ActiveToken::Source::EnvHfToken || active.source == ActiveToken::Source::EnvLegacy;
    m_envNotice->setVisible(env);
    m_empty->setVisible(records.isEmpty());
}

QString TrayController::labelFor(const TokenRecord &record, const QDateTime &now, int warningDays) const
{
    QString label = record.name;
    const QString user = record.user();
    const QString role = tokenRoleText(record.roleKind(), record.role());
    if (!user.isEmpty() && !role.isEmpty())
        label = tr("%1 \u2014 %2, %3", "token name — user, role").arg(record.name, user, role);
    else if (!user.isEmpty())
        label = tr("%1 \u2014 %2", "token name — user").arg(record.name, user);

    QString warning;
    switch (tokenHealth(record, now, warningDays)) {
    case TokenHealth::Invalid:
        warning = hasExpired(record, now) ? tr("expired") : tr("invalid");
        break;
    case TokenHealth::Expiring:
        warning = tr("expires %1").arg(RelativeTime::until(record.expires(), now));
        break;
    case TokenHealth::Valid:
    case TokenHealth::Unchecked:
        break;
    }
    if (!warning.isEmpty())
        label = tr("%1  %2 %3", "label, warning mark, warning").arg(label, WarningMark, warning);
    return menuText(label);
}

QString TrayController::buildToolTip(const QDateTime &now) const
{
    // Names, user and dates only: never the token, not even masked (checklist row 7).
    QStringList lines{tr("HF Token Manager")};
    const ActiveToken active = m_store->active();
    const std::optional<TokenRecord> record =
        active.name.isEmpty() ? std::nullopt : m_store->token(active.name);
    switch (active.source) {
    case ActiveToken::Source::None:
        lines << tr("No active token");
        return lines.join(QLatin1Char('\n'));
    case ActiveToken::Source::EnvHfToken:
    case ActiveToken::Source::EnvLegacy: {
        const QString variable = active.source == ActiveToken::Source::EnvHfToken
                                     ? QStringLiteral("HF_TOKEN")
                                     : QStringLiteral("HUGGING_FACE_HUB_TOKEN");
        lines << (record ? tr("Active: %1 from the environment (\u201C%2\u201D)").arg(variable, record->name)
                         : tr("Active: %1 from the environment").arg(variable));
        break;
    }
    case ActiveToken::Source::TokenFile:
        lines << (record ? tr("Active: %1").arg(record->name)
                         : tr("Active: a token that is not stored here"));
        break;
    }
    if (record) {
        if (!record->user().isEmpty())
            lines << tr("User: %1").arg(record->user());
        const QDateTime expires = record->expires();
        const QString date = QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat);
        switch (expiryState(*record, now, 0)) {
        case ExpiryState::Unknown:
            break;
        case ExpiryState::None:
            lines << tr("Expires: never");
            break;
        case ExpiryState::Expired:
            lines << tr("Expired: %1").arg(date);
            break;
        case ExpiryState::Ok:
        case ExpiryState::Soon:
            lines << tr("Expires: %1 (%2)").arg(date, RelativeTime::until(expires, now));
            break;
        }
    }
    lines << tr("State: %1").arg(trayStateText(m_state));
    return lines.join(QLatin1Char('\n'));
}

void TrayController::onTokenTriggered(QAction *action)
{
    const QString name = action->data().toString();
    const std::optional<TokenRecord> record = m_store->token(name);
    if (record && record->active && m_store->active().source == ActiveToken::Source::TokenFile)
        return; // already the token file: nothing to write
    // The same edit as the window's "Make active" and `hftoken switch`; it also re-registers the token
    // with git when it is marked so. Queued behind any edit the window is making, and run off this
    // thread: the menu and the window keep answering while the keychain does.
    StoreEditJob *job = StoreEditor::of(m_store)->switchTo(name);
    connect(job, &StoreEditJob::finished, this, [this, name](StoreEditJob *done) {
        if (const Error error = done->error()) {
            refresh(); // the exclusive group checked the clicked item; show what is really active
            Q_EMIT switchFailed(name, error.message);
            showNotification(tr("Could not switch token"), error.message, true);
            return;
        }
        Q_EMIT switched(name);
    });
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
    if (isTrayShown() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, critical ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

} // namespace hftm
