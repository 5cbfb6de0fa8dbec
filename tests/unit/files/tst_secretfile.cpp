#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/SecretFile.h"
#include "core/files/StoredTokensFile.h"

#include <QDir>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <memory>
#include <pwd.h>
#include <sys/resource.h>

using namespace hftm;
using test::modeOf;
using hftm::test::bytesOrMissing;

namespace {

const QByteArray OldBytes = "[old]\nhf_token = hf_OldBytesMustSurvive\n\n";
const QByteArray NewBytes = "[new]\nhf_token = hf_NewBytes\n\n";

void makeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

// SecretFile and ActiveTokenFile: security checklist rows 1 (atomic replace), 2 (0600/0700 whatever the
// umask) and 3 (never through a symlink or onto a non-regular file).
class TestSecretFile : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void newFileUnderUmaskZero();
    void looseExistingFileIsTightened();
    void sharedOrForeignFolderLeftAlone();
    void unsafeTargetsRefused_data();
    void unsafeTargetsRefused();
    void readMissingIsEmpty();
    void neverWritesInPlace();
    void failedWriteKeepsOldBytes();
    void readOnlyFolder();
    void keepBackup();
    void removeFile();
    void activeTokenFile();

private:
    std::unique_ptr<test::ScratchEnvironment> m_env;
};

void TestSecretFile::init()
{
    m_env = std::make_unique<test::ScratchEnvironment>();
    QVERIFY(m_env->isValid());
}

void TestSecretFile::cleanup()
{
    m_env.reset();
}

void TestSecretFile::newFileUnderUmaskZero()
{
    test::UmaskGuard umask(0);
    const QString folder = m_env->hfHome() + QStringLiteral("/a/b");
    const QString path = folder + QStringLiteral("/token");
    QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::None);
    QCOMPARE(bytesOrMissing(path), NewBytes);
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(folder), 0700);
    QCOMPARE(modeOf(m_env->hfHome() + QStringLiteral("/a")), 0700);
}

void TestSecretFile::looseExistingFileIsTightened()
{
    test::UmaskGuard umask(0);
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QVERIFY(::chmod(QFile::encodeName(m_env->hfHome()).constData(), 0755) == 0);
    QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::None);
    QCOMPARE(bytesOrMissing(path), NewBytes);
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(m_env->hfHome()), 0700);
}

void TestSecretFile::sharedOrForeignFolderLeftAlone()
{
    const QString shared = m_env->root() + QStringLiteral("/shared");
    QVERIFY(QDir().mkpath(shared));
    QVERIFY(::chmod(QFile::encodeName(shared).constData(), 01777) == 0);
    QCOMPARE(SecretFile::write(shared + QStringLiteral("/token"), NewBytes).code, ErrorCode::None);
    QCOMPARE(modeOf(shared), 01777); // like /tmp: never chmod a folder everybody shares
    QCOMPARE(modeOf(shared + QStringLiteral("/token")), 0600);

    if (::geteuid() != 0)
        QSKIP("giving a folder to another user needs root");
    const QString foreign = m_env->root() + QStringLiteral("/foreign");
    QVERIFY(QDir().mkpath(foreign));
    QVERIFY(::chown(QFile::encodeName(foreign).constData(), 65534, 65534) == 0);
    QVERIFY(::chmod(QFile::encodeName(foreign).constData(), 0755) == 0);
    QCOMPARE(SecretFile::write(foreign + QStringLiteral("/token"), NewBytes).code, ErrorCode::None);
    QCOMPARE(modeOf(foreign), 0755);
}

void TestSecretFile::unsafeTargetsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("symlink to a file") << QStringLiteral("link");
    QTest::newRow("dangling symlink") << QStringLiteral("dangling");
    QTest::newRow("directory") << QStringLiteral("dir");
    QTest::newRow("fifo") << QStringLiteral("fifo");
}

