#include "ui/tray/SingleInstance.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMetaMethod>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace hftm {

namespace {
const QByteArray ShowCommand = "show\n";
const QByteArray Acknowledge = "ok\n";
constexpr qint64 MaxCommandBytes = 64; // a peer that talks more than this is not one of us

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::SingleInstance", text);
}

// Why path is not a folder only this user can enter (empty when it is): not followed if it is a link.
QString privateFolderProblem(const QString &path)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return tr("The folder %1 for the single-instance socket cannot be read: %2")
            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISDIR(info.st_mode))
        return tr("%1 is not a folder (it may be a link); the single-instance socket is not put there.")
            .arg(path);
    if (info.st_uid != ::getuid())
        return tr("The folder %1 belongs to another user; the single-instance socket is not put there.")
            .arg(path);
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return tr("The folder %1 can be used by other users (mode %2); the single-instance socket is not "
                  "put there.")
            .arg(path)
            .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return {};
}
} // namespace

SingleInstance::SingleInstance(QString serverName, QObject *parent)
    : QObject(parent)
    , m_name(std::move(serverName))
{
    if (m_name.isEmpty())
        m_name = defaultServerName(&m_error);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::socketFolder(QString *why)
{
    // The runtime folder is per user and 0700 by definition; checked anyway, it is only an env variable.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && privateFolderProblem(runtime).isEmpty())
        return runtime;
    // The temporary folder is shared: anyone could have created our folder name first, with a mode or
    // owner that lets them replace the socket or connect to it. Create it private, or use it only if it is.
    const QString folder =
        QDir(QDir::tempPath()).filePath(QStringLiteral("hf-token-manager-%1").arg(::getuid()));
    if (::mkdir(QFile::encodeName(folder).constData(), 0700) != 0 && errno != EEXIST) {
        if (why)
            *why = tr("Could not create the folder %1 for the single-instance socket: %2")
                       .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
        return {};
    }
    const QString problem = privateFolderProblem(folder);
    if (!problem.isEmpty()) {
        if (why)
            *why = problem;
        return {};
    }
    return folder;
}

QString SingleInstance::defaultServerName(QString *why)
{
    const QString folder = socketFolder(why);
    if (folder.isEmpty())
        return {};
    return QDir(folder).filePath(QStringLiteral("hf-token-manager-%1.sock").arg(::getuid()));
}

bool SingleInstance::forwardToRunning(int timeoutMs)
{
    if (m_name.isEmpty())
        return false; // no safe place for the socket: there is nothing to forward to
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
    if (m_name.isEmpty())
        return false; // m_error says why there is no safe folder
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
