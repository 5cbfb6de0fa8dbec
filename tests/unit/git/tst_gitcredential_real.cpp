// GitCredential with the real git and its `store` helper, inside a throw-away HOME / XDG_CONFIG_HOME so the
// developer's own git configuration and ~/.git-credentials are never read or touched.
#include "core/git/GitCredential.h"

#include <QElapsedTimer>
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
    void helpersForEndpoint_data();
    void helpersForEndpoint();
    void rejectIfHeld_data();
    void rejectIfHeld();
    void rejectIfHeldNeverPrompts_data();
    void rejectIfHeldNeverPrompts();

private:
    QString credentials() const;
    bool git(const QStringList &arguments);
    // An environment whose only git configuration is configText (global), for one data row.
    QProcessEnvironment withConfig(const QByteArray &configText);

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

QProcessEnvironment GitCredentialRealTest::withConfig(const QByteArray &configText)
{
    const QString path = m_scratch.filePath(QStringLiteral("row.gitconfig"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(configText) != configText.size())
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    QProcessEnvironment environment = m_environment;
    environment.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), path);
    return environment;
}

void GitCredentialRealTest::helpersForEndpoint_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QStringList>("expected");
    const QString hub = QStringLiteral("https://huggingface.co");
    const QString pulp = QStringLiteral("http://127.0.0.1:8089/pulp/content/hf");
    const QStringList store{QStringLiteral("store")};
    // Each expectation was checked against git 2.39 itself (`GIT_TRACE=1 git credential fill` lists the
    // helpers it runs).
    QTest::newRow("no helper") << QByteArray() << hub << QStringList();
    QTest::newRow("global store") << QByteArray("[credential]\n\thelper = store\n") << hub << store;
    QTest::newRow("scoped to the Hub (huggingface_hub misses it)")
        << QByteArray("[credential \"https://huggingface.co\"]\n\thelper = store\n") << hub << store;
    QTest::newRow("scoped to another host")
        << QByteArray("[credential \"https://source.developers.google.com\"]\n\thelper = gcloud.sh\n") << hub
        << QStringList();
    QTest::newRow("empty value resets")
        << QByteArray("[credential]\n\thelper = store\n\thelper =\n") << hub << QStringList();
    QTest::newRow("reset, then a scoped helper")
        << QByteArray("[credential]\n\thelper = cache\n[credential \"https://huggingface.co\"]\n\thelper =\n"
                      "\thelper = store\n")
        << hub << store;
    QTest::newRow("scoped helper, then a later global reset")
        << QByteArray("[credential \"https://huggingface.co\"]\n\thelper = store\n[credential]\n\thelper =\n")
        << hub << QStringList();
    QTest::newRow("two helpers in order")
        << QByteArray("[credential]\n\thelper = cache --timeout 30\n\thelper = store --file /tmp/x\n") << hub
        << QStringList{QStringLiteral("cache"), QStringLiteral("store")};
    QTest::newRow("host pattern without scheme")
        << QByteArray("[credential \"huggingface.co\"]\n\thelper = store\n") << hub << store;
    QTest::newRow("host in other case")
        << QByteArray("[credential \"https://HuggingFace.co\"]\n\thelper = store\n") << hub << store;
    QTest::newRow("glob matches a subdomain")
        << QByteArray("[credential \"https://*.huggingface.co\"]\n\thelper = store\n")
        << QStringLiteral("https://hub.huggingface.co") << store;
    QTest::newRow("glob does not match the bare host")
        << QByteArray("[credential \"https://*.huggingface.co\"]\n\thelper = store\n") << hub
        << QStringList();
    QTest::newRow("our user name matches")
        << QByteArray("[credential \"https://hf_user@huggingface.co\"]\n\thelper = store\n") << hub << store;
    QTest::newRow("another user name does not")
        << QByteArray("[credential \"https://alice@huggingface.co\"]\n\thelper = store\n") << hub
        << QStringList();
    QTest::newRow("another path does not")
        << QByteArray("[credential \"https://huggingface.co/other\"]\n\thelper = store\n") << hub
        << QStringList();
    QTest::newRow("host and port of a custom endpoint")
        << QByteArray("[credential \"http://127.0.0.1:8089\"]\n\thelper = store\n") << pulp << store;
    QTest::newRow("another port does not")
        << QByteArray("[credential \"http://127.0.0.1:9999\"]\n\thelper = store\n") << pulp << QStringList();
    QTest::newRow("shell helper shown without its command")
        << QByteArray("[credential]\n\thelper = \"!f() { echo password=hf_secret; }; f\"\n") << hub
        << QStringList{QStringLiteral("!…")};
}

