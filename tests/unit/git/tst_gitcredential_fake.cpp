// GitCredential against a recording fake git: exactly what reaches git (argv, stdin, environment), what
// never does (the token outside stdin, injected protocol lines), and bounded failure.
#include "core/git/GitCredential.h"
#include "unit/git/FakeGit.h"

#include <QElapsedTimer>
#include <QTest>

using namespace hftm;
using hftm::test::FakeGit;

namespace {
const QString Canary = QStringLiteral("hf_GitCanary9d8c7b6a5f4e3d2c1b0a");
const QString Endpoint = QStringLiteral("https://huggingface.co");

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    environment.insert(QStringLiteral("HFTM_PASSED_THROUGH"), QStringLiteral("yes"));
    return environment;
}
} // namespace

class GitCredentialFakeTest : public QObject {
    Q_OBJECT

private slots:
    void approveWritesProtocolOnStdin();
    void rejectWritesProtocolOnStdin();
    void tokenOnlyOnStdin();
    void controlCharactersRefusedBeforeGit_data();
    void controlCharactersRefusedBeforeGit();
    void rejectRefusesControlCharacters();
    void failureQuotesStderrWithoutToken();
    void hangingGitIsStopped();
    void missingGitProgram();
    void configuredHelpers_data();
    void configuredHelpers();
    void configuredHelpersFailure();
    void fillAsksWithoutAnyPrompt();
};

void GitCredentialFakeTest::approveWritesProtocolOnStdin()
{
    FakeGit git;
    QVERIFY(git.isValid());
    const Error error = GitCredential(git.program(), childEnvironment()).approve(Endpoint, Canary);
    QVERIFY2(!error, qPrintable(error.message));
    QCOMPARE(git.argv(), (QStringList{QStringLiteral("credential"), QStringLiteral("approve")}));
    QCOMPARE(git.stdinBytes(),
             "url=https://huggingface.co\nusername=hf_user\npassword=" + Canary.toUtf8() + "\n\n");
}

void GitCredentialFakeTest::rejectWritesProtocolOnStdin()
{
    FakeGit git;
    const Error error = GitCredential(git.program(), childEnvironment())
                            .reject(QStringLiteral("http://127.0.0.1:8080/some/path"));
    QVERIFY2(!error, qPrintable(error.message));
    QCOMPARE(git.argv(), (QStringList{QStringLiteral("credential"), QStringLiteral("reject")}));
    QCOMPARE(git.stdinBytes(), QByteArray("url=http://127.0.0.1:8080/some/path\nusername=hf_user\n\n"));
}

void GitCredentialFakeTest::tokenOnlyOnStdin()
{
    FakeGit git;
    QVERIFY(!GitCredential(git.program(), childEnvironment()).approve(Endpoint, Canary));
    const QByteArray token = Canary.toUtf8();
    QVERIFY(!git.argv().join(QLatin1Char(' ')).contains(Canary));
    QVERIFY(!git.childEnvironment().isEmpty());
    QVERIFY(!git.childEnvironment().contains(token));
    const QList<QByteArray> environment = git.environmentEntries();
    QVERIFY(environment.contains("GIT_TERMINAL_PROMPT=0"));
    QVERIFY(environment.contains("GCM_INTERACTIVE=never"));
    // The environment given to the constructor is the one git gets, not this process's.
    QVERIFY(environment.contains("HFTM_PASSED_THROUGH=yes"));
    qputenv("HFTM_PARENT_ONLY", "1");
    FakeGit second;
    QVERIFY(!GitCredential(second.program(), childEnvironment()).approve(Endpoint, Canary));
    QVERIFY(!second.childEnvironment().contains("HFTM_PARENT_ONLY"));
    qunsetenv("HFTM_PARENT_ONLY");
}

void GitCredentialFakeTest::controlCharactersRefusedBeforeGit_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("token");
    const auto withToken = [](const char *tag, const QString &token) {
        QTest::newRow(tag) << Endpoint << token;
    };
    withToken("LF injects host", QStringLiteral("hf_x\nhost=evil.example"));
    withToken("CR", QStringLiteral("hf_x\rhost=evil.example"));
    withToken("CRLF", QStringLiteral("hf_x\r\nhost=evil.example"));
    withToken("NUL", QStringLiteral("hf_x") + QChar(0) + QStringLiteral("host=evil.example"));
    withToken("tab", QStringLiteral("hf_x\tevil"));
    withToken("escape", QStringLiteral("hf_x\x1b[2Jevil"));
    withToken("DEL", QStringLiteral("hf_x\x7f"
                                    "evil"));
    withToken("NEL (C1)", QStringLiteral("hf_x") + QChar(0x85) + QStringLiteral("evil"));
    withToken("line separator", QStringLiteral("hf_x") + QChar(0x2028) + QStringLiteral("evil"));
    withToken("empty token", QString());
    QTest::newRow("LF in endpoint") << QStringLiteral("https://huggingface.co\nhost=evil.example") << Canary;
    QTest::newRow("NUL in endpoint") << QStringLiteral("https://huggingface.co") + QChar(0) +
                                            QStringLiteral("evil")
                                     << Canary;
    QTest::newRow("empty endpoint") << QString() << Canary;
}

