// Security checklist row 23 and issue 10 items 2 and 10: a write that cannot put every byte on disk
// never replaces the file (Qt 6.4's QSaveFile renamed an empty temp file over it on ENOSPC), and a
// bind-mounted target is written in place under the lock. Failures are injected through SecretFile's
// system-call seam (always) and made real with a tiny tmpfs and a bind mount (as root, as in CI).
#include "support/Files.h"
#include "support/Mounts.h"
#include "support/ScratchEnvironment.h"

#include "core/files/SecretFile.h"
#include "core/files/StoredTokensFile.h"
#include "core/files/StoredTokensLock.h"
#include "core/store/MetadataFile.h"

#include <QDir>
#include <QTest>

#include <cerrno>
#include <memory>
#include <unistd.h>

using namespace hftm;
using hftm::test::bytesOrMissing;

namespace {

const QByteArray OldBytes = "[old]\nhf_token = hf_OldBytesMustSurviveAFullDisk\n\n";
const QByteArray NewBytes = QByteArray("[new]\nhf_token = hf_NewBytes\n\n").repeated(40);

QStringList entriesOf(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// How the injected write() misbehaves.
enum class Fault { ShortThenEnospc, Edquot, Eio, ClaimsAllWritesHalf, EintrThenOk, OneByteAtATime };

Fault g_fault = Fault::EintrThenOk;
int g_calls = 0;
int g_renameErrno = 0;

ssize_t faultyWrite(int fd, const void *data, size_t size)
{
    ++g_calls;
    switch (g_fault) {
    case Fault::ShortThenEnospc:
        if (g_calls == 1)
            return ::write(fd, data, size / 2);
        errno = ENOSPC;
        return -1;
    case Fault::Edquot:
        errno = EDQUOT;
        return -1;
    case Fault::Eio:
        errno = EIO;
        return -1;
    case Fault::ClaimsAllWritesHalf: // what a lost final flush looks like from the outside
        return ::write(fd, data, size / 2) < 0 ? -1 : ssize_t(size);
    case Fault::EintrThenOk:
        if (g_calls == 1) {
            errno = EINTR;
            return -1;
        }
        return ::write(fd, data, size);
    case Fault::OneByteAtATime:
        return ::write(fd, data, size > 0 ? 1 : 0);
    }
    return -1;
}

int failingRename(const char *, const char *)
{
    errno = g_renameErrno;
    return -1;
}

// Puts the real system calls back whatever the test did.
struct SyscallGuard {
    SecretFileSyscalls saved = secretFileSyscalls();
    ~SyscallGuard() { secretFileSyscalls() = saved; }
};

} // namespace

class TestFullDisk : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void injectedWriteFaults_data();
    void injectedWriteFaults();
    void realFullTmpfs_data();
    void realFullTmpfs();
    void renameRefusedWritesInPlaceUnderLock_data();
    void renameRefusedWritesInPlaceUnderLock();
    void renameRefusedWithoutLockChangesNothing();
    void bindMountedTargets_data();
    void bindMountedTargets();
    void symlinkedLockRefused_data();
    void symlinkedLockRefused();
    void emptyMetadataIsNotOverwrittenWithDefaults();

private:
    std::unique_ptr<test::ScratchEnvironment> m_env;
};

void TestFullDisk::init()
{
    m_env = std::make_unique<test::ScratchEnvironment>();
    QVERIFY(m_env->isValid());
    SecretFile::takeNotes();
}

void TestFullDisk::cleanup()
{
    m_env.reset();
}

void TestFullDisk::injectedWriteFaults_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("short write, then ENOSPC")
        << int(Fault::ShortThenEnospc) << int(ErrorCode::DiskFull) << QStringLiteral("disk is full");
    QTest::newRow("quota") << int(Fault::Edquot) << int(ErrorCode::DiskFull) << QStringLiteral("quota");
    QTest::newRow("I/O error") << int(Fault::Eio) << int(ErrorCode::Io)
                               << QStringLiteral("Nothing was changed");
    QTest::newRow("claims more than it wrote")
        << int(Fault::ClaimsAllWritesHalf) << int(ErrorCode::Io) << QStringLiteral("not every byte");
    QTest::newRow("EINTR is retried") << int(Fault::EintrThenOk) << int(ErrorCode::None) << QString();
    QTest::newRow("short writes are continued")
        << int(Fault::OneByteAtATime) << int(ErrorCode::None) << QString();
}

