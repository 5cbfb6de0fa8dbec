// Checklist row 27: both programs make themselves non-dumpable and set RLIMIT_CORE to 0 at start-up.
// Both are read back from the outside, from the real running binaries: /proc/<pid>/limits for the core
// limit, and for "not dumpable" the kernel's own sign of it: the files under /proc/<pid> of a process
// that is not dumpable belong to root instead of the process's user (proc(5)), and only then are they
// closed to other processes of that user. That needs a child that does not run as root: a test running
// as root starts it as "nobody" and hands it its scratch folder, with a copy of the binary in it: the
// build tree may sit in a folder "nobody" cannot enter (a clone in a 0700 mktemp folder).
#include "support/ScratchEnvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using hftm::test::ScratchEnvironment;

namespace {
constexpr uid_t Nobody = 65534;

// Owner of /proc/<pid>/status; -1 when the process is gone.
qint64 procOwner(qint64 pid)
{
    struct stat info {};
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/status";
    return ::stat(path.constData(), &info) == 0 ? qint64(info.st_uid) : -1;
}

// The scratch folder must be the child's when the child runs as someone else. False when a chown failed
// (the child would then fail on a folder it cannot use, which the caller reports).
bool giveTo(const QString &root, uid_t uid)
{
    bool all = ::chown(QFile::encodeName(root).constData(), uid, uid) == 0;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        all = ::lchown(QFile::encodeName(it.next()).constData(), uid, uid) == 0 && all;
    return all;
}

// "Max core file size" soft and hard limits from /proc/<pid>/limits, e.g. "0 0" or "unlimited unlimited".
QString coreLimits(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("<unreadable>");
    static const QRegularExpression line(QStringLiteral("^Max core file size\\s+(\\S+)\\s+(\\S+)"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(file.readAll()));
    return match.hasMatch() ? match.captured(1) + QLatin1Char(' ') + match.captured(2)
                            : QStringLiteral("<none>");
}

// The state letter of /proc/<pid>/stat ("S", "R", "Z"...), to prove the process is alive and not a zombie.
QByteArray processState(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return "<gone>";
    const QByteArray stat = file.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2, 1);
}

// The real uid from /proc/<pid>/status ("Uid:" line), -1 when unreadable.
qint64 statusUid(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^Uid:\\s+(\\d+)"), QRegularExpression::MultilineOption)
            .match(QString::fromLatin1(file.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

class TestProcessHardening : public QObject {
    Q_OBJECT

private slots:
    void runningProgramIsHardened_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        // `add` waits on standard input (a pipe kept open) for the secret: the moment that matters.
        QTest::newRow("hftoken add, waiting for the secret")
            << QStringLiteral(HFTOKEN_BIN)
            << QStringList{QStringLiteral("add"), QStringLiteral("--no-validate"), QStringLiteral("probe")};
        QTest::newRow("hf-token-manager window (offscreen)") << QStringLiteral(HFTM_GUI_BIN) << QStringList{};
    }

    void runningProgramIsHardened()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        ScratchEnvironment env;
        QVERIFY(env.isValid());
        QProcessEnvironment processEnv = env.environment();
        processEnv.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        processEnv.insert(QStringLiteral("XDG_RUNTIME_DIR"), env.root());

        // The child must not be root, or "owned by root" would say nothing.
        const bool asNobody = ::getuid() == 0;
        const uid_t childUid = asNobody ? Nobody : ::getuid();
        if (asNobody) {
            // Both binaries link the project's libraries statically, so the copy runs on its own.
            const QString copy = env.root() + QStringLiteral("/bin/") + QFileInfo(program).fileName();
            QVERIFY(QDir().mkpath(env.root() + QStringLiteral("/bin")));
            QVERIFY2(QFile::copy(program, copy), qPrintable(program));
            program = copy;
            QVERIFY2(giveTo(env.root(), Nobody), "could not give the scratch folder to nobody");
        }
        QProcess process;
        process.setProcessEnvironment(processEnv);
        if (asNobody) {
            process.setChildProcessModifier([] {
                // Between fork and exec: only async-signal-safe calls.
                if (::setgroups(0, nullptr) != 0 || ::setgid(Nobody) != 0 || ::setuid(Nobody) != 0)
                    ::_exit(125);
            });
        }
        process.start(program, arguments);
        QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
        const qint64 pid = process.processId();

        QTRY_COMPARE_WITH_TIMEOUT(coreLimits(pid), QStringLiteral("0 0"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(procOwner(pid), qint64(0), 20000);
        // Only a live process counts (and one that really runs as childUid): an exited one proves nothing.
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY2(processState(pid) != "Z" && processState(pid) != "<gone>", processState(pid).constData());
        QVERIFY(statusUid(pid) == qint64(childUid));

        process.kill(); // ours, by its handle: both programs would otherwise wait on
        process.waitForFinished(20000);
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_process_hardening.moc"
