// CheckRun over real files, a slow fake keychain (300 ms a request) and the fake Hub on 127.0.0.1:
// finished() exactly once whatever answers first (the old runner emitted it twice for 9, 17, 25… tokens),
// every answer recorded with the time the Hub gave it in exactly one write of tokens.json, network
// errors never a verdict, cancel stopping only its own run on a shared validator, and progress coalesced.
#include "unit/runs/RunWorld.h"

#include "core/runs/CheckRun.h"
#include "support/MetadataWrites.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString Whoami = QStringLiteral("/api/whoami-v2");

CheckSummary summaryOf(const QSignalSpy &finished)
{
    return finished.first().first().value<CheckSummary>();
}

// Lets everything still queued run (late answers, a second finished()), without waiting on a clock.
void drain(const RunWorld &world, int requests)
{
    QTRY_VERIFY_WITH_TIMEOUT(world.hub.requestCount(Whoami) >= requests && world.hub.inFlight() == 0 &&
                                 !world.validator->isRunning(),
                             20000);
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}
} // namespace

class TestCheckRun : public QObject {
    Q_OBJECT

private slots:
    void finishedOnceAndEveryTokenRecorded_data()
    {
        QTest::addColumn<int>("count");
        for (int count : {1, 9, 17, 25})
            QTest::addRow("%d tokens", count) << count;
    }
    void finishedOnceAndEveryTokenRecorded()
    {
        QFETCH(int, count);
        RunWorld world;
        QVERIFY(world.setUp(count));
        world.keychain.setLatencyMs(300); // slower than the Hub on loopback
        world.hub.setLatencyMs(20);
        world.keychain.resetCounts();
        MetadataWrites writes(world.metadataPath());
        QVERIFY(writes.isValid());

        CheckRun run(world.store.get(), world.validator.get());
        QSignalSpy finished(&run, &CheckRun::finished);
        QSignalSpy results(&run, &CheckRun::result);
        QVERIFY(run.start(world.names));
        QCOMPARE(finished.count(), 0); // never inside start()
        QVERIFY(finished.wait(60000));
        drain(world, count);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!run.isRunning());