void GitCredentialFakeTest::controlCharactersRefusedBeforeGit()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, token);
    FakeGit git;
    const Error error = GitCredential(git.program(), childEnvironment()).approve(endpoint, token);
    QCOMPARE(error.code, ErrorCode::InvalidInput);
    QVERIFY2(!git.wasCalled(), "git ran although the input was refused");
    // The message never repeats what was pasted.
    QVERIFY(!error.message.contains(QStringLiteral("evil")));
    QVERIFY(!error.message.contains(QStringLiteral("hf_x")));
    QVERIFY(!error.message.contains(Canary));
}

void GitCredentialFakeTest::rejectRefusesControlCharacters()
{
    FakeGit git;
    const GitCredential credential(git.program(), childEnvironment());
    QCOMPARE(credential.reject(QStringLiteral("https://huggingface.co\nhost=evil.example")).code,
             ErrorCode::InvalidInput);
    QCOMPARE(credential.reject(QString()).code, ErrorCode::InvalidInput);
    QVERIFY(!git.wasCalled());
}

void GitCredentialFakeTest::failureQuotesStderrWithoutToken()
{
    FakeGit git;
    git.setStderr("fatal: the helper broke\n");
    git.echoStdinToStderr(); // a careless helper that repeats its input, token included
    git.setExitCode(3);
    const Error error = GitCredential(git.program(), childEnvironment()).approve(Endpoint, Canary);
    QCOMPARE(error.code, ErrorCode::Git);
    QVERIFY2(error.message.contains(QStringLiteral("fatal: the helper broke")), qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("git credential approve")));
    QVERIFY(error.message.contains(QStringLiteral("3")));
    QVERIFY(error.message.contains(QStringLiteral("username=hf_user")));
    QVERIFY2(!error.message.contains(Canary), "git's stderr was quoted with the token in it");
}

void GitCredentialFakeTest::hangingGitIsStopped()
{
    FakeGit git;
    git.hang();
    constexpr int TimeoutMs = 500;
    QElapsedTimer clock;
    clock.start();
    const Error error = GitCredential(git.program(), childEnvironment(), TimeoutMs).approve(Endpoint, Canary);
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(error.code, ErrorCode::Git);
    QVERIFY2(error.message.contains(QStringLiteral("did not finish within 0.5 s")),
             qPrintable(error.message));
    QVERIFY(!error.message.contains(Canary));
    QVERIFY(elapsed >= TimeoutMs);
    QVERIFY2(elapsed < TimeoutMs + 5000, "the call was not bounded by its timeout");
}

void GitCredentialFakeTest::missingGitProgram()
{
    const GitCredential credential(QStringLiteral("/nonexistent/hftm/git"), childEnvironment());
    const Error error = credential.approve(Endpoint, Canary);
    QCOMPARE(error.code, ErrorCode::Git);
    QVERIFY(error.message.contains(QStringLiteral("/nonexistent/hftm/git")));
    QVERIFY(!error.message.contains(Canary));
    QCOMPARE(credential.configuredHelpers().error().code, ErrorCode::Git);
}

