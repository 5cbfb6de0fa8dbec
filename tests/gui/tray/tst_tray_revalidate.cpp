// Background revalidation against the fake Hub over real sockets: the interval timer starts runs, a
// run in progress is never duplicated, answers are recorded, network errors never make a token invalid,
// the network coming back triggers a run, and a cancel of the shared validator does not leave it stuck.
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "support/FakeHub.h"
#include "support/TestWorld.h"
#include "ui/tray/Revalidator.h"
#include "ui/tray/TrayController.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;
using namespace std::chrono_literals;

namespace {
const QString Whoami = QStringLiteral("/api/whoami-v2");
}

class TestTrayRevalidate : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(CiWriteSecret, QStringLiteral("whoami_write_token.json"));
        m_hub->addToken(LaptopReadSecret, QStringLiteral("whoami_read_token.json"));
        // The three other fixture tokens are unknown to this Hub: 401, invalid.
        Settings settings = m_world->store()->settings();
        settings.endpoint = m_hub->endpoint();
        QVERIFY(!m_world->store()->saveSettings(settings));
        m_client = std::make_unique<HubClient>();
        m_validator = std::make_unique<TokenValidator>(m_client.get());
    }
    void cleanup()
    {
        m_validator.reset();
        m_client.reset();
        m_hub.reset();
        m_world.reset();
    }

    void intervalTimerRunsChecksAndRecordsThem()
    {
        Revalidator revalidator(m_world->store(), m_validator.get());
        QSignalSpy finished(&revalidator, &Revalidator::finished);
        revalidator.setIntervalOverride(30ms);
        QVERIFY(revalidator.isTimerActive());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toInt(), 5);
        QCOMPARE(m_hub->requestCount(Whoami), 5);
        const TokenRecord ci = *m_world->store()->token(CiWrite);
        QCOMPARE(ci.check.verdict, TokenStatus::Valid);
        QCOMPARE(ci.user(), QStringLiteral("alice-example"));
        QCOMPARE(ci.role(), QStringLiteral("write"));
        QCOMPARE(m_world->store()->token(BobFine)->check.verdict, TokenStatus::Invalid);
        // And it keeps going on its own.
        QTRY_VERIFY_WITH_TIMEOUT(revalidator.runsStarted() >= 2, 5000);
    }

    void intervalComesFromTheSettings()
    {
        Revalidator revalidator(m_world->store(), m_validator.get());
        revalidator.start();
        QCOMPARE(revalidator.interval(), std::chrono::milliseconds(6h));
        Settings settings = m_world->store()->settings();
        settings.revalidateIntervalHours = 2;
        QVERIFY(!m_world->store()->saveSettings(settings));
        QCOMPARE(revalidator.interval(), std::chrono::milliseconds(2h));
        QVERIFY(revalidator.isTimerActive());
    }

    void aRunInProgressIsNotDuplicated()
    {
        m_hub->setLatencyMs(300);
        Revalidator revalidator(m_world->store(), m_validator.get());
        QSignalSpy finished(&revalidator, &Revalidator::finished);
        QVERIFY(revalidator.runNow());
        QVERIFY(revalidator.isRunning());
        QVERIFY(!revalidator.runNow());        // "Validate all" clicked again
        revalidator.setIntervalOverride(10ms); // and the timer firing meanwhile
        QTRY_VERIFY(m_hub->inFlight() > 0);
        // Keep asking while the slow Hub holds the run: every request is refused.
        int refused = 0;
        QTimer asker;
        connect(&asker, &QTimer::timeout, this, [&] {
            if (revalidator.isRunning() && !revalidator.runNow())
                ++refused;
        });
        asker.start(5);
        QTRY_VERIFY(refused >= 5);
        asker.stop();
        revalidator.setIntervalOverride(1h);
        QCOMPARE(revalidator.runsStarted(), 1);
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_hub->requestCount(Whoami), 5);
        QVERIFY(m_hub->maxInFlight() <= 5);
    }

    void networkErrorsNeverMakeATokenInvalid()
    {
        Revalidator revalidator(m_world->store(), m_validator.get());
        QSignalSpy finished(&revalidator, &Revalidator::finished);
        QVERIFY(revalidator.runNow());
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_world->store()->token(CiWrite)->check.verdict, TokenStatus::Valid);
        TrayController tray(m_world->store(), m_world->clock());
        QCOMPARE(tray.trayState(), TrayState::Valid);

        m_hub->failNext(503, {}, "upstream down", 100);
        QVERIFY(revalidator.runNow());
        QVERIFY(finished.wait(5000));
        const TokenRecord ci = *m_world->store()->token(CiWrite);
        QCOMPARE(ci.check.status, TokenStatus::Unreachable);
        QCOMPARE(ci.check.verdict, TokenStatus::Valid);
        QCOMPARE(tray.trayState(), TrayState::Valid);

        m_hub.reset(); // the Hub is gone altogether: connection refused
        QVERIFY(revalidator.runNow());
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_world->store()->token(CiWrite)->check.verdict, TokenStatus::Valid);
        QCOMPARE(tray.trayState(), TrayState::Valid);
    }

    void networkComingBackTriggersARun()
    {
        Revalidator revalidator(m_world->store(), m_validator.get());
        revalidator.setReconnectDelay(0ms);
        QSignalSpy started(&revalidator, &Revalidator::started);
        revalidator.onNetworkReturned();
        revalidator.onNetworkReturned(); // flapping: still one run
        QVERIFY(started.wait(2000));
        QTRY_COMPARE(m_hub->requestCount(Whoami), 5);
        QCOMPARE(started.count(), 1);
    }

    void startCatchesUpOnlyWhenChecksAreStale()
    {
        {
            Revalidator revalidator(m_world->store(), m_validator.get());
            revalidator.setClock(m_world->clock());
            QSignalSpy started(&revalidator, &Revalidator::started);
            revalidator.start(0ms); // never checked: stale
            QVERIFY(started.wait(2000));
            QSignalSpy finished(&revalidator, &Revalidator::finished);
            QVERIFY(finished.wait(5000));
        }
        m_hub->resetStats();
        Revalidator fresh(m_world->store(), m_validator.get());
        fresh.setClock([] { return QDateTime::currentDateTimeUtc(); }); // checks were just recorded
        fresh.start(0ms);
        QCoreApplication::processEvents();
        QCOMPARE(fresh.runsStarted(), 0);
        QCOMPARE(m_hub->requestCount(Whoami), 0);
    }

    void cancellingTheSharedValidatorEndsTheRun()
    {
        m_hub->setLatencyMs(2000);
        Revalidator revalidator(m_world->store(), m_validator.get());
        QSignalSpy finished(&revalidator, &Revalidator::finished);
        QVERIFY(revalidator.runNow());
        QTRY_VERIFY(m_hub->inFlight() > 0);
        m_validator->cancel(); // the window's Cancel
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!revalidator.isRunning());
        QVERIFY(revalidator.runNow());
    }

private:
    std::unique_ptr<TestWorld> m_world;
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<TokenValidator> m_validator;
};

QTEST_MAIN(TestTrayRevalidate)
#include "tst_tray_revalidate.moc"
