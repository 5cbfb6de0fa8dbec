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
    // serverName: a socket path; empty means defaultServerName() (tests pass their own).
    explicit SingleInstance(QString serverName = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // A folder only the user can enter: $XDG_RUNTIME_DIR when it is a private folder of the user, else
    // <temp>/hf-token-manager-<uid>, created 0700 — or, when it already exists, used only if it is a real
    // folder (not a link) owned by the user without group or other access. Empty when neither is safe,
    // with the reason in *why.
    static QString socketFolder(QString *why = nullptr);
    // socketFolder()/hf-token-manager-<uid>.sock; empty (and *why set) when there is no safe folder.
    static QString defaultServerName(QString *why = nullptr);

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
