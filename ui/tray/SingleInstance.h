#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace hftm {

// One running instance per user: the first launch listens on a local socket only its owner can reach;
// a second launch connects, asks it to show its window and exits.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    // serverName: a socket path; defaultServerName() unless a test wants its own.
    explicit SingleInstance(QString serverName = defaultServerName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // $XDG_RUNTIME_DIR/hf-token-manager-<uid>.sock (a folder only the user can enter), else the same
    // name in the temporary folder.
    static QString defaultServerName();

    // True when a running instance accepted the request to show itself: the caller should exit 0.
    bool forwardToRunning(int timeoutMs = 2000);
    // Becomes the running instance. Replaces a socket left behind by a crashed instance.
    bool listen();
    QString serverName() const { return m_name; }
    QString socketPath() const; // the socket file while listening
    QString errorString() const { return m_error; }

Q_SIGNALS:
    // A request that arrives before anything listens (the window is still being built) is kept and
    // delivered as soon as a receiver connects.
    void showRequested();

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    void onNewConnection();
    void requestShow();

    QString m_name;
    QLocalServer *m_server = nullptr;
    QString m_error;
    bool m_pendingShow = false;
};

} // namespace hftm
