#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/StoredTokensFile.h"
#include "core/files/StoredTokensLock.h"

#include <QDir>
#include <QTest>

#include <fcntl.h>
#include <memory>
#include <sys/file.h>

using namespace hftm;
using test::modeOf;

namespace {

QString storedTokensFixture()
{
    return QStringLiteral("files/stored_tokens");
}

std::function<Result<bool>(IniDocument &)> addToken(const QString &name, bool *called = nullptr)
{
    return [name, called](IniDocument &doc) -> Result<bool> {
        if (called)
            *called = true;
        doc.ensureSection(name).setValue(QStringLiteral("hf_token"),
                                         QStringLiteral("hf_") + QString(name).remove(QLatin1Char('-')));
        return true;
    };
}

// A second, independent open file description: flock() locks conflict between those even inside one
// process, exactly as they would with huggingface_hub's filelock in another process.
class ForeignLock {
public:
    explicit ForeignLock(const QString &path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        m_locked = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    }
    ~ForeignLock() { release(); }
    ForeignLock(const ForeignLock &) = delete;
    ForeignLock &operator=(const ForeignLock &) = delete;
    bool isLocked() const { return m_locked; }
    void release()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_locked = false;
    }

private:
    int m_fd = -1;
    bool m_locked = false;
};

} // namespace

// StoredTokensFile: security checklist rows 4 (an unparseable file is never rewritten), 5 (flock + re-read
// under the lock: concurrent writers lose nothing) and 6 (what we do not own survives our writes).
class TestStoredTokensFile : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void loadMissingIsEmpty();
    void loadFixture();
    void unparseableIsNeverWritten_data();
    void unparseableIsNeverWritten();
    void crlfFileAccepted();
    void updateCreatesFoldersAndLock();
    void changeDecidesWhetherToWrite();
    void lockHeldByAnotherWriter();
    void rereadUnderLock();
    void foreignDataSurvivesUpdate();
    void symlinkRefused();
    void concurrentWritersLoseNothing();
    void lockMoveSemantics();

private:
    std::unique_ptr<test::ScratchEnvironment> m_env;
};

void TestStoredTokensFile::init()
{
    m_env = std::make_unique<test::ScratchEnvironment>();
    QVERIFY(m_env->isValid());
}

void TestStoredTokensFile::cleanup()
{
    m_env.reset();
}

void TestStoredTokensFile::loadMissingIsEmpty()
{
    const Result<IniDocument> doc = StoredTokensFile(m_env->paths()).load();
    QVERIFY(doc.ok());
    QVERIFY(doc->sectionNames().isEmpty());
}

void TestStoredTokensFile::loadFixture()
{
    m_env->installFixture(storedTokensFixture());
    const Result<IniDocument> doc = StoredTokensFile(m_env->paths()).load();
    QVERIFY2(doc.ok(), qPrintable(doc.error().message));
    QCOMPARE(doc->sectionNames().size(), 5);
}

void TestStoredTokensFile::unparseableIsNeverWritten_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    const QByteArray fixture = test::ScratchEnvironment::fixture(storedTokensFixture());
    QTest::newRow("duplicate section") << fixture + "[ci-write]\nhf_token = hf_again\n" << 18;
    QTest::newRow("junk line") << fixture + "hf_pasted_here_by_hand\n" << 18;
    QTest::newRow("byte-order mark") << "\xef\xbb\xbf" + fixture << 1;
    QTest::newRow("key before header") << "hf_token = hf_x\n" + fixture << 1;
    QTest::newRow("CRLF with duplicate key") << QByteArray("[a]\r\nhf_token = 1\r\nhf_token = 2\r\n") << 3;
}

void TestStoredTokensFile::unparseableIsNeverWritten()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), bytes);
    const StoredTokensFile file(m_env->paths());

    const Result<IniDocument> loaded = file.load();
    QCOMPARE(loaded.error().code, ErrorCode::FileUnparseable);
    const QString message = loaded.error().message;
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("line %1").arg(line)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Nothing was changed")), qPrintable(message));

    const QStringList backups = QDir(m_env->hfHome()).entryList({QStringLiteral("stored_tokens.unparsed-*")});
    QCOMPARE(backups.size(), 1);
    QVERIFY2(message.contains(backups.first()), qPrintable(message));
    QCOMPARE(m_env->readFile(backups.first()), bytes);

    bool called = false;
    const Result<IniDocument> updated = file.update(addToken(QStringLiteral("new"), &called));
    QCOMPARE(updated.error().code, ErrorCode::FileUnparseable);
    QVERIFY(!called);
    QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), bytes);
    QCOMPARE(QDir(m_env->hfHome()).entryList({QStringLiteral("stored_tokens.unparsed-*")}), backups);
}