void GitCredentialFakeTest::configuredHelpers_data()
{
    QTest::addColumn<QByteArray>("configList");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << QByteArray("user.name=Ada\ncore.bare=false\n") << QStringList();
    QTest::newRow("store") << QByteArray("credential.helper=store\n") << QStringList{QStringLiteral("store")};
    QTest::newRow("cache with options")
        << QByteArray("credential.helper=cache --timeout 30000\n") << QStringList{QStringLiteral("cache")};
    QTest::newRow("store with file") << QByteArray("credential.helper=store --file /tmp/x\n")
                                     << QStringList{QStringLiteral("store")};
    QTest::newRow("absolute libsecret")
        << QByteArray("credential.helper=/usr/libexec/git-core/git-credential-libsecret\n")
        << QStringList{QStringLiteral("/usr/libexec/git-core/git-credential-libsecret")};
    QTest::newRow("manager-core") << QByteArray("credential.helper=manager-core\n")
                                  << QStringList{QStringLiteral("manager-core")};
    QTest::newRow("url-scoped ignored")
        << QByteArray("credential.https://huggingface.co.helper=store\n") << QStringList();
    QTest::newRow("shell helper ignored")
        << QByteArray("credential.helper=!f() { echo password=x; }; f\n") << QStringList();
    QTest::newRow("empty reset ignored") << QByteArray("credential.helper=\n") << QStringList();
    QTest::newRow("windows path ignored")
        << QByteArray("credential.helper=C:/Program Files/Git/gcm.exe\n") << QStringList();
    QTest::newRow("other credential keys ignored")
        << QByteArray("credential.usehttppath=true\ncredential.username=hf_user\n") << QStringList();
    QTest::newRow("not at line start") << QByteArray("alias.x=credential.helper=store\n") << QStringList();
    QTest::newRow("duplicates merged and sorted")
        << QByteArray("credential.helper=store\ncredential.helper=cache --timeout 30000\n"
                      "credential.helper=\ncredential.helper=store --file /tmp/y\n"
                      "credential.https://huggingface.co.helper=osxkeychain\n")
        << QStringList{QStringLiteral("cache"), QStringLiteral("store")};
    QTest::newRow("no trailing newline")
        << QByteArray("credential.helper=osxkeychain") << QStringList{QStringLiteral("osxkeychain")};
}

void GitCredentialFakeTest::configuredHelpers()
{
    QFETCH(QByteArray, configList);
    QFETCH(QStringList, expected);
    FakeGit git;
    git.setStdout(configList);
    const Result<QStringList> helpers = GitCredential(git.program(), childEnvironment()).configuredHelpers();
    QVERIFY2(helpers.ok(), qPrintable(helpers.error().message));
    QCOMPARE(helpers.value(), expected);
    QCOMPARE(git.argv(), (QStringList{QStringLiteral("config"), QStringLiteral("--list")}));
}

void GitCredentialFakeTest::configuredHelpersFailure()
{
    FakeGit git;
    git.setStderr("fatal: bad config line 3 in file /home/x/.gitconfig\n");
    git.setExitCode(128);
    const Result<QStringList> helpers = GitCredential(git.program(), childEnvironment()).configuredHelpers();
    QCOMPARE(helpers.error().code, ErrorCode::Git);
    QVERIFY(helpers.error().message.contains(QStringLiteral("bad config line 3")));
}

void GitCredentialFakeTest::fillAsksWithoutAnyPrompt()
{
    // The fake answers every call with a `store` helper and no password: helpersFor() finds a helper, so
    // `credential fill` runs (the last call recorded) and finds nothing.
    FakeGit git;
    git.setStdout(QByteArray("credential.helper\nstore\0", 24));
    QProcessEnvironment environment = childEnvironment();
    environment.insert(QStringLiteral("SSH_ASKPASS"), QStringLiteral("/usr/bin/ssh-askpass"));
    environment.insert(QStringLiteral("GIT_ASKPASS"), QStringLiteral("/usr/bin/ksshaskpass"));
    bool asked = false;
    const Result<GitCredential::Held> held =
        GitCredential(git.program(), environment).rejectIfHeld(Endpoint, [&](const QString &) {
            asked = true;
            return true;
        });
    QVERIFY2(held.ok(), qPrintable(held.error().message));
    QCOMPARE(held.value(), GitCredential::Held::Nothing);
    QVERIFY(!asked);
    QCOMPARE(git.argv(), (QStringList{QStringLiteral("-c"), QStringLiteral("credential.interactive=never"),
                                      QStringLiteral("credential"), QStringLiteral("fill")}));
    QCOMPARE(git.stdinBytes(), QByteArray("url=https://huggingface.co\nusername=hf_user\n\n"));
    const QList<QByteArray> seen = git.environmentEntries();
    QVERIFY(seen.contains("GIT_TERMINAL_PROMPT=0"));
    QVERIFY(seen.contains("GIT_ASKPASS=")); // empty: git uses neither core.askPass nor SSH_ASKPASS
    QVERIFY(seen.contains("GCM_INTERACTIVE=never"));
    for (const QByteArray &entry : seen)
        QVERIFY2(!entry.startsWith("SSH_ASKPASS="), entry.constData());
}

QTEST_GUILESS_MAIN(GitCredentialFakeTest)
#include "tst_gitcredential_fake.moc"