void TestSecretFile::unsafeTargetsRefused()
{
    QFETCH(QString, kind);
    const QString path = m_env->hfHome() + QStringLiteral("/stored_tokens");
    const QString elsewhere = m_env->root() + QStringLiteral("/elsewhere");
    const QByteArray p = QFile::encodeName(path);
    if (kind == QLatin1String("link")) {
        makeFile(elsewhere, OldBytes);
        QVERIFY(::chmod(QFile::encodeName(elsewhere).constData(), 0644) == 0);
        QVERIFY(::symlink(QFile::encodeName(elsewhere).constData(), p.constData()) == 0);
    } else if (kind == QLatin1String("dangling")) {
        QVERIFY(::symlink(QFile::encodeName(elsewhere).constData(), p.constData()) == 0);
    } else if (kind == QLatin1String("dir")) {
        QVERIFY(QDir().mkdir(path));
    } else {
        QVERIFY(::mkfifo(p.constData(), 0600) == 0);
    }

    QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::FileUnsafe);
    QCOMPARE(SecretFile::read(path).error().code, ErrorCode::FileUnsafe);
    QCOMPARE(SecretFile::remove(path).code, ErrorCode::FileUnsafe);
    QCOMPARE(ActiveTokenFile::write(path, QStringLiteral("hf_x")).code, ErrorCode::FileUnsafe);
    QCOMPARE(ActiveTokenFile::read(path).error().code, ErrorCode::FileUnsafe);
    QCOMPARE(ActiveTokenFile::remove(path).code, ErrorCode::FileUnsafe);
    QVERIFY(SecretFile::write(path, NewBytes).message.contains(path));

    if (kind == QLatin1String("link")) {
        QCOMPARE(bytesOrMissing(elsewhere), OldBytes);
        QCOMPARE(modeOf(elsewhere), 0644); // a write through the link would have made it 0600
        QVERIFY(QFileInfo(path).isSymLink());
    } else if (kind == QLatin1String("dangling")) {
        QVERIFY(!QFileInfo::exists(elsewhere)); // writing through the link would have created it
    }
}

void TestSecretFile::readMissingIsEmpty()
{
    const Result<QByteArray> missing = SecretFile::read(m_env->hfHome() + QStringLiteral("/nope"));
    QVERIFY(missing.ok());
    QVERIFY(missing->isEmpty());
    const Result<QByteArray> inMissingFolder =
        SecretFile::read(m_env->hfHome() + QStringLiteral("/no/such/file"));
    QVERIFY(inMissingFolder.ok());
    const QString path = m_env->writeFile(QStringLiteral("token"), OldBytes);
    QCOMPARE(SecretFile::read(path).value(), OldBytes);
}

void TestSecretFile::neverWritesInPlace()
{
    // A hard link shares the inode: an in-place truncate-and-write (huggingface_hub's way) would change
    // both names, a temp file + rename leaves the old inode, and so the alias, intact.
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    const QString alias = m_env->hfHome() + QStringLiteral("/alias");
    QVERIFY(::link(QFile::encodeName(path).constData(), QFile::encodeName(alias).constData()) == 0);
    QCOMPARE(SecretFile::write(path, NewBytes).code, ErrorCode::None);
    QCOMPARE(bytesOrMissing(path), NewBytes);
    QCOMPARE(bytesOrMissing(alias), OldBytes);
}

void TestSecretFile::failedWriteKeepsOldBytes()
{
    // RLIMIT_FSIZE makes the write fail half-way (EFBIG), even for root.
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    rlimit old{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    rlimit small = old;
    small.rlim_cur = 1024;
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const Error error = SecretFile::write(path, QByteArray(256 * 1024, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    QCOMPARE(error.code, ErrorCode::Io);
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QCOMPARE(bytesOrMissing(path), OldBytes);
    QCOMPARE(QDir(m_env->hfHome()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("stored_tokens")}); // no temp file left behind
}

void TestSecretFile::readOnlyFolder()
{
    const QString folder = m_env->root() + QStringLiteral("/ro");
    const QString path = folder + QStringLiteral("/token");
    QVERIFY(QDir().mkpath(folder));
    makeFile(path, OldBytes);
    const bool root = ::geteuid() == 0;
    const passwd *nobody = ::getpwnam("nobody");
    const uid_t uid = nobody ? nobody->pw_uid : 65534;
    const gid_t gid = nobody ? nobody->pw_gid : 65534;
    if (root) {
        // root ignores permission bits, so the write runs as 'nobody', who owns the read-only folder.
        QVERIFY(::chmod(QFile::encodeName(m_env->root()).constData(), 0711) == 0);
        QVERIFY(::chown(QFile::encodeName(folder).constData(), uid, gid) == 0);
        QVERIFY(::chown(QFile::encodeName(path).constData(), uid, gid) == 0);
    }
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0500) == 0);

    const int status = test::runInChild([&]() -> int {
        if (root && (::setgid(gid) != 0 || ::setuid(uid) != 0))
            return 10;
        const Error error = SecretFile::write(path, NewBytes);
        if (error.code != ErrorCode::Io)
            return 2;
        return error.message.contains(path) ? 0 : 3;
    });
    ::chmod(QFile::encodeName(folder).constData(), 0700);
    QCOMPARE(status, 0); // 2: not an Io error, 3: message does not name the file
    QCOMPARE(bytesOrMissing(path), OldBytes);
    QCOMPARE(modeOf(folder), 0700);
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("token")});
}

