#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

class QMainWindow;

namespace hftm {

class AppContext;
class AutostartSync;
class CloseToTray;
class ExpiryNotifier;
class MainWindow;
class Revalidator;
class TrayController;

// How main() wants the desktop app to start.
struct AppOptions {
    bool startMinimized = false; // --minimized: start in the tray, window hidden
    bool watchNetwork = true;    // revalidate when QNetworkInformation reports the network is back
    // --minimized without a tray host yet (login): how long to wait for one before showing the window.
    std::chrono::milliseconds trayGrace{10000};
    std::chrono::milliseconds tick{std::chrono::hours(1)}; // re-evaluates icon and due notifications
    bool windowIcon = false; // the app's icon (theme, else the bundled SVG), set once the window is up
};

// The desktop app's controller, the one entry point main() calls once the main window exists: builds the
// tray, background revalidation, expiry notifications, close-to-tray and the autostart entry over the
// app's services, wires them to the window, and decides what starts when. start() replaces window.show().
class AppController : public QObject {
    Q_OBJECT
public:
    AppController(AppContext &context, MainWindow *window, AppOptions options, QObject *parent = nullptr);
    ~AppController() override;

    void start();

    TrayController *controller() const { return m_controller; }
    Revalidator *revalidator() const { return m_revalidator; }
    ExpiryNotifier *notifier() const { return m_notifier; }
    CloseToTray *closePolicy() const { return m_close; }

public Q_SLOTS:
    // "Open manager", a second launch, a double click on the icon.
    void showWindow();
    void quit();

private:
    void startBackground(); // revalidation, the network watcher, the window icon: once the tokens are read
    void onTrayShown();
    void evaluate();

    AppContext &m_context;
    MainWindow *m_window;
    AppOptions m_options;
    TrayController *m_controller;
    Revalidator *m_revalidator;
    ExpiryNotifier *m_notifier;
    CloseToTray *m_close;
    AutostartSync *m_autostart;
    QTimer m_tick;
    QTimer m_grace;
    QTimer m_evaluateSoon; // coalesces the burst of store changes a validation run makes
    bool m_backgroundStarted = false;
};

} // namespace hftm
