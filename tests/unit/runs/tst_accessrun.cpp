// AccessRun over real files, a slow fake keychain (300 ms a request) and the fake Hub on 127.0.0.1:
// every cell answered and finished() exactly once whatever answers first, the final progress always
// sent, and a cancel while the keychain is still answering ends the run with nothing sent afterwards.
#include "unit/runs/RunWorld.h"

#include "core/access/WatchList.h"
#include "core/runs/AccessRun.h"

#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
QList<AccessRun::Target> targetsFor(const QStringList &names, const QList<RepoRef> &repos)
{
    QList<AccessRun::Target> targets;
    for (const RepoRef &repo : repos) {
        for (const QString &name : names)
            targets.append({repo, name});
    }
    return targets;
}

void drain()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
}
} // namespace

class TestAccessRun : public QObject {
    Q_OBJECT

private:
    QList<RepoRef> addRepos(RunWorld &world)
    {
        world.hub.addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
        world.hub.addRepo(RepoRef::Dataset, QStringLiteral("example-org/open-data"));
        return {*RepoRef::parse(QStringLiteral("example-org/tiny-demo-gpt")),
                *RepoRef::parse(QStringLiteral("datasets/example-org/open-data"))};
    }

private slots:
    void everyCellAnsweredAndFinishedOnce_data()
    {
        QTest::addColumn<int>("count");
        for (int count : {1, 9, 17})
            QTest::addRow("%d tokens", count) << count;
    }
    void everyCellAnsweredAndFinishedOnce()
    {
        QFETCH(int, count);
        RunWorld world;
        QVERIFY(world.setUp(count));
        const QList<RepoRef> repos = addRepos(world);
        world.keychain.setLatencyMs(300);
        AccessRun run(world.store.get(), &world.client);
        QSignalSpy started(&run, &AccessRun::cellStarted);
        QSignalSpy answered(&run, &AccessRun::cellAnswered);
        QSignalSpy progress(&run, &AccessRun::progress);
        QSignalSpy finished(&run, &AccessRun::finished);
        run.run(targetsFor(world.names, repos));
        QCOMPARE(started.count(), 2 * count); // every cell shows "checking" at once
        QCOMPARE(answered.count(), 0);        // and nothing is answered inside run()
        QVERIFY(run.isRunning());
        QVERIFY(finished.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(world.hub.inFlight() == 0, 10000);
        drain();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(answered.count(), 2 * count);
        for (const QList<QVariant> &cell : std::as_const(answered))
            QCOMPARE(cell.at(2).value<RepoAccessResult>().state, RepoAccessResult::State::Readable);
        QCOMPARE(progress.last(), (QVariantList{2 * count, 2 * count}));
        QVERIFY(!run.isRunning());
    }

    void aMissingSecretIsAnErrorCell()
    {
        RunWorld world;
        QVERIFY(world.setUp(3));
        const QList<RepoRef> repos = addRepos(world);
        QVERIFY(!world.keychain.memory().remove(world.names.at(1)));
        AccessRun run(world.store.get(), &world.client);
        QSignalSpy answered(&run, &AccessRun::cellAnswered);
        QSignalSpy finished(&run, &AccessRun::finished);
        run.run(targetsFor(world.names, repos));
        QVERIFY(finished.wait(20000));
        drain();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(answered.count(), 6);
        int errors = 0;
        for (const QList<QVariant> &cell : std::as_const(answered)) {
            const RepoAccessResult result = cell.at(2).value<RepoAccessResult>();
            if (cell.at(1).toString() == world.names.at(1)) {
                QCOMPARE(result.state, RepoAccessResult::State::Error);
                QVERIFY(result.explanation.contains(QLatin1String("Could not read")));
                ++errors;
            }
        }
        QCOMPARE(errors, 2);
        for (const RecordedRequest &request : world.hub.requests())
            QVERIFY(request.header("authorization") != "Bearer " + RunWorld::secretOf(1).toUtf8());
    }

    void cancelWhileTheKeychainAnswersSendsNothing()
    {
        RunWorld world;
        QVERIFY(world.setUp(9));
        const QList<RepoRef> repos = addRepos(world);
        world.keychain.setLatencyMs(300);
        AccessRun run(world.store.get(), &world.client);
        QSignalSpy answered(&run, &AccessRun::cellAnswered);
        QSignalSpy cancelled(&run, &AccessRun::cellCancelled);
        QSignalSpy finished(&run, &AccessRun::finished);
        run.run(targetsFor(world.names, repos));
        run.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(cancelled.count(), 18);
        QVERIFY(!run.isRunning());
        // The keychain's late answer changes nothing and sends nothing.
        QVERIFY(!answered.wait(1000));
        drain();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(world.hub.requestCount(), 0);
        // And the next run goes through.
        world.keychain.setLatencyMs(0);
        run.run(targetsFor(world.names, repos));
        QVERIFY(finished.wait(20000));
        QCOMPARE(answered.count(), 18);
    }
};

QTEST_GUILESS_MAIN(TestAccessRun)
#include "tst_accessrun.moc"