void TestFullDisk::injectedWriteFaults()
{
    QFETCH(int, fault);
    QFETCH(int, code);
    QFETCH(QString, words);
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    const SyscallGuard guard;
    g_fault = Fault(fault);
    g_calls = 0;
    secretFileSyscalls().write = faultyWrite;
    const Error error = SecretFile::write(path, NewBytes);
    secretFileSyscalls() = guard.saved;

    QCOMPARE(int(error.code), code);
    QVERIFY2(error.message.contains(words, Qt::CaseInsensitive), qPrintable(error.message));
    QCOMPARE(bytesOrMissing(path), error ? OldBytes : NewBytes);
    if (error)
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QCOMPARE(test::modeOf(path), 0600);
    QCOMPARE(entriesOf(m_env->hfHome()), QStringList{QStringLiteral("stored_tokens")}); // no temp left
}

void TestFullDisk::realFullTmpfs_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("token") << QStringLiteral("token");
    QTest::newRow("stored_tokens") << QStringLiteral("stored_tokens");
    QTest::newRow("tokens.json") << QStringLiteral("tokens.json");
}

void TestFullDisk::realFullTmpfs()
{
    QFETCH(QString, name);
    const QString disk = m_env->root() + QStringLiteral("/disk");
    QVERIFY(QDir().mkpath(disk));
    const test::ScopedMount mount = test::ScopedMount::tmpfs(disk, 64);
    if (!mount.isMounted())
        QSKIP("mounting a tmpfs needs root (CI runs as root)");
    const QString path = disk + QLatin1Char('/') + name;
    QCOMPARE(SecretFile::write(path, OldBytes).code, ErrorCode::None);
    QVERIFY(test::fillFileSystem(disk + QStringLiteral("/filler")));

    const Error error = SecretFile::write(path, NewBytes);
    QCOMPARE(error.code, ErrorCode::DiskFull);
    QVERIFY2(error.message.contains(QStringLiteral("disk is full: nothing was changed")),
             qPrintable(error.message));
    QCOMPARE(bytesOrMissing(path), OldBytes);
    QCOMPARE(entriesOf(disk), (QStringList{QStringLiteral("filler"), name}));

    // With room again the same write goes through: the failure was the disk, not the writer.
    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::None);
    QCOMPARE(bytesOrMissing(path), NewBytes);
}

void TestFullDisk::renameRefusedWritesInPlaceUnderLock_data()
{
    QTest::addColumn<int>("renameErrno");
    QTest::newRow("EBUSY (bind-mounted file)") << EBUSY;
    QTest::newRow("EXDEV (other file system)") << EXDEV;
}

void TestFullDisk::renameRefusedWritesInPlaceUnderLock()
{
    QFETCH(int, renameErrno);
    const HfPaths paths = m_env->paths();
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    const SyscallGuard guard;
    g_renameErrno = renameErrno;
    secretFileSyscalls().rename = failingRename;
    {
        const Result<StoredTokensLock> lock = StoredTokensLock::acquire(paths.lockPath, 0);
        QVERIFY(lock);
        QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::None);
        QCOMPARE(bytesOrMissing(path), NewBytes);
        QCOMPARE(SecretFile::write(path, OldBytes).code, ErrorCode::None); // shorter: truncated to length
        QCOMPARE(bytesOrMissing(path), OldBytes);
    }
    QCOMPARE(test::modeOf(path), 0600);
    const QStringList notes = SecretFile::takeNotes();
    QCOMPARE(notes.size(), 1); // said once, not once per write
    QVERIFY2(notes.first().contains(path) && notes.first().contains(QStringLiteral("mount point")),
             qPrintable(notes.first()));
    QCOMPARE(entriesOf(m_env->hfHome()),
             (QStringList{QStringLiteral("stored_tokens"), QStringLiteral("stored_tokens.lock")}));
}

void TestFullDisk::renameRefusedWithoutLockChangesNothing()
{
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    const SyscallGuard guard;
    g_renameErrno = EBUSY;
    secretFileSyscalls().rename = failingRename;
    const Error error = SecretFile::write(path, NewBytes);
    QCOMPARE(error.code, ErrorCode::Io);
    QVERIFY2(error.message.contains(QStringLiteral("mount point")) && error.message.contains(path),
             qPrintable(error.message));
    QCOMPARE(bytesOrMissing(path), OldBytes);
    QCOMPARE(entriesOf(m_env->hfHome()), QStringList{QStringLiteral("stored_tokens")});
    QVERIFY(SecretFile::takeNotes().isEmpty());
}

