// A second launch brings the running instance forward instead of starting another: real processes,
// a real local socket. The socket only its owner can use (checklist row 22), and a socket left behind
// by a crashed instance does not block the next start.
#include "ui/tray/SingleInstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {
const QString Helper = QStringLiteral(HFTM_SINGLE_INSTANCE_HELPER);
} // namespace

class TestTraySingleInstance : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_socket = m_dir.filePath(QStringLiteral("instance.sock"));
        m_primaryOut.clear();
    }

    void cleanup()
    {
        if (m_primary && m_primary->state() != QProcess::NotRunning) {
            m_primary->kill();
            m_primary->waitForFinished(5000);
        }
        m_primary.reset();
        QFile::remove(m_socket);
    }

    void secondLaunchHandsOverAndExits()
    {
        startPrimary();
        QElapsedTimer timer;
        timer.start();
        QProcess second;
        second.start(Helper, {m_socket});
        QVERIFY(second.waitForFinished(10000));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(second.readAllStandardOutput(), QByteArray("forwarded\n"));
        QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
        QTRY_VERIFY(m_primaryOut.append(m_primary->readAllStandardOutput()).contains("show\n"));
        QCOMPARE(m_primary->state(), QProcess::Running);
        qInfo("second launch handed over and exited in %lld ms", elapsed);
    }

    void aRequestDuringStartUpIsKeptUntilSomeoneListens()
    {
        startPrimary({QStringLiteral("late")});
        QProcess second;
        second.start(Helper, {m_socket});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(second.readAllStandardOutput(), QByteArray("forwarded\n"));
        QVERIFY(!m_primaryOut.append(m_primary->readAllStandardOutput()).contains("show"));
        m_primary->write("connect\n"); // main() finished building the window and connects now
        QTRY_VERIFY(m_primaryOut.append(m_primary->readAllStandardOutput()).contains("show\n"));
    }

    void socketIsReachableByItsOwnerOnly()
    {
        startPrimary();
        struct stat info {};
        QCOMPARE(::lstat(QFile::encodeName(m_socket).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_uid, ::getuid());
        QCOMPARE(int(info.st_mode & (S_IRWXG | S_IRWXO)), 0);
    }

    void staleSocketOfACrashedInstanceIsReplaced()
    {
        startPrimary();
        m_primary->kill(); // no chance to clean up: the socket file stays
        QVERIFY(m_primary->waitForFinished(5000));
        QVERIFY(QFileInfo::exists(m_socket));
        m_primaryOut.clear();
        startPrimary();
    }

    void garbageFromAPeerIsIgnored()
    {
        startPrimary();
        QLocalSocket peer;
        peer.connectToServer(m_socket);
        QVERIFY(peer.waitForConnected(5000));
        peer.write(QByteArray(200, 'x'));
        QVERIFY(peer.waitForBytesWritten(5000));
        QTRY_COMPARE(peer.state(), QLocalSocket::UnconnectedState);
        QVERIFY(!m_primaryOut.append(m_primary->readAllStandardOutput()).contains("show"));
        QCOMPARE(m_primary->state(), QProcess::Running);
    }

    void defaultNameIsPerUserInTheRuntimeFolder()
    {
        const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
        const QString name = hftm::SingleInstance::defaultServerName();
        qputenv("XDG_RUNTIME_DIR", saved);
        QCOMPARE(name, m_dir.filePath(QStringLiteral("hf-token-manager-%1.sock").arg(::getuid())));
    }

private:
    void startPrimary(const QStringList &extra = {})
    {
        m_primary = std::make_unique<QProcess>();
        m_primary->start(Helper, QStringList{m_socket} + extra);
        QVERIFY(m_primary->waitForStarted(5000));
        QTRY_VERIFY(m_primaryOut.append(m_primary->readAllStandardOutput()).startsWith("primary "));
    }

    QTemporaryDir m_dir;
    QString m_socket;
    std::unique_ptr<QProcess> m_primary;
    QByteArray m_primaryOut;
};

QTEST_GUILESS_MAIN(TestTraySingleInstance)
#include "tst_tray_singleinstance.moc"
