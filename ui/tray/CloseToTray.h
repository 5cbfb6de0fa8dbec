#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace hftm {

class TokenStore;

// Hides the window instead of closing it when the user closes it and a tray icon is shown, and says
// once (remembered in Settings::trayHintShown) that the app keeps running there. Closes that did not
// come from the user (Quit, logout, code) and closes without a tray pass through untouched.
class CloseToTray : public QObject {
    Q_OBJECT
public:
    CloseToTray(QWidget *window, TokenStore *store, std::function<bool()> trayShown,
                QObject *parent = nullptr);

    // Set before quitting (Quit, session end): every close is then a real one.
    void setQuitting(bool quitting) { m_quitting = quitting; }
    bool isQuitting() const { return m_quitting; }

Q_SIGNALS:
    void hiddenToTray();
    void notify(const QString &title, const QString &text, bool critical);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_window;
    TokenStore *m_store;
    std::function<bool()> m_trayShown;
    bool m_quitting = false;
};

} // namespace hftm
