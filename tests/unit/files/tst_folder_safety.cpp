// Issue 10 item 6, checklist row 28: a token folder owned by someone else, or writable by others, is
// reported in words; the user's own 0700 folder and a sticky shared folder are not.
#include "support/ScratchEnvironment.h"

#include "core/files/FolderSafety.h"

#include <QDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace hftm;

class TestFolderSafety : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void modes_data();
    void modes();
    void foreignOwner_data();
    void foreignOwner();
    void separateTokenFolderIsCheckedToo();
    void missingFolderIsFine();

private:
    std::unique_ptr<test::ScratchEnvironment> m_env;
};

void TestFolderSafety::init()
{
    m_env = std::make_unique<test::ScratchEnvironment>();
    QVERIFY(m_env->isValid());
}

void TestFolderSafety::cleanup()
{
    m_env.reset();
}

void TestFolderSafety::modes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("words"); // empty: no finding
    QTest::newRow("0700") << 0700 << QString();
    QTest::newRow("0755 (readable is not writable)") << 0755 << QString();
    QTest::newRow("0777") << 0777 << QStringLiteral("every user");
    QTest::newRow("0770") << 0770 << QStringLiteral("members of the group");
    QTest::newRow("01777 (sticky, like /tmp)") << 01777 << QString();
}

void TestFolderSafety::modes()
{
    QFETCH(int, mode);
    QFETCH(QString, words);
    QVERIFY(::chmod(QFile::encodeName(m_env->hfHome()).constData(), mode_t(mode)) == 0);
    const QStringList findings = FolderSafety::check(m_env->paths());
    if (words.isEmpty()) {
        QCOMPARE(findings, QStringList());
        return;
    }
    QCOMPARE(findings.size(), 1); // HF_HOME is also the token folder: said once
    QVERIFY2(findings.first().contains(words) && findings.first().contains(m_env->hfHome()),
             qPrintable(findings.first()));
}

void TestFolderSafety::foreignOwner_data()
{
    QTest::addColumn<bool>("chown");
    QTest::newRow("checked against another uid") << false;
    QTest::newRow("chowned to 65534 (root only)") << true;
}

void TestFolderSafety::foreignOwner()
{
    QFETCH(bool, chown);
    uid_t user = ::geteuid();
    if (chown) {
        const uid_t other = user == 65534 ? 65533 : 65534; // 'nobody', unless that is who runs this
        if (::chown(QFile::encodeName(m_env->hfHome()).constData(), other, other) != 0)
            QSKIP("changing a folder's owner needs root (CI runs as root)");
    } else {
        user += 1; // the same question asked for a user who does not own the folder
    }
    const QStringList findings = FolderSafety::check(m_env->paths(), user);
    QCOMPARE(findings.size(), 1);
    QVERIFY2(findings.first().contains(QStringLiteral("belongs to another user")) &&
                 findings.first().contains(m_env->hfHome()),
             qPrintable(findings.first()));
}

void TestFolderSafety::separateTokenFolderIsCheckedToo()
{
    // HF_TOKEN_PATH elsewhere: its folder holds `token` and `stored_tokens`, so it counts as well.
    const QString folder = m_env->root() + QStringLiteral("/shared-tokens");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0777) == 0);
    m_env->set(QStringLiteral("HF_TOKEN_PATH"), folder + QStringLiteral("/token"));
    const QStringList findings = FolderSafety::check(m_env->paths());
    QCOMPARE(findings.size(), 1);
    QVERIFY2(findings.first().contains(folder), qPrintable(findings.first()));
}

void TestFolderSafety::missingFolderIsFine()
{
    m_env->set(QStringLiteral("HF_HOME"), m_env->root() + QStringLiteral("/not-yet"));
    QCOMPARE(FolderSafety::check(m_env->paths()), QStringList());
}

QTEST_GUILESS_MAIN(TestFolderSafety)
#include "tst_folder_safety.moc"