void TestSecretFile::keepBackup()
{
    const QString path = m_env->writeFile(QStringLiteral("stored_tokens"), OldBytes);
    const Result<QString> first = SecretFile::keepBackup(path, OldBytes);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    static const QRegularExpression shape(
        QStringLiteral("^stored_tokens\\.unparsed-\\d{8}T\\d{6}Z(-\\d+)?$"));
    QVERIFY2(shape.match(QFileInfo(*first).fileName()).hasMatch(), qPrintable(*first));
    QCOMPARE(QFileInfo(*first).absolutePath(), QFileInfo(path).absolutePath());
    QCOMPARE(bytesOrMissing(*first), OldBytes);
    QCOMPARE(modeOf(*first), 0600);

    const Result<QString> again = SecretFile::keepBackup(path, OldBytes);
    QCOMPARE(again.value(), first.value()); // identical bytes: no second copy

    const Result<QString> other = SecretFile::keepBackup(path, NewBytes);
    QVERIFY(other.ok());
    QVERIFY(*other != *first);
    QCOMPARE(bytesOrMissing(*other), NewBytes);
    QCOMPARE(bytesOrMissing(*first), OldBytes);
    QCOMPARE(QDir(m_env->hfHome()).entryList({QStringLiteral("stored_tokens.unparsed-*")}).size(), 2);
}

void TestSecretFile::removeFile()
{
    const QString path = m_env->writeFile(QStringLiteral("token"), OldBytes);
    QCOMPARE(SecretFile::remove(path).code, ErrorCode::None);
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(SecretFile::remove(path).code, ErrorCode::None); // already gone is fine
}

void TestSecretFile::activeTokenFile()
{
    test::UmaskGuard umask(0);
    const QString path = m_env->paths().tokenPath;
    QCOMPARE(ActiveTokenFile::read(path).value(), QString()); // missing: no token, no error
    QCOMPARE(ActiveTokenFile::write(path, QStringLiteral("hf_ActiveToken123")).code, ErrorCode::None);
    QCOMPARE(bytesOrMissing(path), QByteArray("hf_ActiveToken123")); // no trailing newline, like huggingface_hub
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(ActiveTokenFile::read(path).value(), QStringLiteral("hf_ActiveToken123"));

    m_env->writeFile(QStringLiteral("token"), "\r\n  hf_Wri\r\ntten \n");
    QCOMPARE(ActiveTokenFile::read(path).value(), QStringLiteral("hf_Written"));
    m_env->installFixture(QStringLiteral("files/token"));
    QCOMPARE(ActiveTokenFile::read(path).value(), QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr"));

    for (const QString &bad :
         {QString(), QStringLiteral("hf_a\nb"), QStringLiteral(" hf_a"), QStringLiteral("hf_a\tb")})
        QCOMPARE(ActiveTokenFile::write(path, bad).code, ErrorCode::InvalidInput);
    QCOMPARE(bytesOrMissing(path), test::ScratchEnvironment::fixture(QStringLiteral("files/token")));

    QCOMPARE(ActiveTokenFile::remove(path).code, ErrorCode::None);
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(ActiveTokenFile::remove(path).code, ErrorCode::None);
}

QTEST_GUILESS_MAIN(TestSecretFile)
#include "tst_secretfile.moc"