void TestStoredTokensFile::crlfFileAccepted()
{
    QByteArray crlf = test::ScratchEnvironment::fixture(storedTokensFixture());
    crlf.replace("\n", "\r\n");
    m_env->writeFile(QStringLiteral("stored_tokens"), crlf);
    const StoredTokensFile file(m_env->paths());

    const Result<IniDocument> same = file.update([](IniDocument &) -> Result<bool> { return false; });
    QVERIFY(same.ok());
    QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), crlf); // no change asked: not rewritten

    const Result<IniDocument> updated = file.update(addToken(QStringLiteral("added")));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message));
    QCOMPARE(updated->sectionNames().size(), 6);
    const QByteArray written = m_env->readFile(QStringLiteral("stored_tokens"));
    QVERIFY(!written.contains('\r'));
    QVERIFY(*IniDocument::parse(written) == *updated);
}

void TestStoredTokensFile::updateCreatesFoldersAndLock()
{
    test::UmaskGuard umask(0);
    m_env->set(QStringLiteral("HF_HOME"), m_env->root() + QStringLiteral("/fresh/huggingface"));
    const HfPaths paths = m_env->paths();
    const Result<IniDocument> doc = StoredTokensFile(paths).update(addToken(QStringLiteral("first")));
    QVERIFY2(doc.ok(), qPrintable(doc.error().message));
    QCOMPARE(modeOf(paths.storedTokensPath), 0600);
    QCOMPARE(modeOf(paths.hfHome), 0700);
    QCOMPARE(modeOf(m_env->root() + QStringLiteral("/fresh")), 0700);
    QCOMPARE(modeOf(paths.lockPath), 0600); // left on disk, like filelock does
    QFile written(paths.storedTokensPath);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArray("[first]\nhf_token = hf_first\n\n"));
}

void TestStoredTokensFile::changeDecidesWhetherToWrite()
{
    const QString path = m_env->installFixture(storedTokensFixture());
    const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
    const StoredTokensFile file(m_env->paths());
    struct stat st {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    const ino_t inode = st.st_ino;

    const Result<IniDocument> refused = file.update([](IniDocument &doc) -> Result<bool> {
        doc.removeSection(QStringLiteral("ci-write")); // edits made before the error must not be written
        return makeError(ErrorCode::NotFound, QStringLiteral("no such token"));
    });
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    QCOMPARE(refused.error().message, QStringLiteral("no such token"));

    const Result<IniDocument> unchanged = file.update([](IniDocument &) -> Result<bool> { return false; });
    QVERIFY(unchanged.ok());
    QCOMPARE(unchanged->sectionNames().size(), 5);

    QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(st.st_ino, inode); // not even rewritten with the same bytes
}

void TestStoredTokensFile::lockHeldByAnotherWriter()
{
    m_env->installFixture(storedTokensFixture());
    const QByteArray before = m_env->readFile(QStringLiteral("stored_tokens"));
    const HfPaths paths = m_env->paths();
    ForeignLock other(paths.lockPath);
    QVERIFY(other.isLocked());

    bool called = false;
    const Result<IniDocument> blocked =
        StoredTokensFile(paths, 100).update(addToken(QStringLiteral("late"), &called));
    QCOMPARE(blocked.error().code, ErrorCode::LockTimeout);
    QVERIFY2(blocked.error().message.contains(paths.lockPath), qPrintable(blocked.error().message));
    QVERIFY(blocked.error().message.contains(QStringLiteral("huggingface_hub")));
    QVERIFY(!called);
    QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), before);
    QCOMPARE(StoredTokensLock::acquire(paths.lockPath, 0).error().code, ErrorCode::LockTimeout);

    other.release();
    const Result<IniDocument> done =
        StoredTokensFile(paths, 100).update(addToken(QStringLiteral("late"), &called));
    QVERIFY2(done.ok(), qPrintable(done.error().message));
    QVERIFY(called);
    QVERIFY(IniDocument::parse(m_env->readFile(QStringLiteral("stored_tokens")))
                ->hasSection(QStringLiteral("late")));
}

void TestStoredTokensFile::rereadUnderLock()
{
    m_env->installFixture(storedTokensFixture());
    const StoredTokensFile file(m_env->paths());
    const Result<IniDocument> stale = file.load();
    QVERIFY(stale.ok());

    // Another writer (huggingface_hub logging in) changes the file after our load() ...
    m_env->writeFile(QStringLiteral("stored_tokens"),
                     test::ScratchEnvironment::fixture(storedTokensFixture()) +
                         "[other-writer]\nhf_token = hf_other\n\n");
    // ... and our update must be applied to its version, not to the stale copy.
    const Result<IniDocument> updated = file.update(addToken(QStringLiteral("mine")));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message));
    const auto onDisk = IniDocument::parse(m_env->readFile(QStringLiteral("stored_tokens")));
    QVERIFY(onDisk);
    QVERIFY(onDisk->hasSection(QStringLiteral("other-writer")));
    QVERIFY(onDisk->hasSection(QStringLiteral("mine")));
    QCOMPARE(onDisk->sectionNames().size(), 7);
    QVERIFY(*onDisk == *updated);
}

