#include "tray/SingleInstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMetaMethod>

#include <unistd.h>

namespace hftm {

namespace {
const QByteArray ShowCommand = "show\n";
const QByteArray Acknowledge = "ok\n";
constexpr qint64 MaxCommandBytes = 64; // a peer that talks more than this is not one of us
} // namespace

SingleInstance::SingleInstance(QString serverName, QObject *parent)
    : QObject(parent)
    , m_name(std::move(serverName))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultServerName()
{
    const QString file = QStringLiteral("hf-token-manager-%1.sock").arg(::getuid());
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    // The runtime folder is 0700 and per user; /tmp is shared, where only the socket's own mode protects it.
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir())
        return QDir(runtime).filePath(file);
    return QDir(QDir::tempPath()).filePath(file);
}

bool SingleInstance::forwardToRunning(int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(ShowCommand);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // Wait for the answer so we only exit once the running instance really took over.
    while (socket.bytesAvailable() < Acknowledge.size()) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    return socket.readAll().startsWith(Acknowledge);
}

bool SingleInstance::listen()
{
    if (m_server)
        return true;
    auto *server = new QLocalServer(this);
    // Owner-only: the socket is created in a private temporary folder, chmod'ed 0700, then moved into
    // place, so no other user can connect even where the folder is shared (checklist row 22).
    server->setSocketOptions(QLocalServer::UserAccessOption);
    bool ok = server->listen(m_name);
    if (!ok && server->serverError() == QAbstractSocket::AddressInUseError) {
        QLocalSocket probe;
        probe.connectToServer(m_name);
        if (probe.waitForConnected(500)) {
            m_error = tr("Another instance is already running.");
            delete server;
            return false;
        }
        // Nobody answers: a crashed instance left its socket file behind.
        QLocalServer::removeServer(m_name);
        ok = server->listen(m_name);
    }
    if (!ok) {
        m_error = server->errorString();
        delete server;
        return false;
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

QString SingleInstance::socketPath() const
{
    return m_server ? m_server->fullServerName() : QString();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > MaxCommandBytes) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            const QByteArray line = socket->readLine();
            if (line == ShowCommand) {
                socket->write(Acknowledge);
                socket->flush();
                requestShow();
            }
            socket->disconnectFromServer();
        });
    }
}

void SingleInstance::requestShow()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&SingleInstance::showRequested)))
        Q_EMIT showRequested();
    else
        m_pendingShow = true;
}

void SingleInstance::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&SingleInstance::showRequested) && m_pendingShow) {
        m_pendingShow = false;
        // Queued: the receiver's connect() call has not even returned yet.
        QMetaObject::invokeMethod(this, &SingleInstance::showRequested, Qt::QueuedConnection);
    }
}

} // namespace hftm
