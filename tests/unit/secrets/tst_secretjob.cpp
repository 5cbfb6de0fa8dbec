// The asynchronous keychain contract without any keychain: a job finishes exactly once and never inside
// the call that started it, a deadline beats a late answer (which is then dropped), the blocking form
// runs none of the caller's events while it waits, and the slow fake keychain answers after its latency.
#include "core/secrets/BoundedCaller.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/secrets/SecretJob.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace std::chrono_literals;

class SecretJobTest : public QObject {
    Q_OBJECT

private slots:
    void jobFinishesOnceAndLater()
    {
        auto *job = new SecretJob;
        QPointer<SecretJob> alive(job);
        QSignalSpy finished(job, &SecretJob::finished);
        job->finishLater(Error{}, {{QStringLiteral("a"), QStringLiteral("hf_a")}});
        job->finishLater(makeError(ErrorCode::Keychain, QStringLiteral("second")));
        QCOMPARE(finished.count(), 0); // not inside the call
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QTRY_VERIFY(alive.isNull()); // deleted itself after finishing
        QCOMPARE(finished.count(), 1);
    }

    void startAnswersLaterOnTheCallersThread()
    {
        BoundedCaller caller(5000);
        QObject context;
        int calls = 0;
        bool inTimeSeen = false;
        Qt::HANDLE answeredOn = nullptr;
        QSemaphore workDone;
        caller.start(
            &context, [&workDone] { workDone.release(); },
            [&](bool inTime) {
                ++calls;
                inTimeSeen = inTime;
                answeredOn = QThread::currentThreadId();
            },
            {});
        // Even with the work already done, nothing is answered inside start().
        QVERIFY(workDone.tryAcquire(1, 5000));
        QCOMPARE(calls, 0);
        QTRY_COMPARE(calls, 1);
        QVERIFY(inTimeSeen);
        QCOMPARE(answeredOn, QThread::currentThreadId());
    }

    // The worker answers only after the deadline has fired: the caller hears "timed out" once, the
    // cancel hook runs, and the late answer changes nothing.
    void deadlineBeatsLateAnswer()
    {
        BoundedCaller caller(100);
        QObject context;
        QList<bool> answers;
        int cancels = 0;
        QSemaphore release;
        QSemaphore workEnded;
        caller.start(
            &context,
            [&release, &workEnded] {
                release.acquire(); // held until the test lets go, after the deadline
                workEnded.release();
            },
            [&answers](bool inTime) { answers << inTime; }, [&cancels] { ++cancels; });
        QTRY_COMPARE(answers.size(), 1);
        QCOMPARE(answers.first(), false);
        QCOMPARE(cancels, 1);
        release.release();
        QVERIFY(workEnded.tryAcquire(1, 5000));
        // Whatever the late answer posted has been delivered by the time a later queued event runs.
        bool flushed = false;
        QMetaObject::invokeMethod(
            this, [&flushed] { flushed = true; }, Qt::QueuedConnection);
        QTRY_VERIFY(flushed);
        QCoreApplication::processEvents();
        QCOMPARE(answers, QList<bool>{false});
        QCOMPARE(cancels, 1);
    }

    void destroyedContextIsNeverAnswered()
    {
        BoundedCaller caller(100);
        int calls = 0;
        QSemaphore workEnded;
        auto *context = new QObject;
        caller.start(
            context, [&workEnded] { workEnded.release(); }, [&calls](bool) { ++calls; }, {});
        delete context;
        QVERIFY(workEnded.tryAcquire(1, 5000));
        bool flushed = false;
        QTimer::singleShot(300, this, [&flushed] { flushed = true; }); // past the deadline too
        QTRY_VERIFY(flushed);
        QCOMPARE(calls, 0);
    }

    // The blocking form must not run the caller's queued events while it waits: here the work can only
    // end once the queued event ran, so a nested event loop would let it finish inside run(); without
    // one, run() times out and the event runs afterwards, in order.
    void runDoesNotRunCallerEvents()
    {
        BoundedCaller caller(300);
        auto gate = std::make_shared<QSemaphore>();
        QStringList order;
        bool ran = false;
        QTimer::singleShot(0, this, [&] {
            QMetaObject::invokeMethod(
                this,
                [&order, gate] {
                    order << QStringLiteral("queued event");
                    gate->release();
                },
                Qt::QueuedConnection);
            const bool inTime = caller.run([gate] { gate->acquire(); }, {});
            order << (inTime ? QStringLiteral("run answered") : QStringLiteral("run timed out"));
            ran = true;
        });
        QTRY_VERIFY(ran);
        QTRY_COMPARE(order.size(), 2);
        QCOMPARE(order, (QStringList{QStringLiteral("run timed out"), QStringLiteral("queued event")}));
    }

    void slowFakeKeychainAnswersAfterItsLatency()
    {
        MemorySecretStore store;
        QVERIFY(!store.write(QStringLiteral("a"), QStringLiteral("hf_a")));
        store.setLatency(300ms);
        QCOMPARE(store.latency(), 300ms);
        const int before = store.operationCount();
        QElapsedTimer clock;
        clock.start();
        SecretJob *job = store.readMany({QStringLiteral("a"), QStringLiteral("missing")});
        QSignalSpy finished(job, &SecretJob::finished);
        QCOMPARE(store.pendingRequests(), 1);
        QCOMPARE(store.operationCount(), before); // nothing read yet: it happens when the answer comes
        Error error{ErrorCode::Keychain, {}};
        QHash<QString, Result<QString>> results;
        connect(job, &SecretJob::finished, this, [&](SecretJob *done) {
            error = done->error();
            results = done->results();
        });
        QVERIFY(finished.wait(5000));
        QVERIFY(clock.elapsed() >= 300);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!error);
        QCOMPARE(results.value(QStringLiteral("a"), Error{}).value(), QStringLiteral("hf_a"));
        QCOMPARE(results.value(QStringLiteral("missing"), Error{}).error().code, ErrorCode::NotFound);
        QCOMPARE(store.requestCount(), 1);
        QCOMPARE(store.pendingRequests(), 0);
        QCOMPARE(store.operationCount(), before + 2);

        // Writes take effect when they answer, and an unavailable store says so for the whole request.
        SecretJob *write = store.writeLater(QStringLiteral("b"), QStringLiteral("hf_b"));
        QSignalSpy written(write, &SecretJob::finished);
        QVERIFY(!store.entries().contains(QStringLiteral("b")));
        QVERIFY(written.wait(5000));
        QCOMPARE(store.entries().value(QStringLiteral("b")), QStringLiteral("hf_b"));
        store.setUnavailable(true);
        Error probed;
        SecretJob *probe = store.probeLater();
        connect(probe, &SecretJob::finished, this, [&probed](SecretJob *done) { probed = done->error(); });
        QSignalSpy probeSpy(probe, &SecretJob::finished);
        QVERIFY(probeSpy.wait(5000));
        QCOMPARE(probed.code, ErrorCode::KeychainUnavailable);
    }
};

QTEST_GUILESS_MAIN(SecretJobTest)
#include "tst_secretjob.moc"
