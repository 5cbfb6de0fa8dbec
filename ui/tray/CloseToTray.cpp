#include "ui/tray/CloseToTray.h"

#include "core/store/TokenStore.h"

#include <QCloseEvent>
#include <QWidget>

namespace hftm {

CloseToTray::CloseToTray(QWidget *window, TokenStore *store, std::function<bool()> trayShown, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_store(store)
    , m_trayShown(std::move(trayShown))
{
    window->installEventFilter(this);
}

bool CloseToTray::eventFilter(QObject *watched, QEvent *event)
{
    // spontaneous(): the close came from the window system (title bar button, Alt+F4), i.e. the user.
    if (watched != m_window || event->type() != QEvent::Close || !event->spontaneous() || m_quitting ||
        !m_trayShown())
        return QObject::eventFilter(watched, event);
    event->ignore();
    m_window->hide();
    Q_EMIT hiddenToTray();
    Settings settings = m_store->settings();
    if (!settings.trayHintShown) {
        settings.trayHintShown = true;
        m_store->saveSettings(settings); // if this fails the hint is shown again next time; harmless
        Q_EMIT notify(tr("Still running in the tray"),
                      tr("HF Token Manager keeps running in the system tray. Use Quit in its menu to exit."),
                      false);
    }
    return true;
}

} // namespace hftm
