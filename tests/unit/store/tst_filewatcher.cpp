// The store's own file watcher (core/store/FileWatcher) over a real scratch HF_HOME: the store's own
// writes are not reported, a change another program makes is reported exactly once and imported.
#include "core/store/FileWatcher.h"
#include "support/TestWorld.h"

#include <QSaveFile>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
constexpr int DebounceMs = 50;
// Long enough for the burst of a write to settle and be judged several times over.
constexpr int QuietMs = 10 * DebounceMs;
constexpr int ChangeDeadlineMs = 5000;

void replaceAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    QVERIFY(file.commit());
}
} // namespace

class TestFileWatcher : public QObject {
    Q_OBJECT

private slots:
    void theStoresOwnWritesAreNotReported()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        store->watchFiles(DebounceMs);
        QVERIFY(store->fileWatcher());
        QSignalSpy outside(store->fileWatcher(), &FileWatcher::changed);

        // Each writes tokens.json, stored_tokens or the token file, or several of them.
        QVERIFY(!store->setEndpoint(BobFine, QStringLiteral("https://hub.example.org")).isError());
        QVERIFY(!store->rename(Colab, QStringLiteral("colab")).isError());
        QVERIFY(!store->switchTo(LaptopRead).isError());
        TokenCheck valid;
        valid.status = TokenStatus::Valid;
        QVERIFY(!store->recordCheck(CiWrite, valid).isError());

        QVERIFY(!outside.wait(QuietMs));
        QCOMPARE(outside.count(), 0);
    }

    void anOutsideWriteIsReportedOnceAndImported()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        store->watchFiles(DebounceMs);
        QSignalSpy outside(store->fileWatcher(), &FileWatcher::changed);
        QSignalSpy reset(store.get(), &TokenStore::tokensReset);

        // `hf auth login` in a terminal: a new section, written by a rename over the old file.
        replaceAtomically(world.env.paths().storedTokensPath,
                          world.storedTokens() +
                              "[hf-cli-login]\nhf_token = hf_FAKEcliLoginTokenForTestsOnlyxCliL\n\n");
        QVERIFY(outside.wait(ChangeDeadlineMs));
        QVERIFY(!outside.wait(QuietMs)); // once for the burst, and not again for the import's writes
        QCOMPARE(outside.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(store->token(QStringLiteral("hf-cli-login")).has_value(), ChangeDeadlineMs);
        QCOMPARE(reset.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(world.secrets.entries().contains(QStringLiteral("hf-cli-login")),
                                 ChangeDeadlineMs);

        // Another `hftoken` (another store over the same files) renames a token: reported once more.
        auto other = world.makeStore();
        QVERIFY(!other->reload().isError());
        QVERIFY(!other->rename(BobFine, QStringLiteral("bob")).isError());
        QVERIFY(outside.wait(ChangeDeadlineMs));
        QTRY_VERIFY_WITH_TIMEOUT(store->token(QStringLiteral("bob")).has_value(), ChangeDeadlineMs);
        QVERIFY(!outside.wait(QuietMs));
        QCOMPARE(outside.count(), 2);
    }

    void aTouchThatChangesNothingIsNotReported()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        store->watchFiles(DebounceMs);
        QSignalSpy outside(store->fileWatcher(), &FileWatcher::changed);
        replaceAtomically(world.env.paths().storedTokensPath, world.storedTokens()); // same bytes
        QVERIFY(!outside.wait(QuietMs));
        QCOMPARE(outside.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFileWatcher)
#include "tst_filewatcher.moc"
