// GitCredential with the real git and its `store` helper, inside a throw-away HOME / XDG_CONFIG_HOME so the
// developer's own git configuration and ~/.git-credentials are never read or touched.
#include "git/GitCredential.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;

namespace {
const QString Canary = QStringLiteral("hf_RealGitCanary1a2b3c4d5e6f7a8b9c0d");
const QString OtherToken = QStringLiteral("hf_RealGitOtherToken0f9e8d7c6b5a4");
} // namespace

class GitCredentialRealTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void configuredHelpersFromRealConfig();
    void approveStoresForHost_data();
    void approveStoresForHost();
    void rejectRemovesOnlyThatHost();
    void injectionNeverReachesTheHelper();

private:
    QString credentials() const;
    bool git(const QStringList &arguments);

    QTemporaryDir m_scratch;
    QProcessEnvironment m_environment;
    QString m_credentialsPath;
};

void GitCredentialRealTest::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    for (const char *folder : {"home", "config", "work"})
        QVERIFY(QDir(m_scratch.path()).mkpath(QString::fromLatin1(folder)));
    // git config --list reads the repository of the current directory too; the build tree lives inside
    // the project's repository, so work from an empty folder instead.
    QVERIFY(QDir::setCurrent(m_scratch.filePath(QStringLiteral("work"))));

    m_environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT", "GIT_DIR"})
        m_environment.remove(QString::fromLatin1(name));
    m_environment.insert(QStringLiteral("HOME"), m_scratch.filePath(QStringLiteral("home")));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_scratch.filePath(QStringLiteral("config")));
    m_environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    m_environment.insert(QStringLiteral("GIT_CEILING_DIRECTORIES"), m_scratch.path());

    m_credentialsPath = m_scratch.filePath(QStringLiteral("creds"));
    QVERIFY(git({QStringLiteral("config"), QStringLiteral("--global"), QStringLiteral("credential.helper"),
                 QStringLiteral("store --file ") + m_credentialsPath}));
}

void GitCredentialRealTest::init()
{
    QFile::remove(m_credentialsPath);
}

QString GitCredentialRealTest::credentials() const
{
    QFile file(m_credentialsPath);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool GitCredentialRealTest::git(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral("git"), arguments);
    return process.waitForFinished(20000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

void GitCredentialRealTest::configuredHelpersFromRealConfig()
{
    const Result<QStringList> helpers =
        GitCredential(QStringLiteral("git"), m_environment).configuredHelpers();
    QVERIFY2(helpers.ok(), qPrintable(helpers.error().message));
    QCOMPARE(helpers.value(), QStringList{QStringLiteral("store")});
}

void GitCredentialRealTest::approveStoresForHost_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("expectedLine");
    QTest::newRow("default endpoint") << QStringLiteral("https://huggingface.co")
                                      << QStringLiteral("https://hf_user:%1@huggingface.co").arg(Canary);
    // git drops the path (credential.useHttpPath is off) and the store helper escapes the port's colon.
    QTest::newRow("custom endpoint with port and path")
        << QStringLiteral("http://127.0.0.1:8080/some/path")
        << QStringLiteral("http://hf_user:%1@127.0.0.1%3a8080").arg(Canary);
}

void GitCredentialRealTest::approveStoresForHost()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, expectedLine);
    const Error error = GitCredential(QStringLiteral("git"), m_environment).approve(endpoint, Canary);
    QVERIFY2(!error, qPrintable(error.message));
    QCOMPARE(credentials().split(QLatin1Char('\n'), Qt::SkipEmptyParts), QStringList{expectedLine});
}

void GitCredentialRealTest::rejectRemovesOnlyThatHost()
{
    const GitCredential credential(QStringLiteral("git"), m_environment);
    QVERIFY(!credential.approve(QStringLiteral("https://huggingface.co"), Canary));
    QVERIFY(!credential.approve(QStringLiteral("http://127.0.0.1:8080/some/path"), OtherToken));
    QVERIFY(credentials().contains(Canary));

    const Error error = credential.reject(QStringLiteral("https://huggingface.co"));
    QVERIFY2(!error, qPrintable(error.message));
    QVERIFY(!credentials().contains(Canary));
    QVERIFY(credentials().contains(QStringLiteral("http://hf_user:%1@127.0.0.1%3a8080").arg(OtherToken)));

    // Rejecting what is not there is fine too (remove-everywhere reruns).
    QVERIFY(!credential.reject(QStringLiteral("https://huggingface.co")));
}

void GitCredentialRealTest::injectionNeverReachesTheHelper()
{
    const GitCredential credential(QStringLiteral("git"), m_environment);
    QCOMPARE(credential
                 .approve(QStringLiteral("https://huggingface.co"), QStringLiteral("hf_x\nhost=evil.example"))
                 .code,
             ErrorCode::InvalidInput);
    QVERIFY(!QFile::exists(m_credentialsPath));
}

QTEST_GUILESS_MAIN(GitCredentialRealTest)
#include "tst_gitcredential_real.moc"
