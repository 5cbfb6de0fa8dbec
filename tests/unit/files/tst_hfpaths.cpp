#include "core/files/HfPaths.h"

#include <QTest>

#include <pwd.h>

using namespace hftm;

namespace {

// Builds an environment from "NAME=value" strings only, so the machine's own variables cannot leak in.
QProcessEnvironment envOf(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &a : assignments) {
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        env.insert(a.left(eq), a.mid(eq + 1));
    }
    return env;
}

QString rootHome()
{
    const passwd *pw = ::getpwnam("root");
    return pw ? QString::fromLocal8Bit(pw->pw_dir) : QString();
}

} // namespace

// The paths must be those huggingface_hub (>= 0.30, constants.py) computes from the same environment;
// expectations follow Python's os.path.expanduser / expandvars / join / dirname.
class TestHfPaths : public QObject {
    Q_OBJECT

private slots:
    void paths_data();
    void paths();
    void envToken_data();
    void envToken();
    void endpoint_data();
    void endpoint();
};

void TestHfPaths::paths_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("hfHome");
    QTest::addColumn<QString>("tokenPath");
    QTest::addColumn<QString>("storedTokensPath");

    const QString h = QStringLiteral("HOME=/home/u");
    QTest::newRow("defaults") << QStringList{h} << QStringLiteral("/home/u/.cache/huggingface")
                              << QStringLiteral("/home/u/.cache/huggingface/token")
                              << QStringLiteral("/home/u/.cache/huggingface/stored_tokens");
    QTest::newRow("XDG_CACHE_HOME") << QStringList{h, QStringLiteral("XDG_CACHE_HOME=/xdg")}
                                    << QStringLiteral("/xdg/huggingface")
                                    << QStringLiteral("/xdg/huggingface/token")
                                    << QStringLiteral("/xdg/huggingface/stored_tokens");
    QTest::newRow("HF_HOME beats XDG")
        << QStringList{h, QStringLiteral("XDG_CACHE_HOME=/xdg"), QStringLiteral("HF_HOME=/hf")}
        << QStringLiteral("/hf") << QStringLiteral("/hf/token") << QStringLiteral("/hf/stored_tokens");
    QTest::newRow("HF_HOME with ~") << QStringList{h, QStringLiteral("HF_HOME=~/hf")}
                                    << QStringLiteral("/home/u/hf") << QStringLiteral("/home/u/hf/token")
                                    << QStringLiteral("/home/u/hf/stored_tokens");
    QTest::newRow("HF_HOME with ~user")
        << QStringList{h, QStringLiteral("HF_HOME=~root/hf")} << rootHome() + QStringLiteral("/hf")
        << rootHome() + QStringLiteral("/hf/token") << rootHome() + QStringLiteral("/hf/stored_tokens");
    QTest::newRow("unknown ~user kept")
        << QStringList{h, QStringLiteral("HF_HOME=~no-such-user-hftm/hf")}
        << QStringLiteral("~no-such-user-hftm/hf") << QStringLiteral("~no-such-user-hftm/hf/token")
        << QStringLiteral("~no-such-user-hftm/hf/stored_tokens");
    QTest::newRow("HOME with trailing slash")
        << QStringList{QStringLiteral("HOME=/home/u/"), QStringLiteral("HF_HOME=~/hf")}
        << QStringLiteral("/home/u/hf") << QStringLiteral("/home/u/hf/token")
        << QStringLiteral("/home/u/hf/stored_tokens");
    QTest::newRow("$VAR and ${VAR}") << QStringList{h, QStringLiteral("B=/b"),
                                                    QStringLiteral("HF_HOME=$B/x/${B}")}
                                     << QStringLiteral("/b/x//b") << QStringLiteral("/b/x//b/token")
                                     << QStringLiteral("/b/x//b/stored_tokens");
    QTest::newRow("unknown vars kept")
        << QStringList{h, QStringLiteral("HF_HOME=/x/$NOPE/${NOPE2}/$")}
        << QStringLiteral("/x/$NOPE/${NOPE2}/$") << QStringLiteral("/x/$NOPE/${NOPE2}/$/token")
        << QStringLiteral("/x/$NOPE/${NOPE2}/$/stored_tokens");
    QTest::newRow("set-but-empty var expands to nothing")
        << QStringList{h, QStringLiteral("E="), QStringLiteral("HF_HOME=/a$E/b")} << QStringLiteral("/a/b")
        << QStringLiteral("/a/b/token") << QStringLiteral("/a/b/stored_tokens");
    QTest::newRow("~ then $HOME") << QStringList{h, QStringLiteral("HF_HOME=$HOME/hf")}
                                  << QStringLiteral("/home/u/hf") << QStringLiteral("/home/u/hf/token")
                                  << QStringLiteral("/home/u/hf/stored_tokens");
    QTest::newRow("XDG_CACHE_HOME with ~")
        << QStringList{h, QStringLiteral("XDG_CACHE_HOME=~/c")} << QStringLiteral("/home/u/c/huggingface")
        << QStringLiteral("/home/u/c/huggingface/token")
        << QStringLiteral("/home/u/c/huggingface/stored_tokens");
    QTest::newRow("HF_HOME trailing slash")
        << QStringList{h, QStringLiteral("HF_HOME=/hf/")} << QStringLiteral("/hf/")
        << QStringLiteral("/hf/token") << QStringLiteral("/hf/stored_tokens");
    QTest::newRow("HF_TOKEN_PATH moves stored_tokens")
        << QStringList{h, QStringLiteral("HF_HOME=/hf"), QStringLiteral("HF_TOKEN_PATH=/t/dir/tok")}
        << QStringLiteral("/hf") << QStringLiteral("/t/dir/tok") << QStringLiteral("/t/dir/stored_tokens");
    QTest::newRow("HF_TOKEN_PATH with ~")
        << QStringList{h, QStringLiteral("HF_TOKEN_PATH=~/secret/tok")}
        << QStringLiteral("/home/u/.cache/huggingface") << QStringLiteral("/home/u/secret/tok")
        << QStringLiteral("/home/u/secret/stored_tokens");
    QTest::newRow("HF_TOKEN_PATH with $HF_HOME")
        << QStringList{h, QStringLiteral("HF_HOME=/hf"), QStringLiteral("HF_TOKEN_PATH=${HF_HOME}/alt/token")}
        << QStringLiteral("/hf") << QStringLiteral("/hf/alt/token")
        << QStringLiteral("/hf/alt/stored_tokens");
    QTest::newRow("HF_TOKEN_PATH in a folder with trailing slashes")
        << QStringList{h, QStringLiteral("HF_TOKEN_PATH=/t//tok")}
        << QStringLiteral("/home/u/.cache/huggingface") << QStringLiteral("/t//tok")
        << QStringLiteral("/t/stored_tokens");
    QTest::newRow("HF_TOKEN_PATH at the root") << QStringList{h, QStringLiteral("HF_TOKEN_PATH=/tok")}
                                               << QStringLiteral("/home/u/.cache/huggingface")
                                               << QStringLiteral("/tok") << QStringLiteral("/stored_tokens");
    QTest::newRow("empty HF_HOME is unset")
        << QStringList{h, QStringLiteral("HF_HOME="), QStringLiteral("XDG_CACHE_HOME=/xdg")}
        << QStringLiteral("/xdg/huggingface") << QStringLiteral("/xdg/huggingface/token")
        << QStringLiteral("/xdg/huggingface/stored_tokens");
    QTest::newRow("empty XDG_CACHE_HOME is unset")
        << QStringList{h, QStringLiteral("XDG_CACHE_HOME=")} << QStringLiteral("/home/u/.cache/huggingface")
        << QStringLiteral("/home/u/.cache/huggingface/token")
        << QStringLiteral("/home/u/.cache/huggingface/stored_tokens");
    QTest::newRow("empty HF_TOKEN_PATH is unset")
        << QStringList{h, QStringLiteral("HF_HOME=/hf"), QStringLiteral("HF_TOKEN_PATH=")}
        << QStringLiteral("/hf") << QStringLiteral("/hf/token") << QStringLiteral("/hf/stored_tokens");
}

