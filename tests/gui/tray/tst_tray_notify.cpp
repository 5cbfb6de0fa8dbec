// Notifications are told once: the active token turning invalid once per failure, and "expires in N
// days" once per token and day — across repeated timer ticks and across a restart (new objects over the
// same config folder) — and again the next day. Widgets-free: links hftm_core only.
#include "core/notify/ExpiryNotifier.h"
#include "core/notify/NotificationLog.h"
#include "core/notify/TokenHealth.h"
#include "support/TestWorld.h"

#include <QFile>
#include <QSignalSpy>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

class TestTrayNotify : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_world->setWarningDays(7);
    }
    void cleanup() { m_world.reset(); }

    void health_data()
    {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("expiresInHours"); // 0: no expiry known
        QTest::addColumn<int>("warningDays");
        QTest::addColumn<int>("expected");
        QTest::newRow("never checked")
            << int(TokenStatus::Unchecked) << 0 << 7 << int(TokenHealth::Unchecked);
        QTest::newRow("valid, no expiry") << int(TokenStatus::Valid) << 0 << 7 << int(TokenHealth::Valid);
        QTest::newRow("valid, 8 days") << int(TokenStatus::Valid) << 8 * 24 << 7 << int(TokenHealth::Valid);
        QTest::newRow("valid, exactly 7 days")
            << int(TokenStatus::Valid) << 7 * 24 << 7 << int(TokenHealth::Valid);
        QTest::newRow("valid, 6 days")
            << int(TokenStatus::Valid) << 6 * 24 << 7 << int(TokenHealth::Expiring);
        QTest::newRow("valid, 1 hour") << int(TokenStatus::Valid) << 1 << 7 << int(TokenHealth::Expiring);
        QTest::newRow("warnings off") << int(TokenStatus::Valid) << 1 << 0 << int(TokenHealth::Valid);
        QTest::newRow("past its date") << int(TokenStatus::Valid) << -1 << 7 << int(TokenHealth::Invalid);
        QTest::newRow("hub says invalid") << int(TokenStatus::Invalid) << 0 << 7 << int(TokenHealth::Invalid);
        QTest::newRow("hub says expired") << int(TokenStatus::Expired) << 0 << 7 << int(TokenHealth::Invalid);
    }

    void health()
    {
        QFETCH(int, verdict);
        QFETCH(int, expiresInHours);
        QFETCH(int, warningDays);
        QFETCH(int, expected);
        TokenRecord record;
        record.check.verdict = TokenStatus(verdict);
        if (expiresInHours) {
            WhoamiInfo whoami;
            whoami.expiresAt = m_world->now.addSecs(qint64(expiresInHours) * 3600);
            record.check.whoami = whoami;
        }
        QCOMPARE(int(tokenHealth(record, m_world->now, warningDays)), expected);
        QCOMPARE(daysLeft(m_world->now.addSecs(30 * 3600), m_world->now), 1);
    }

    void activeTurningInvalidIsToldOncePerFailure()
    {
        m_world->recordVerdict(CiWrite, TokenStatus::Valid);
        ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
        QSignalSpy spy(&notifier, &ExpiryNotifier::notify);
        notifier.evaluate();
        QCOMPARE(spy.count(), 0);
        m_world->recordVerdict(CiWrite, TokenStatus::Invalid);
        notifier.evaluate();
        notifier.evaluate();
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).at(1).toString().contains(CiWrite));
        QCOMPARE(spy.at(0).at(2).toBool(), true);
        { // a restart the same day, and a later day while still invalid: not told again
            ExpiryNotifier restarted(m_world->store(), logPath(), m_world->clock());
            QSignalSpy again(&restarted, &ExpiryNotifier::notify);
            restarted.evaluate();
            m_world->now = m_world->now.addDays(1);
            restarted.evaluate();
            QCOMPARE(again.count(), 0);
        }
        // Valid again, then a new failure: that is news.
        m_world->recordVerdict(CiWrite, TokenStatus::Valid);
        notifier.evaluate();
        m_world->recordVerdict(CiWrite, TokenStatus::Expired);
        notifier.evaluate();
        QCOMPARE(spy.count(), 2);
        QVERIFY(spy.at(1).at(1).toString().contains(QStringLiteral("expired")));
    }

    void inactiveOrEnvTokensDoNotRaiseTheActiveAlarm()
    {
        m_world->recordVerdict(BobFine, TokenStatus::Invalid);
        ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
        QSignalSpy spy(&notifier, &ExpiryNotifier::notify);
        notifier.evaluate();
        QCOMPARE(spy.count(), 0);
    }

    void expiryIsToldOncePerTokenAndDayAcrossTicksAndRestarts()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(6));
        int told = 0;
        {
            ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
            QSignalSpy spy(&notifier, &ExpiryNotifier::notify);
            // The integration's timer, ticking fast: many evaluations, one notification.
            QTimer tick;
            int ticks = 0;
            connect(&tick, &QTimer::timeout, &notifier, [&] {
                notifier.evaluate();
                ++ticks;
            });
            tick.start(2);
            QTRY_VERIFY(ticks >= 20);
            tick.stop();
            QCOMPARE(spy.count(), 1);
            QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("Token expires soon"));
            QVERIFY(spy.at(0).at(1).toString().contains(
                QStringLiteral("\u201Claptop-read\u201D expires in 6 days")));
            QCOMPARE(spy.at(0).at(2).toBool(), false);
            told += int(spy.count());
        }
        { // A restart later the same day: remembered on disk.
            m_world->now = m_world->now.addSecs(3 * 3600);
            ExpiryNotifier restarted(m_world->store(), logPath(), m_world->clock());
            QSignalSpy spy(&restarted, &ExpiryNotifier::notify);
            restarted.evaluate();
            QCOMPARE(spy.count(), 0);
            // The next day: told again (once), with the new count of days (4 days 21 h left).
            m_world->now = m_world->now.addDays(1);
            restarted.evaluate();
            restarted.evaluate();
            QCOMPARE(spy.count(), 1);
            QVERIFY(spy.at(0).at(1).toString().contains(QStringLiteral("expires in 4 days")));
            told += int(spy.count());
        }
        QCOMPARE(told, 2);
    }

    void severalExpiringTokensMakeOneNotification()
    {
        for (const QString &name : {CiWrite, LaptopRead, BobFine})
            m_world->recordVerdict(name, TokenStatus::Valid, QStringLiteral("alice-example"),
                                   QStringLiteral("read"), m_world->now.addDays(name == BobFine ? 2 : 5));
        ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
        QSignalSpy spy(&notifier, &ExpiryNotifier::notify);
        notifier.evaluate();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("3 tokens expire soon"));
        QVERIFY(spy.at(0).at(1).toString().contains(QStringLiteral("The first expires in 2 days")));
        notifier.evaluate();
        QCOMPARE(spy.count(), 1);
    }

    void warningWindowFollowsTheSetting()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(10));
        ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
        QSignalSpy spy(&notifier, &ExpiryNotifier::notify);
        notifier.evaluate();
        QCOMPARE(spy.count(), 0);
        m_world->setWarningDays(14);
        notifier.evaluate();
        QCOMPARE(spy.count(), 1);
    }

    void logIsPrivateAndHoldsNoSecret()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(3));
        ExpiryNotifier notifier(m_world->store(), logPath(), m_world->clock());
        notifier.evaluate();
        QFile file(logPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("expiry:laptop-read"));
        for (const QString &secret : AllSecrets)
            QVERIFY(!bytes.contains(secret.toUtf8()));
        QCOMPARE(file.permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        // A damaged log is an empty one: a notice may repeat, nothing breaks.
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{not json");
        file.close();
        NotificationLog log(logPath());
        log.load();
        QCOMPARE(log.size(), 0);
    }

    void oldEntriesArePruned()
    {
        NotificationLog log(logPath());
        log.markTold(QStringLiteral("expiry:old"), QDate(2026, 1, 1));
        log.markTold(QStringLiteral("expiry:new"), QDate(2026, 6, 30));
        log.prune(QDate(2026, 7, 1));
        QVERIFY(!log.toldEver(QStringLiteral("expiry:old")));
        QVERIFY(log.toldOn(QStringLiteral("expiry:new"), QDate(2026, 6, 30)));
    }

private:
    QString logPath() const { return NotificationLog::defaultPath(m_world->env.configDir()); }
    std::unique_ptr<TestWorld> m_world;
};

QTEST_GUILESS_MAIN(TestTrayNotify)
#include "tst_tray_notify.moc"
