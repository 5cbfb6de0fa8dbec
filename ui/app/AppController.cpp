#include "ui/app/AppController.h"

#include "core/notify/ExpiryNotifier.h"
#include "core/notify/NotificationLog.h"
#include "ui/app/AppContext.h"
#include "ui/tray/Autostart.h"
#include "ui/tray/CloseToTray.h"
#include "ui/tray/Revalidator.h"
#include "ui/tray/TrayController.h"
#include "ui/window/MainWindow.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QSessionManager>

namespace hftm {

namespace {
constexpr int FirstFrameWaitMs = 2000;
} // namespace

AppController::AppController(AppContext &context, MainWindow *window, AppOptions options, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_window(window)
    , m_options(options)
    , m_controller(new TrayController(context.store(), context.now(), this))
    , m_revalidator(new Revalidator(context.store(), context.validator(), this))
    , m_notifier(new ExpiryNotifier(context.store(),
                                    NotificationLog::defaultPath(context.store()->options().configDir),
                                    context.now(), this))
    , m_close(new CloseToTray(
          window, context.store(), [this] { return m_controller->isTrayShown(); }, this))
    , m_autostart(new AutostartSync(context.store(), this))
{
    m_revalidator->setClock(context.now());

    connect(m_controller, &TrayController::validateAllRequested, m_revalidator, &Revalidator::runNow);
    connect(m_controller, &TrayController::addTokenRequested, this, [this] {
        // The window's own command: one place opens the login dialog, window-modal over the window.
        showWindow();
        m_window->actions()->add->trigger();
    });
    connect(m_controller, &TrayController::openManagerRequested, this, &AppController::showWindow);
    connect(m_controller, &TrayController::quitRequested, this, &AppController::quit);
    connect(m_controller, &TrayController::trayShown, this, &AppController::onTrayShown);
    // The window's File > Quit closes the window; with a tray that alone would leave us running.
    connect(m_window->actions()->quit, &QAction::triggered, this, &AppController::quit);

    m_controller->setMessageBoxes(&context.messages()); // the tray asks like the window does
    connect(m_notifier, &ExpiryNotifier::notify, m_controller, &TrayController::showNotice);
    connect(m_close, &CloseToTray::notify, m_controller, &TrayController::showNotification);
    connect(m_autostart, &AutostartSync::failed, m_controller, [this](const QString &message) {
        m_controller->showNotification(tr("Open at login"), message, true);
    });
    m_evaluateSoon.setSingleShot(true);
    m_evaluateSoon.setInterval(0);
    connect(&m_evaluateSoon, &QTimer::timeout, this, &AppController::evaluate);
    connect(context.store(), &TokenStore::changed, &m_evaluateSoon, qOverload<>(&QTimer::start));
    // Hourly: "expires in N days" moves on and a new day may make a warning due again.
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_controller->refresh();
        evaluate();
    });
    connect(qApp, &QGuiApplication::commitDataRequest, this,
            [this](QSessionManager &) { m_close->setQuitting(true); });

    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, [this] {
        if (!m_controller->isTrayShown() && !m_window->isVisible())
            m_window->showMinimized(); // no tray came up: never leave the user with no window at all
    });
}

AppController::~AppController() = default;

void AppController::start()
{
    if (m_options.startMinimized)
        m_window->loadStore(); // no frame to wait for: the tray shows the tokens at once
    m_controller->showWhenAvailable();
    if (!m_options.startMinimized)
        m_window->show();
    else if (!m_controller->isTrayShown())
        m_grace.start(m_options.trayGrace);
    m_tick.start(m_options.tick);
    if (m_context.storeLoaded()) {
        startBackground();
        return;
    }
    // The window reads the store after its first frame; what needs the tokens starts after that.
    connect(m_window, &MainWindow::firstFrameShown, this, &AppController::startBackground,
            Qt::SingleShotConnection);
    // A window mapped where it is never exposed (another workspace, iconified by the window manager)
    // gets no first frame: the tray and revalidation must not wait for it forever.
    QTimer::singleShot(FirstFrameWaitMs, this, [this] {
        m_window->loadStore();
        startBackground();
    });
}

void AppController::startBackground()
{
    if (m_backgroundStarted)
        return;
    m_backgroundStarted = true;
    // The window icon's SVG engine and the network watcher's plugin load here, off the first frame.
    if (m_options.windowIcon) {
        QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("hf-token-manager"),
                                                     QIcon(QStringLiteral(":/icons/hf-token-manager.svg"))));
    }
    m_revalidator->start();
    if (m_options.watchNetwork)
        m_revalidator->watchNetwork();
}

void AppController::onTrayShown()
{
    m_grace.stop();
    // With the icon up, closing the window or a dialog over a hidden window must not end the app.
    QApplication::setQuitOnLastWindowClosed(false);
    evaluate(); // notifications due at start-up can only be shown now
}

void AppController::evaluate()
{
    // Without a tray there is nowhere to show a bubble; nothing is marked as told then.
    if (m_controller->isTrayShown())
        m_notifier->evaluate();
}

void AppController::showWindow()
{
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void AppController::quit()
{
    m_close->setQuitting(true);
    QCoreApplication::quit();
}

} // namespace hftm
