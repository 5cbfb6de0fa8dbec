#pragma once

#include <QTimer>
#include <QWidget>

#include <chrono>

class QLabel;
class QPushButton;

namespace hftm {

// The secret's line in the token details: its masked form, or for a limited time the secret itself
// with a countdown ("Hidden in 9 s") and a Hide button. Hiding drops the secret from the widget tree.
class SecretLine : public QWidget {
    Q_OBJECT
public:
    explicit SecretLine(QWidget *parent = nullptr);

    void setMasked(const QString &masked);
    void reveal(const QString &secret, std::chrono::milliseconds duration);
    bool isRevealing() const { return m_hideTimer.isActive(); }
    QString countdownText() const;

public slots:
    // Ends a reveal (no-op otherwise); emits revealEnded() when there was one.
    void conceal();

signals:
    void revealEnded();

private:
    void showCountdown();

    QLabel *m_masked;
    QLabel *m_secret;
    QLabel *m_countdown;
    QPushButton *m_hide;
    QTimer m_hideTimer; // ends the reveal
    QTimer m_tick;      // the countdown's next whole second
};

} // namespace hftm