void TestStoredTokensFile::foreignDataSurvivesUpdate()
{
    const QByteArray original = "[DEFAULT]\nshared = 1\n\n" +
                                test::ScratchEnvironment::fixture(storedTokensFixture()) +
                                "[zz-tool]\ncustom = x\nmulti = a\n\tb\n\n";
    m_env->writeFile(QStringLiteral("stored_tokens"), original);
    const Result<IniDocument> updated =
        StoredTokensFile(m_env->paths()).update([](IniDocument &doc) -> Result<bool> {
            doc.ensureSection(QStringLiteral("ci-write"))
                .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_rotated"));
            return true;
        });
    QVERIFY(updated.ok());

    auto expected = IniDocument::parse(original);
    expected->ensureSection(QStringLiteral("ci-write"))
        .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_rotated"));
    const QByteArray written = m_env->readFile(QStringLiteral("stored_tokens"));
    QVERIFY(*IniDocument::parse(written) == *expected);
    QByteArray expectedBytes = original;
    expectedBytes.replace("hf_FAKEciWriteTokenForTestsOnlyxxCiWr", "hf_rotated");
    QCOMPARE(written, expectedBytes); // same layout: only the edited value differs
}

void TestStoredTokensFile::symlinkRefused()
{
    const QString elsewhere = m_env->root() + QStringLiteral("/real_stored_tokens");
    const QByteArray fixture = test::ScratchEnvironment::fixture(storedTokensFixture());
    {
        QFile f(elsewhere);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fixture);
    }
    const HfPaths paths = m_env->paths();
    QVERIFY(::symlink(QFile::encodeName(elsewhere).constData(),
                      QFile::encodeName(paths.storedTokensPath).constData()) == 0);
    const StoredTokensFile file(paths);
    QCOMPARE(file.load().error().code, ErrorCode::FileUnsafe);
    QCOMPARE(file.update(addToken(QStringLiteral("x"))).error().code, ErrorCode::FileUnsafe);
    QFile target(elsewhere);
    QVERIFY(target.open(QIODevice::ReadOnly));
    QCOMPARE(target.readAll(), fixture);
    QVERIFY(QFileInfo(paths.storedTokensPath).isSymLink());
}

void TestStoredTokensFile::concurrentWritersLoseNothing()
{
    constexpr int Writers = 4;
    constexpr int Rounds = 8;
    m_env->installFixture(storedTokensFixture());
    const HfPaths paths = m_env->paths();

    QList<pid_t> children;
    for (int w = 0; w < Writers; ++w) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            int failures = 0;
            for (int r = 0; r < Rounds; ++r) {
                const QString name = QStringLiteral("writer-%1-%2").arg(w).arg(r);
                failures += StoredTokensFile(paths, 60000).update(addToken(name)).ok() ? 0 : 1;
            }
            ::_exit(failures);
        }
        QVERIFY(pid > 0);
        children.append(pid);
    }
    int failures = 0;
    for (const pid_t pid : std::as_const(children)) {
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        failures += WIFEXITED(status) ? WEXITSTATUS(status) : 100;
    }
    QCOMPARE(failures, 0);

    const Result<IniDocument> doc = StoredTokensFile(paths).load();
    QVERIFY(doc.ok());
    QCOMPARE(doc->sectionNames().size(), 5 + Writers * Rounds);
    for (int w = 0; w < Writers; ++w) {
        for (int r = 0; r < Rounds; ++r)
            QVERIFY(doc->hasSection(QStringLiteral("writer-%1-%2").arg(w).arg(r)));
    }
}

void TestStoredTokensFile::lockMoveSemantics()
{
    const QString lockPath = m_env->paths().lockPath;
    Result<StoredTokensLock> acquired = StoredTokensLock::acquire(lockPath, 0);
    QVERIFY(acquired.ok());
    StoredTokensLock first = std::move(acquired.value());
    QVERIFY(first.isHeld());
    StoredTokensLock second(std::move(first));
    QVERIFY(!first.isHeld()); // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
    QVERIFY(second.isHeld());
    QVERIFY(!ForeignLock(lockPath).isLocked());

    StoredTokensLock third;
    third = std::move(second);
    QVERIFY(third.isHeld());
    QVERIFY(!second.isHeld()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(StoredTokensLock::acquire(lockPath, 0).error().code, ErrorCode::LockTimeout);

    third.release();
    QVERIFY(!third.isHeld());
    QVERIFY(QFileInfo::exists(lockPath)); // never deleted: removing a held lock file would split the lock
    QVERIFY(ForeignLock(lockPath).isLocked());
    QVERIFY(StoredTokensLock::acquire(lockPath, 0).ok());
}

QTEST_GUILESS_MAIN(TestStoredTokensFile)
#include "tst_storedtokensfile.moc"