void TestFullDisk::bindMountedTargets_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("token") << QStringLiteral("token");
    QTest::newRow("stored_tokens") << QStringLiteral("stored_tokens");
}

void TestFullDisk::bindMountedTargets()
{
    QFETCH(QString, name);
    // A container mounts the host's file over the one in HF_HOME; writes must reach the host's file.
    const QString host = m_env->root() + QStringLiteral("/host-") + name;
    QFile hostFile(host);
    QVERIFY(hostFile.open(QIODevice::WriteOnly));
    hostFile.write(name == QLatin1String("token") ? QByteArray("hf_FAKEoldTokenOnTheHostxxxxxxxxxxxx")
                                                  : OldBytes);
    hostFile.close();
    const QString target = m_env->writeFile(name, QByteArray());
    const test::ScopedMount mount = test::ScopedMount::bind(host, target);
    if (!mount.isMounted())
        QSKIP("a bind mount needs root (CI runs as root)");

    const QString secret = QStringLiteral("hf_FAKEnewTokenWrittenInPlacexxxxxxxxxxx");
    if (name == QLatin1String("token")) {
        QCOMPARE(ActiveTokenFile::write(target, secret).code, ErrorCode::None);
        QCOMPARE(bytesOrMissing(host), secret.toUtf8());
    } else {
        const StoredTokensFile file(m_env->paths());
        const Result<IniDocument> written = file.update([&](IniDocument &doc) -> Result<bool> {
            doc.ensureSection(QStringLiteral("added")).setValue(QStringLiteral("hf_token"), secret);
            return true;
        });
        QVERIFY2(written, qPrintable(written.error().message));
        QVERIFY(bytesOrMissing(host).contains("[added]\nhf_token = " + secret.toUtf8()));
        QVERIFY(bytesOrMissing(host).contains("hf_OldBytesMustSurviveAFullDisk"));
    }
    QCOMPARE(bytesOrMissing(target), bytesOrMissing(host));
    const QStringList notes = SecretFile::takeNotes();
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.first().contains(target), qPrintable(notes.first()));
    for (const QString &entry : entriesOf(m_env->hfHome()))
        QVERIFY2(!entry.contains(QStringLiteral(".tmp-")), qPrintable(entry));
}

void TestFullDisk::symlinkedLockRefused_data()
{
    QTest::addColumn<bool>("metadata");
    QTest::newRow("stored_tokens.lock") << false;
    QTest::newRow("tokens.json.lock") << true;
}

void TestFullDisk::symlinkedLockRefused()
{
    QFETCH(bool, metadata);
    // Checklist row 28: a planted link would make us create (and lock) a file of someone else's choosing.
    const QString victim = m_env->root() + QStringLiteral("/victim");
    const QString lockPath =
        metadata ? m_env->hfHome() + QStringLiteral("/tokens.json.lock") : m_env->paths().lockPath;
    QVERIFY(QFile::link(victim, lockPath));
    Error error;
    if (metadata) {
        const Result<MetadataFile::Content> saved =
            MetadataFile(m_env->hfHome()).update([](MetadataFile::Content &) { return true; });
        error = saved.error();
    } else {
        error = StoredTokensFile(m_env->paths())
                    .update([](IniDocument &) -> Result<bool> { return true; })
                    .error();
    }
    QCOMPARE(error.code, ErrorCode::FileUnsafe);
    QVERIFY2(error.message.contains(lockPath) && error.message.contains(QStringLiteral("symbolic link")),
             qPrintable(error.message));
    QVERIFY(!QFileInfo::exists(victim)); // not created through the link
    QVERIFY(!QFileInfo::exists(
        m_env->hfHome() + (metadata ? QStringLiteral("/tokens.json") : QStringLiteral("/stored_tokens"))));
}

void TestFullDisk::emptyMetadataIsNotOverwrittenWithDefaults()
{
    // What Qt 6.4 left behind on a full disk: an empty tokens.json. Its settings (keychain-only) are
    // unknown, so nothing is written over it with the defaults.
    const QString path = m_env->writeFile(QStringLiteral("tokens.json"), QByteArray());
    const Result<MetadataFile::Content> saved =
        MetadataFile(m_env->hfHome()).update([](MetadataFile::Content &) { return true; });
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileUnparseable);
    QVERIFY2(saved.error().message.contains(path) && saved.error().message.contains(QStringLiteral("empty")),
             qPrintable(saved.error().message));
    QCOMPARE(bytesOrMissing(path), QByteArray());
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