void GitCredentialRealTest::helpersForEndpoint()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, endpoint);
    QFETCH(QStringList, expected);
    const Result<QStringList> helpers =
        GitCredential(QStringLiteral("git"), withConfig(config)).helpersFor(endpoint);
    QVERIFY2(helpers.ok(), qPrintable(helpers.error().message));
    QCOMPARE(helpers.value(), expected);
}

void GitCredentialRealTest::rejectIfHeld_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<int>("expected");
    QTest::newRow("git holds this token (put there by someone else)")
        << Canary << int(GitCredential::Held::ThisTokenRejected);
    QTest::newRow("git holds another token") << OtherToken << int(GitCredential::Held::OtherToken);
    QTest::newRow("git holds nothing") << QString() << int(GitCredential::Held::Nothing);
}

void GitCredentialRealTest::rejectIfHeld()
{
    QFETCH(QString, stored);
    QFETCH(int, expected);
    // Written by hand, as `hf auth login --add-to-git-credential` or the user would leave it; plus an
    // entry of another user name that must survive whatever happens.
    const QString alice = QStringLiteral("https://alice:hf_AliceOwnToken0000000000000000@huggingface.co\n");
    QFile file(m_credentialsPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    if (!stored.isEmpty())
        file.write(QStringLiteral("https://hf_user:%1@huggingface.co\n").arg(stored).toUtf8());
    file.write(alice.toUtf8());
    file.close();
    const QString before = credentials();

    int matcherCalls = 0;
    const Result<GitCredential::Held> held =
        GitCredential(QStringLiteral("git"), m_environment)
            .rejectIfHeld(QStringLiteral("https://huggingface.co"), [&](const QString &password) {
                ++matcherCalls;
                return password == Canary;
            });
    QVERIFY2(held.ok(), qPrintable(held.error().message));
    QCOMPARE(int(held.value()), expected);
    QCOMPARE(matcherCalls, stored.isEmpty() ? 0 : 1);
    if (expected == int(GitCredential::Held::ThisTokenRejected))
        QCOMPARE(credentials(), alice);
    else
        QCOMPARE(credentials(), before); // an unrelated credential is never erased
}

void GitCredentialRealTest::rejectIfHeldNeverPrompts_data()
{
    QTest::addColumn<bool>("withHelper");
    QTest::newRow("no helper applies: fill is not even run") << false;
    QTest::newRow("a helper with nothing stored: git reaches its prompt") << true;
}

void GitCredentialRealTest::rejectIfHeldNeverPrompts()
{
    // A desktop session's SSH_ASKPASS and a configured core.askPass would pop up a password dialog when
    // no helper answers; the check must stay silent and report nothing held.
    QFETCH(bool, withHelper);
    const QString marker = m_scratch.filePath(QStringLiteral("askpass-ran"));
    const QString askpass = m_scratch.filePath(QStringLiteral("askpass.sh"));
    QFile script(askpass);
    QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
    script.write("#!/bin/sh\ntouch '" + marker.toUtf8() + "'\necho hf_FromAskpass\n");
    script.close();
    QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QFile::remove(marker);
    QByteArray config = "[core]\n\taskPass = " + askpass.toUtf8() + "\n";
    if (withHelper)
        config += "[credential]\n\thelper = store --file " + m_credentialsPath.toUtf8() + "\n";
    QProcessEnvironment environment = withConfig(config);
    environment.insert(QStringLiteral("SSH_ASKPASS"), askpass);
    environment.remove(QStringLiteral("GIT_ASKPASS"));
    QElapsedTimer clock;
    clock.start();
    const Result<GitCredential::Held> held =
        GitCredential(QStringLiteral("git"), environment)
            .rejectIfHeld(QStringLiteral("https://huggingface.co"), [](const QString &) { return true; });
    QVERIFY2(held.ok(), qPrintable(held.error().message));
    QCOMPARE(held.value(), GitCredential::Held::Nothing);
    QVERIFY2(!QFile::exists(marker), "git asked for a password");
    QVERIFY(clock.elapsed() < 10000);
}

QTEST_GUILESS_MAIN(GitCredentialRealTest)
#include "tst_gitcredential_real.moc"
