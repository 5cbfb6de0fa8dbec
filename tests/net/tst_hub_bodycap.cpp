// Issue 10 item 12 / checklist row 14: a reply without Content-Length cannot grow memory past the body
// cap. Qt's QNetworkReply reads the socket in its own thread and buffers without limit unless told
// otherwise, so a fast endless body arriving while the program's thread is busy would pile up in memory
// before the cap is ever checked. The server here runs in its own thread (the in-process FakeHub shares
// the test's thread and would stop with it) and counts the bytes the client actually took off the
// socket; while the client's thread is blocked, that count must stay bounded by the read buffer plus
// the kernel's socket buffers, far below what an unbounded Qt buffer swallows.
#include "core/hub/HubClient.h"

#include <QAtomicInteger>
#include <QFile>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace hftm;

namespace {
constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 FloodLimit = 64 * MiB; // what an unbounded buffer takes in while the client is blocked
constexpr qint64 Bound = 8 * MiB;       // read buffer + socket buffers stay far below this

// An HTTP/1.1 server that answers 200 with no Content-Length ("Connection: close") and then writes as
// fast as the client takes the bytes, until FloodLimit or the client hangs up.
class FloodServer : public QThread {
public:
    quint16 port() const { return quint16(m_port.loadAcquire()); }
    bool requestSeen() const { return m_requestSeen.loadAcquire() != 0; }
    qint64 delivered() const { return m_delivered.loadAcquire(); } // written to the socket and flushed
    void go() { m_go.release(); }
    bool waitUntilFlooded(int ms) { return m_flooded.tryAcquire(1, ms); }
    void waitListening() { m_listening.acquire(); }
    void stop()
    {
        m_stop.storeRelease(1);
        m_go.release();
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        m_port.storeRelease(server.serverPort());
        m_listening.release();
        if (!server.waitForNewConnection(30000))
            return;
        QTcpSocket *socket = server.nextPendingConnection();
        QByteArray request;
        while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(30000))
            request += socket->readAll();
        m_requestSeen.storeRelease(1);
        m_go.acquire();
        socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"name\":\"");
        const QByteArray chunk(64 * 1024, 'x');
        qint64 handedOver = 0;
        bool flooded = false;
        while (!m_stop.loadAcquire() && socket->state() == QAbstractSocket::ConnectedState) {
            if (socket->bytesToWrite() < chunk.size()) {
                socket->write(chunk);
                handedOver += chunk.size();
            }
            socket->waitForBytesWritten(50); // returns early as soon as the kernel takes some bytes
            m_delivered.storeRelease(handedOver - socket->bytesToWrite());
            if (!flooded && m_delivered.loadAcquire() >= FloodLimit) {
                flooded = true;
                m_flooded.release();
            }
        }
        socket->abort();
    }

private:
    QAtomicInteger<int> m_port{0};
    QAtomicInteger<int> m_requestSeen{0};
    QAtomicInteger<int> m_stop{0};
    QAtomicInteger<qint64> m_delivered{0};
    QSemaphore m_listening, m_go, m_flooded;
};

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("VmRSS:\\s+(\\d+) kB"))
                                          .match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLongLong() * 1024 : -1;
}
} // namespace

class TestHubBodyCap : public QObject {
    Q_OBJECT

private slots:
    void endlessBodyStaysBoundedWhileTheClientIsBusy()
    {
        FloodServer server;
        server.start();
        server.waitListening();
        QVERIFY(server.port() != 0);

        HubClient client;
        client.setTimeoutMs(60000); // the deadline must not be what ends this
        HubReply *reply =
            client.get(QStringLiteral("http://127.0.0.1:%1").arg(server.port()),
                       QStringLiteral("/api/whoami-v2"), QStringLiteral("hf_BodyCapTestTokenFAKE"));
        QSignalSpy finished(reply, &HubReply::finished);
        QTRY_VERIFY_WITH_TIMEOUT(server.requestSeen(), 20000); // the request went out; no byte came back yet

        const qint64 rssBefore = residentBytes();
        server.go();
        // This thread is now busy (blocked) and reads nothing, like a CLI waiting on something else.
        const bool flooded = server.waitUntilFlooded(3000);
        const qint64 takenWhileBusy = server.delivered();
        const qint64 rssGrowth = residentBytes() - rssBefore;
        qInfo("while busy the client took %lld bytes off the socket (%.1f MiB); RSS grew by %.1f MiB",
              takenWhileBusy, double(takenWhileBusy) / MiB, double(rssGrowth) / MiB);

        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        const qint64 takenInAll = server.delivered();
        server.stop();
        server.wait();
        qInfo("in all the client took %lld bytes (cap %lld)", takenInAll, client.maxBodyBytes());

        QVERIFY2(!flooded, "the client buffered an endless body without limit while it was busy");
        QVERIFY2(takenWhileBusy < Bound, qPrintable(QString::number(takenWhileBusy)));
        QCOMPARE(reply->response().error, TransportError::TooLarge);
        QVERIFY(reply->response().body.isEmpty());
        QVERIFY2(takenInAll < client.maxBodyBytes() + Bound, qPrintable(QString::number(takenInAll)));
        delete reply;
    }
};

QTEST_GUILESS_MAIN(TestHubBodyCap)
#include "tst_hub_bodycap.moc"
