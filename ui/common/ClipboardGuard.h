#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>

class QClipboard;

namespace hftm {

// Puts a secret on the clipboard with the hint clipboard managers honour (x-kde-passwordManagerHint:
// secret) and clears it after a timeout and on quit, but only while the clipboard still holds our value:
// whatever the user copied meanwhile is never touched. Keeps only a digest of the secret, not the secret.
class ClipboardGuard : public QObject {
    Q_OBJECT
public:
    explicit ClipboardGuard(QClipboard *clipboard, QObject *parent = nullptr);
    ~ClipboardGuard() override;

    void copySecret(const QString &secret, std::chrono::milliseconds clearAfter);
    bool holdsOurValue() const;
    bool isArmed() const { return m_timer.isActive(); }

public slots:
    // Clears the clipboard if it still holds what we put there; forgets our value either way.
    void clearIfOurs();

signals:
    void cleared();  // we removed our value from the clipboard
    void released(); // our value was already gone (the user copied something else); nothing touched

private:
    QClipboard *m_clipboard;
    QByteArray m_digest;
    QTimer m_timer;
};

} // namespace hftm
