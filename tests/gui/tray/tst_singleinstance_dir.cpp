// Issue 10 item 12: the single-instance socket lives in XDG_RUNTIME_DIR, or, when that is unset (or not
// a private folder of the user), in <temp>/hf-token-manager-<uid> created 0700. A folder of that name
// that someone else made first (another owner, group/other access, a symlink) is refused, never used.
#include "ui/tray/SingleInstance.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using hftm::SingleInstance;

namespace {
constexpr uid_t Nobody = 65534;

int modeOf(const QString &path)
{
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

// Sets an environment variable (or unsets it for a null value) for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QString &value)
        : m_name(name)
        , m_saved(qgetenv(name))
        , m_wasSet(qEnvironmentVariableIsSet(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, QFile::encodeName(value));
    }
    ~ScopedEnv()
    {
        if (m_wasSet)
            qputenv(m_name, m_saved);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
    QByteArray m_saved;
    bool m_wasSet;
};
} // namespace

class TestSingleInstanceDir : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_runtime.isValid());
        QVERIFY(m_tmp.isValid());
        QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_fallback = QDir(m_tmp.path()).filePath(QStringLiteral("hf-token-manager-%1").arg(::getuid()));
    }

    void cleanup()
    {
        // Back to us, so it can be removed; it may not exist (the case never made it).
        if (::lchown(QFile::encodeName(m_fallback).constData(), ::getuid(), ::getgid()) != 0)
            QVERIFY2(errno == ENOENT, strerror(errno));
        QFile::remove(m_fallback); // a symlink row
        QDir(m_fallback).removeRecursively();
    }

    void runtimeFolderIsUsed()
    {
        const ScopedEnv runtime("XDG_RUNTIME_DIR", m_runtime.path());
        const ScopedEnv tmp("TMPDIR", m_tmp.path());
        const QString name = SingleInstance::defaultServerName();
        QCOMPARE(name,
                 QDir(m_runtime.path()).filePath(QStringLiteral("hf-token-manager-%1.sock").arg(::getuid())));
        QVERIFY2(!QFile::exists(m_fallback), "no folder is made in the temporary folder");
        SingleInstance instance;
        QVERIFY2(instance.listen(), qPrintable(instance.errorString()));
        QCOMPARE(instance.socketPath(), name);
        QVERIFY(QFile::exists(name));
    }

    // Without XDG_RUNTIME_DIR, or with one that is not private, the fallback folder is made 0700.
    void fallbackFolderIsCreatedPrivate_data()
    {
        QTest::addColumn<bool>("runtimeSet");
        QTest::newRow("XDG_RUNTIME_DIR unset") << false;
        QTest::newRow("XDG_RUNTIME_DIR open to others") << true;
    }

    void fallbackFolderIsCreatedPrivate()
    {
        QFETCH(bool, runtimeSet);
        if (runtimeSet)
            QVERIFY(QFile::setPermissions(m_runtime.path(), QFile::Permissions(0x7777)));
        const ScopedEnv runtime("XDG_RUNTIME_DIR", runtimeSet ? m_runtime.path() : QString());
        const ScopedEnv tmp("TMPDIR", m_tmp.path());
        const mode_t savedUmask = ::umask(0); // a careless umask must not make the folder shared
        QString why;
        const QString name = SingleInstance::defaultServerName(&why);
        ::umask(savedUmask);
        QVERIFY2(!name.isEmpty(), qPrintable(why));
        QCOMPARE(name, QDir(m_fallback).filePath(QStringLiteral("hf-token-manager-%1.sock").arg(::getuid())));
        QCOMPARE(modeOf(m_fallback), 0700);
        SingleInstance instance;
        QVERIFY2(instance.listen(), qPrintable(instance.errorString()));
        QCOMPARE(instance.socketPath(), name);
        // Used again as it is on the next start.
        QCOMPARE(SingleInstance::defaultServerName(), name);
    }

    void foreignFolderIsRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason"); // a word the refusal must use
        QTest::newRow("mode 0777") << QStringLiteral("0777") << QStringLiteral("other users");
        QTest::newRow("mode 0750") << QStringLiteral("0750") << QStringLiteral("other users");
        QTest::newRow("mode 0701") << QStringLiteral("0701") << QStringLiteral("other users");
        QTest::newRow("owned by nobody") << QStringLiteral("nobody") << QStringLiteral("another user");
        QTest::newRow("symlink to a private folder") << QStringLiteral("link") << QStringLiteral("link");
        QTest::newRow("a file") << QStringLiteral("file") << QStringLiteral("not a folder");
    }

    void foreignFolderIsRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        const QByteArray path = QFile::encodeName(m_fallback);
        if (kind == QLatin1String("link")) {
            QVERIFY(QFile::link(m_runtime.path(), m_fallback));
        } else if (kind == QLatin1String("file")) {
            QFile file(m_fallback);
            QVERIFY(file.open(QIODevice::WriteOnly));
        } else {
            QCOMPARE(::mkdir(path.constData(), 0700), 0);
            if (kind == QLatin1String("nobody")) {
                if (::getuid() != 0)
                    QSKIP("Giving a folder to another user needs root (CI runs this as root).");
                QCOMPARE(::chown(path.constData(), Nobody, Nobody), 0);
            } else {
                QCOMPARE(::chmod(path.constData(), mode_t(kind.toInt(nullptr, 8))), 0);
            }
        }
        const ScopedEnv runtime("XDG_RUNTIME_DIR", QString());
        const ScopedEnv tmp("TMPDIR", m_tmp.path());
        QString why;
        QVERIFY(SingleInstance::defaultServerName(&why).isEmpty());
        QVERIFY2(why.contains(reason), qPrintable(why));
        QVERIFY(why.contains(m_fallback));

        // The program still starts, without the hand-over, and puts nothing into the foreign folder.
        SingleInstance instance;
        QVERIFY(!instance.forwardToRunning(500));
        QVERIFY(!instance.listen());
        QVERIFY2(instance.errorString().contains(reason), qPrintable(instance.errorString()));
        QVERIFY(QDir(m_runtime.path())
                    .isEmpty(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot));
        if (kind != QLatin1String("link") && kind != QLatin1String("file"))
            QVERIFY(QDir(m_fallback)
                        .isEmpty(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot));
    }

private:
    QTemporaryDir m_runtime;
    QTemporaryDir m_tmp;
    QString m_fallback;
};

QTEST_GUILESS_MAIN(TestSingleInstanceDir)
#include "tst_singleinstance_dir.moc"
