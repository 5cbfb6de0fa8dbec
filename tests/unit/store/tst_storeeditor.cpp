// StoreEditor: the store's edits run on a worker thread, one at a time and in the order asked; each job
// finishes exactly once, after the call that started it returned, with the edit's error or result, and
// the store it edits for shows the result by then. A keychain whose calls block its thread for 300 ms
// holds up only the worker: the caller's thread keeps running its timers. An edit waits for the store's
// background import, and the store's file watcher does not take the edit's writes for an outside change.
#include "core/store/FileWatcher.h"
#include "core/store/StoreEditor.h"
#include "support/TestWorld.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;
using namespace std::chrono_literals;

namespace {
constexpr int DeadlineMs = 15000;
}

class TestStoreEditor : public QObject {
    Q_OBJECT

private slots:
    void oneEditorPerStore()
    {
        TestWorld world;
        TokenStore *store = world.store();
        StoreEditor *editor = StoreEditor::of(store);
        QCOMPARE(StoreEditor::of(store), editor);
        QCOMPARE(editor->parent(), store);
        QVERIFY(!editor->isBusy());
    }

    void finishesOnceLaterInOrder()
    {
        TestWorld world;
        TokenStore *store = world.store();
        StoreEditor *editor = StoreEditor::of(store);
        QSignalSpy busy(editor, &StoreEditor::busyChanged);
        QStringList order;
        QHash<QString, int> finishes;
        QHash<QString, Error> errors;
        const auto follow = [&](StoreEditJob *job, const QString &label) {
            connect(job, &StoreEditJob::finished, this, [&, label](StoreEditJob *done) {
                order << label;
                ++finishes[label];
                errors.insert(label, done->error());
            });
            QVERIFY(!job->isFinished()); // never inside the call that started it
        };
        follow(editor->rename(LaptopRead, QStringLiteral("laptop")), QStringLiteral("rename"));
        QVERIFY(editor->isBusy());
        // Asked while the rename may still run: judged on the files it left, so the new name is found.
        follow(editor->switchTo(QStringLiteral("laptop")), QStringLiteral("switch"));
        follow(editor->remove(QStringLiteral("no-such-token")), QStringLiteral("remove"));
        QCOMPARE(order, QStringList()); // nothing finishes inside the calls

        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, DeadlineMs);
        QCOMPARE(order,
                 (QStringList{QStringLiteral("rename"), QStringLiteral("switch"), QStringLiteral("remove")}));
        QVERIFY(!errors.value(QStringLiteral("rename")));
        QVERIFY(!errors.value(QStringLiteral("switch")));
        QCOMPARE(errors.value(QStringLiteral("remove")).code, ErrorCode::NotFound);
        QVERIFY(!editor->isBusy());
        QCOMPARE(busy.count(), 2); // busy once, idle once, for the whole queue
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);

        // The store this editor edits for already shows the results, and they are on disk.
        QVERIFY(store->token(QStringLiteral("laptop")));
        QVERIFY(!store->token(LaptopRead));
        QCOMPARE(store->active().name, QStringLiteral("laptop"));
        QCOMPARE(world.tokenFile(), LaptopReadSecret.toUtf8());
        QVERIFY(world.sectionsOnDisk().contains(QStringLiteral("laptop")));
        QCOMPARE(world.secrets.entries().value(QStringLiteral("laptop")), LaptopReadSecret);
        QVERIFY(!world.secrets.entries().contains(LaptopRead));

        // Each job finished exactly once, even after more turns of the event loop.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        for (const QString &label : order)
            QCOMPARE(finishes.value(label), 1);
    }

    void resultsComeWithTheJob()
    {
        TestWorld world;
        TokenStore *store = world.store();
        StoreEditor *editor = StoreEditor::of(store);
        StoreEditOutcome added;
        StoreEditJob *job = editor->add(QStringLiteral("fresh"), Canary, AddOptions{});
        connect(job, &StoreEditJob::finished, this, [&](StoreEditJob *done) { added = done->outcome(); });
        QTRY_VERIFY_WITH_TIMEOUT(added.record.has_value(), DeadlineMs);
        QVERIFY(!added.error);
        QCOMPARE(added.record->name, QStringLiteral("fresh"));
        QCOMPARE(added.record->masked, store->token(QStringLiteral("fresh"))->masked);

        StoreEditOutcome removed;
        bool removedDone = false;
        job = editor->remove(QStringLiteral("fresh"));
        connect(job, &StoreEditJob::finished, this, [&](StoreEditJob *done) {
            removed = done->outcome();
            removedDone = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removedDone, DeadlineMs);
        QVERIFY(!removed.error);
        QVERIFY(removed.removal.removedFromFiles);
        QVERIFY(removed.removal.removedFromKeychain);
        QVERIFY(!store->token(QStringLiteral("fresh")));
    }

    void failingKeychainIsTheJobsError()
    {
        TestWorld world;
        TokenStore *store = world.store();
        world.secrets.setUnavailable(true);
        int finishes = 0;
        Error error;
        StoreEditJob *job = StoreEditor::of(store)->rename(LaptopRead, QStringLiteral("laptop"));
        connect(job, &StoreEditJob::finished, this, [&](StoreEditJob *done) {
            ++finishes;
            error = done->error();
        });
        QTRY_COMPARE_WITH_TIMEOUT(finishes, 1, DeadlineMs);
        QCOMPARE(error.code, ErrorCode::KeychainUnavailable);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(world.sectionsOnDisk().contains(LaptopRead)); // nothing was changed
        QVERIFY(store->token(LaptopRead));
        QVERIFY(!StoreEditor::of(store)->isBusy());
    }

    void blockingKeychainHoldsUpOnlyTheWorker()
    {
        TestWorld world;
        TokenStore *store = world.store();
        world.secrets.setBlockingLatency(300ms); // every synchronous keychain call blocks its thread
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 longest = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        connect(&ticker, &QTimer::timeout, this, [&] {
            longest = std::max(longest, clock.elapsed() - last);
            last = clock.elapsed();
        });
        ticker.start(10);
        bool done = false;
        connect(StoreEditor::of(store)->rename(LaptopRead, QStringLiteral("laptop")), &StoreEditJob::finished,
                this, [&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, DeadlineMs);
        longest = std::max(longest, clock.elapsed() - last);
        // read, write and remove at 300 ms each took their time on the worker...
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        // ...while this thread never went half of one call's block without its timer (a loaded CI
        // machine may delay a timer by tens of ms; one blocked call would take 300).
        QVERIFY2(longest <= 150, qPrintable(QString::number(longest)));
    }

    void editWaitsForTheBackgroundImport()
    {
        TestWorld world;
        TokenStore *store = world.store();
        const QString secret = QStringLiteral("hf_FAKEhfAddedWhileEditingxxxxxxxxHfAd");
        world.secrets.setLatency(300ms); // the import's keychain copy answers late
        world.env.writeFile(QStringLiteral("stored_tokens"),
                            world.storedTokens() + "\n[hf-added]\nhf_token = " + secret.toUtf8() + "\n");
        QVERIFY(!store->importChanges().isError());
        QVERIFY(store->importPending());
        QSignalSpy imported(store, &TokenStore::importFinished);
        bool importDoneFirst = false;
        bool done = false;
        connect(StoreEditor::of(store)->rename(QStringLiteral("hf-added"), QStringLiteral("renamed")),
                &StoreEditJob::finished, this, [&](StoreEditJob *job) {
                    importDoneFirst = imported.count() == 1;
                    done = !job->error();
                });
        QTRY_VERIFY_WITH_TIMEOUT(done, DeadlineMs);
        QVERIFY(importDoneFirst);
        // The rename started from what the import left: the keychain copy moved with the token.
        QCOMPARE(world.secrets.entries().value(QStringLiteral("renamed")), secret);
        QVERIFY(!world.secrets.entries().contains(QStringLiteral("hf-added")));
        QVERIFY(store->token(QStringLiteral("renamed"))->storage.testFlag(StorageLocation::Keychain));
    }

    void watcherDoesNotReportTheEditsWrites()
    {
        TestWorld world;
        TokenStore *store = world.store();
        store->watchFiles(20);
        QSignalSpy outside(store->fileWatcher(), &FileWatcher::changed);
        world.secrets.setBlockingLatency(100ms); // the edit spans many debounce intervals
        bool done = false;
        connect(StoreEditor::of(store)->rename(LaptopRead, QStringLiteral("laptop")), &StoreEditJob::finished,
                this, [&] { done = true; });
        QVERIFY(store->fileWatcher()->isHeld());
        QTRY_VERIFY_WITH_TIMEOUT(done, DeadlineMs);
        QVERIFY(!store->fileWatcher()->isHeld());
        QVERIFY(store->syncNotes().filter(QStringLiteral("mport")).isEmpty());
        // An outside write afterwards is the first change reported.
        world.env.writeFile(QStringLiteral("stored_tokens"),
                            world.storedTokens() + "\n[from-a-terminal]\nhf_token = " + Canary.toUtf8() +
                                "\n");
        QVERIFY(outside.wait(5000));
        QCOMPARE(outside.count(), 1);
    }
};

QTEST_MAIN(TestStoreEditor)
#include "tst_storeeditor.moc"