        const CheckSummary summary = summaryOf(finished);
        QCOMPARE(summary.total(), count);
        QCOMPARE(int(summary.results.size()), count);
        QVERIFY(summary.unread.isEmpty());
        QVERIFY(!summary.cancelled);
        QVERIFY(!summary.recordError);
        QCOMPARE(results.count(), count);
        QCOMPARE(world.hub.requestCount(Whoami), count);
        QVERIFY(world.hub.maxInFlight() <= world.validator->maxConcurrentPerHost()); // 6 connections at most
        QCOMPARE(writes.count(), 1);
        QCOMPARE(world.keychain.bulkReads(), 1); // every secret in one request
        QCOMPARE(world.keychain.reads(), 0);
        for (const QString &name : std::as_const(world.names)) {
            const TokenRecord record = *world.store->token(name);
            QCOMPARE(record.check.status, TokenStatus::Valid);
            QCOMPARE(record.check.verdict, TokenStatus::Valid);
            QCOMPARE(record.user(), QStringLiteral("alice-example"));
            // Stamped with the time the Hub's answer was taken (the client's clock, an hour behind).
            QCOMPARE(record.check.checkedAt, summary.results.value(name).checkedAt);
            QVERIFY(record.check.checkedAt < QDateTime::currentDateTimeUtc().addSecs(-3000));
        }
    }

    void networkErrorsKeepTheVerdictInOneWrite()
    {
        RunWorld world;
        QVERIFY(world.setUp(7));
        CheckRun run(world.store.get(), world.validator.get());
        QSignalSpy finished(&run, &CheckRun::finished);
        QVERIFY(run.start(world.names));
        QVERIFY(finished.wait(20000));

        world.hub.failNext(503, {}, "upstream down", 7);
        MetadataWrites writes(world.metadataPath());
        QVERIFY(run.start(world.names));
        QVERIFY(finished.wait(20000));
        drain(world, 14);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(writes.count(), 1);
        for (const QString &name : std::as_const(world.names)) {
            const TokenRecord record = *world.store->token(name);
            QCOMPARE(record.check.status, TokenStatus::Unreachable);
            QCOMPARE(record.check.verdict, TokenStatus::Valid);
        }
    }

    void aMissingSecretStillFinishesOnce()
    {
        RunWorld world;
        QVERIFY(world.setUp(9));
        world.keychain.setLatencyMs(300);
        const QString gone = world.names.at(4);
        QVERIFY(!world.keychain.memory().remove(gone));
        MetadataWrites writes(world.metadataPath());
        CheckRun run(world.store.get(), world.validator.get());
        QSignalSpy finished(&run, &CheckRun::finished);
        QVERIFY(run.start(world.names));
        QVERIFY(finished.wait(60000));
        drain(world, 8);
        QCOMPARE(finished.count(), 1);
        const CheckSummary summary = summaryOf(finished);
        QCOMPARE(summary.unread.keys(), QStringList{gone});
        QCOMPARE(int(summary.results.size()), 8);
        QCOMPARE(summary.problems().size(), 1);
        QVERIFY(summary.problems().first().startsWith(gone + QLatin1Char(':')));
        QCOMPARE(world.hub.requestCount(Whoami), 8);
        QCOMPARE(writes.count(), 1);
        QCOMPARE(world.store->token(gone)->check.status, TokenStatus::Unchecked);
        QCOMPARE(world.store->token(world.names.at(5))->check.status, TokenStatus::Valid);
    }

    void noNamesFinishOnceLaterWithoutAWrite()
    {
        RunWorld world;
        QVERIFY(world.setUp(3));
        MetadataWrites writes(world.metadataPath());
        CheckRun run(world.store.get(), world.validator.get());
        QSignalSpy finished(&run, &CheckRun::finished);
        QSignalSpy progress(&run, &CheckRun::progress);
        QVERIFY(run.start({}));
        QVERIFY(run.isRunning());
        QVERIFY(!run.start(world.names)); // one run at a time
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(5000));
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(summaryOf(finished).total(), 0);
        QCOMPARE(progress.last(), (QVariantList{0, 0}));
        QCOMPARE(writes.count(), 0);
        QCOMPARE(world.hub.requestCount(), 0);
    }

    void cancelStopsOnlyThatRun()
    {
        RunWorld world;
        QVERIFY(world.setUp(10));
        world.hub.setLatencyMs(300);
        const QStringList mine = world.names.mid(0, 5);
        const QStringList theirs = world.names.mid(5);
        CheckRun cancelled(world.store.get(), world.validator.get());
        CheckRun other(world.store.get(), world.validator.get()); // e.g. the tray's, same validator
        QSignalSpy cancelledDone(&cancelled, &CheckRun::finished);
        QSignalSpy otherDone(&other, &CheckRun::finished);
        QVERIFY(cancelled.start(mine));
        QVERIFY(other.start(theirs));
        QTRY_VERIFY_WITH_TIMEOUT(world.hub.inFlight() > 0, 10000);

        cancelled.cancel();
        QCOMPARE(cancelledDone.count(), 1); // before cancel() returns
        QVERIFY(summaryOf(cancelledDone).cancelled);
        QVERIFY(!cancelled.isRunning());

        QVERIFY(otherDone.wait(20000));
        drain(world, 0);
        QCOMPARE(otherDone.count(), 1);
        QCOMPARE(cancelledDone.count(), 1);
        const CheckSummary summary = summaryOf(otherDone);
        QVERIFY(!summary.cancelled);
        QCOMPARE(int(summary.results.size()), 5);
        for (const QString &name : theirs)
            QCOMPARE(world.store->token(name)->check.status, TokenStatus::Valid);
        // The cancelled run's answers were dropped unanswered (the Hub is slower than the cancel).
        for (const QString &name : mine)
            QCOMPARE(world.store->token(name)->check.status, TokenStatus::Unchecked);

        // The shared validator is not left stuck: the cancelled run starts again and finishes.
        world.hub.setLatencyMs(0);
        QVERIFY(cancelled.start(mine));
        QVERIFY(cancelledDone.wait(20000));
        QCOMPARE(int(summaryOf(cancelledDone).results.size()), 0); // first() is the cancelled one
        QCOMPARE(int(cancelledDone.last().first().value<CheckSummary>().results.size()), 5);
    }

    void progressIsCoalesced()
    {
        RunWorld world;
        QVERIFY(world.setUp(200));
        CheckRun run(world.store.get(), world.validator.get());
        QSignalSpy finished(&run, &CheckRun::finished);
        QSignalSpy progress(&run, &CheckRun::progress);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(run.start(world.names));
        QVERIFY(finished.wait(60000));
        const qint64 ms = clock.elapsed();
        const int bound = int(std::ceil(double(ms) / 100.0)) + 2;
        qInfo("200 tokens: %lld ms, %d progress reports (at most %d)", ms, int(progress.count()), bound);
        QVERIFY(progress.count() >= 1);
        QVERIFY2(progress.count() <= bound, qPrintable(QString::number(progress.count())));
        QCOMPARE(progress.last(), (QVariantList{200, 200})); // the final count always arrives
        QCOMPARE(int(summaryOf(finished).results.size()), 200);
    }
};

QTEST_GUILESS_MAIN(TestCheckRun)
#include "tst_checkrun.moc"