void TestHfPaths::paths()
{
    QFETCH(QStringList, env);
    QFETCH(QString, hfHome);
    QFETCH(QString, tokenPath);
    QFETCH(QString, storedTokensPath);
    if (qstrcmp(QTest::currentDataTag(), "HF_HOME with ~user") == 0 && rootHome().isEmpty())
        QSKIP("this system has no root account in its user database");

    const HfPaths paths = HfPaths::fromEnvironment(envOf(env));
    QCOMPARE(paths.hfHome, hfHome);
    QCOMPARE(paths.tokenPath, tokenPath);
    QCOMPARE(paths.storedTokensPath, storedTokensPath);
    QCOMPARE(paths.lockPath, storedTokensPath + QStringLiteral(".lock"));
}

void TestHfPaths::envToken_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("secret");

    QTest::newRow("none") << QStringList{} << QString() << QString();
    QTest::newRow("HF_TOKEN cleaned") << QStringList{QStringLiteral("HF_TOKEN= hf_abc\r\n")}
                                      << QStringLiteral("HF_TOKEN") << QStringLiteral("hf_abc");
    QTest::newRow("inner CR/LF removed") << QStringList{QStringLiteral("HF_TOKEN=hf_a\r\nbc")}
                                         << QStringLiteral("HF_TOKEN") << QStringLiteral("hf_abc");
    QTest::newRow("legacy variable") << QStringList{QStringLiteral("HUGGING_FACE_HUB_TOKEN=hf_old")}
                                     << QStringLiteral("HUGGING_FACE_HUB_TOKEN") << QStringLiteral("hf_old");
    QTest::newRow("HF_TOKEN wins") << QStringList{QStringLiteral("HF_TOKEN=hf_new"),
                                                  QStringLiteral("HUGGING_FACE_HUB_TOKEN=hf_old")}
                                   << QStringLiteral("HF_TOKEN") << QStringLiteral("hf_new");
    QTest::newRow("empty HF_TOKEN falls back")
        << QStringList{QStringLiteral("HF_TOKEN="), QStringLiteral("HUGGING_FACE_HUB_TOKEN=hf_old")}
        << QStringLiteral("HUGGING_FACE_HUB_TOKEN") << QStringLiteral("hf_old");
    // Python: `os.environ.get("HF_TOKEN") or ...` picks the non-empty "\n", which then cleans to nothing.
    QTest::newRow("blank HF_TOKEN hides legacy")
        << QStringList{QStringLiteral("HF_TOKEN=\r\n"), QStringLiteral("HUGGING_FACE_HUB_TOKEN=hf_old")}
        << QString() << QString();
    QTest::newRow("only whitespace") << QStringList{QStringLiteral("HF_TOKEN=   ")} << QString() << QString();
}

