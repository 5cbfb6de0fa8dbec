// Changes made by other programs (`hf auth login / switch / logout`) show up within a second, and the
// user's selection stays where it was.
#include "core/files/StoredTokensFile.h"
#include "core/store/FileWatcher.h"
#include "support/gui/WindowFixture.h"
#include "ui/window/TokenTableModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
// Writes like huggingface_hub >= 0.30 and most editors: a temporary file renamed over the old one.
void replaceAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    QVERIFY(file.commit());
}

const QByteArray NewSection = "\n[hf-cli-login]\nhf_token = hf_FAKEcliLoginTokenForTestsOnlyxCliL\n";
} // namespace

class FileWatchTest : public QObject {
    Q_OBJECT
private slots:
    void rearmsAfterAtomicRenames();
    void debouncesABurst();
    void noticesAFolderThatAppearsLater();
    void loginElsewhereAppearsWithinASecond();
    void switchAndLogoutElsewhere();
};

void FileWatchTest::rearmsAfterAtomicRenames()
{
    ScratchEnvironment env;
    const QString path = env.writeFile(QStringLiteral("stored_tokens"), "[a]\nhf_token = x\n");
    FileWatcher watcher({path}, 20);
    QSignalSpy changed(&watcher, &FileWatcher::changed);
    for (int round = 1; round <= 3; ++round) {
        replaceAtomically(path, QByteArray("[a]\nhf_token = y") + QByteArray::number(round) + '\n');
        QVERIFY2(changed.wait(2000), qPrintable(QStringLiteral("round %1").arg(round)));
    }
}

void FileWatchTest::debouncesABurst()
{
    ScratchEnvironment env;
    const QString path = env.writeFile(QStringLiteral("token"), "hf_x");
    FileWatcher watcher({path}, 150);
    QSignalSpy changed(&watcher, &FileWatcher::changed);
    for (int i = 0; i < 5; ++i)
        replaceAtomically(path, "hf_" + QByteArray::number(i));
    QVERIFY(changed.wait(2000));
    QVERIFY(!changed.wait(400)); // one signal for the burst
    QCOMPARE(changed.size(), 1);
}

void FileWatchTest::noticesAFolderThatAppearsLater()
{
    ScratchEnvironment env;
    const QString folder = QDir(env.root()).filePath(QStringLiteral("later/hf"));
    FileWatcher watcher({QDir(folder).filePath(QStringLiteral("token"))}, 20);
    QSignalSpy changed(&watcher, &FileWatcher::changed);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(changed.wait(2000));
    changed.clear();
    replaceAtomically(QDir(folder).filePath(QStringLiteral("token")), "hf_new");
    QVERIFY(changed.wait(2000));
}

void FileWatchTest::loginElsewhereAppearsWithinASecond()
{
    WindowFixture f;
    MainWindow &w = f.shownWindow();
    QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
    const QString storedTokens = f.env.paths().storedTokensPath;
    QElapsedTimer clock;
    clock.start();
    replaceAtomically(storedTokens, f.env.readFile(QStringLiteral("stored_tokens")) + NewSection);
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->rowOf(QStringLiteral("hf-cli-login")) >= 0, 1000);
    qInfo("new row after %lld ms", clock.elapsed());
    QCOMPARE(w.currentName(), QStringLiteral("laptop-read"));
    QVERIFY(w.table()->selectionModel()->isRowSelected(w.table()->currentIndex().row(), {}));
    // Imported like any token: copied into the keychain (in the background, right after), still in the file.
    QTRY_VERIFY(f.secrets->entries().contains(QStringLiteral("hf-cli-login")));
}

void FileWatchTest::switchAndLogoutElsewhere()
{
    WindowFixture f;
    MainWindow &w = f.shownWindow();
    QVERIFY(w.selectToken(QStringLiteral("bob-finegrained")));
    const int laptopRow = w.model()->rowOf(QStringLiteral("laptop-read"));
    // `hf auth switch --token-name laptop-read`
    replaceAtomically(f.env.paths().tokenPath, LaptopReadSecret.toUtf8());
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(laptopRow, TokenTableModel::ActiveColumn).data().toString(),
                              QStringLiteral("\u25CF"), 1000);
    QCOMPARE(w.currentName(), QStringLiteral("bob-finegrained"));
    // `hf auth logout --token-name laptop-read`: gone from the file, the token file removed.
    QVERIFY(QFile::remove(f.env.paths().tokenPath));
    QByteArray stored = f.env.readFile(QStringLiteral("stored_tokens"));
    stored.replace("[laptop-read]\nhf_token = " + LaptopReadSecret.toUtf8() + '\n', QByteArray());
    replaceAtomically(f.env.paths().storedTokensPath, stored);
    // A section gone is believed only after StoredTokensFile::SettleMs (it may be huggingface_hub half-way
    // through a rewrite). That wait used to block the event loop, which QTRY does not count as time; it
    // now runs on a timer, so the deadline counts it.
    constexpr int RemovalMs = StoredTokensFile::SettleMs + 1000;
    QTRY_VERIFY_WITH_TIMEOUT(!f.store()->active().name.size(), RemovalMs);
    QTRY_VERIFY_WITH_TIMEOUT(f.store()->token(QStringLiteral("laptop-read")) &&
                                 f.store()->token(QStringLiteral("laptop-read"))->missingFromFiles,
                             RemovalMs);
    QCOMPARE(w.currentName(), QStringLiteral("bob-finegrained"));
}

QTEST_MAIN(FileWatchTest)
#include "tst_filewatch.moc"