void TestHfPaths::envToken()
{
    QFETCH(QStringList, env);
    QFETCH(QString, variable);
    QFETCH(QString, secret);
    const EnvToken token = EnvToken::fromEnvironment(envOf(env));
    QCOMPARE(token.variable, variable);
    QCOMPARE(token.secret, secret);
    QCOMPARE(token.isSet(), !variable.isEmpty());
}

void TestHfPaths::endpoint_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("default") << QStringList{} << QStringLiteral("https://huggingface.co");
    QTest::newRow("empty") << QStringList{QStringLiteral("HF_ENDPOINT=")}
                           << QStringLiteral("https://huggingface.co");
    QTest::newRow("trailing slash") << QStringList{QStringLiteral("HF_ENDPOINT=https://hub.example/")}
                                    << QStringLiteral("https://hub.example");
    QTest::newRow("path kept, slashes stripped")
        << QStringList{QStringLiteral("HF_ENDPOINT=http://pulp:8080/pulp/content/hf//")}
        << QStringLiteral("http://pulp:8080/pulp/content/hf");
    QTest::newRow("only slashes") << QStringList{QStringLiteral("HF_ENDPOINT=//")}
                                  << QStringLiteral("https://huggingface.co");
}

void TestHfPaths::endpoint()
{
    QFETCH(QStringList, env);
    QFETCH(QString, endpoint);
    QCOMPARE(endpointFromEnvironment(envOf(env)), endpoint);
}

QTEST_GUILESS_MAIN(TestHfPaths)
#include "tst_hfpaths.moc"
