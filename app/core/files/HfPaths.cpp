#include "core/files/HfPaths.h"

#include "core/files/TokenText.h"

#include <QDir>

#include <pwd.h>
#include <unistd.h>

namespace hftm {

namespace {

QString homeOf(const QProcessEnvironment &env)
{
    if (env.contains(QStringLiteral("HOME")))
        return env.value(QStringLiteral("HOME"));
    if (const passwd *pw = ::getpwuid(::getuid()); pw && pw->pw_dir)
        return QString::fromLocal8Bit(pw->pw_dir);
    return QDir::homePath();
}

// posixpath.expanduser, including its corner cases ("~user", HOME with trailing slashes, "~" -> "/").
QString expandUser(const QString &path, const QProcessEnvironment &env)
{
    if (!path.startsWith(QLatin1Char('~')))
        return path;
    qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
    if (slash < 0)
        slash = path.size();
    QString home;
    if (slash == 1) {
        home = homeOf(env);
    } else {
        const QByteArray user = path.mid(1, slash - 1).toLocal8Bit();
        const passwd *pw = ::getpwnam(user.constData());
        if (!pw || !pw->pw_dir)
            return path;
        home = QString::fromLocal8Bit(pw->pw_dir);
    }
    while (home.endsWith(QLatin1Char('/')))
        home.chop(1);
    const QString result = home + path.mid(slash);
    return result.isEmpty() ? QStringLiteral("/") : result;
}

bool isAsciiWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_';
}

// posixpath.expandvars: $NAME and ${NAME}; unknown variables stay as written, known ones are replaced
// even when empty.
QString expandVars(const QString &path, const QProcessEnvironment &env)
{
    if (!path.contains(QLatin1Char('$')))
        return path;
    QString out;
    qsizetype i = 0;
    while (i < path.size()) {
        const QChar c = path.at(i);
        if (c != QLatin1Char('$') || i + 1 >= path.size()) {
            out += c;
            ++i;
            continue;
        }
        qsizetype end = -1;
        QString name;
        if (path.at(i + 1) == QLatin1Char('{')) {
            const qsizetype close = path.indexOf(QLatin1Char('}'), i + 2);
            if (close >= 0) {
                end = close + 1;
                name = path.mid(i + 2, close - i - 2);
            }
        } else {
            qsizetype j = i + 1;
            while (j < path.size() && isAsciiWordChar(path.at(j)))
                ++j;
            if (j > i + 1) {
                end = j;
                name = path.mid(i + 1, j - i - 1);
            }
        }
        if (end < 0) {
            out += c;
            ++i;
            continue;
        }
        if (env.contains(name))
            out += env.value(name);
        else
            out += path.mid(i, end - i);
        i = end;
    }
    return out;
}

QString expand(const QString &path, const QProcessEnvironment &env)
{
    return expandVars(expandUser(path, env), env);
}

// os.path.join for two components.
QString joinPath(const QString &a, const QString &b)
{
    if (a.isEmpty() || a.endsWith(QLatin1Char('/')))
        return a + b;
    return a + QLatin1Char('/') + b;
}

// posixpath.dirname: keeps a root made only of slashes, drops trailing slashes otherwise.
QString dirName(const QString &path)
{
    QString head = path.left(path.lastIndexOf(QLatin1Char('/')) + 1);
    if (!head.isEmpty() && head != QString(head.size(), QLatin1Char('/'))) {
        while (head.endsWith(QLatin1Char('/')))
            head.chop(1);
    }
    return head;
}

} // namespace

HfPaths HfPaths::fromEnvironment(const QProcessEnvironment &env)
{
    // huggingface_hub's os.getenv() would take an empty value literally; the app treats it as unset so
    // that a stray `export HF_HOME=` does not put tokens in whatever folder the program runs from.
    HfPaths paths;
    QString home = env.value(QStringLiteral("HF_HOME"));
    if (home.isEmpty()) {
        const QString cache = env.value(QStringLiteral("XDG_CACHE_HOME"));
        home = joinPath(cache.isEmpty()
                            ? joinPath(expandUser(QStringLiteral("~"), env), QStringLiteral(".cache"))
                            : cache,
                        QStringLiteral("huggingface"));
    }
    paths.hfHome = expand(home, env);

    const QString tokenPath = env.value(QStringLiteral("HF_TOKEN_PATH"));
    paths.tokenPath =
        tokenPath.isEmpty() ? joinPath(paths.hfHome, QStringLiteral("token")) : expand(tokenPath, env);
    paths.storedTokensPath = joinPath(dirName(paths.tokenPath), QStringLiteral("stored_tokens"));
    paths.lockPath = paths.storedTokensPath + QStringLiteral(".lock");
    return paths;
}

EnvToken EnvToken::fromEnvironment(const QProcessEnvironment &env)
{
    // `os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")`, then cleaned: a non-empty
    // HF_TOKEN that cleans to nothing hides the legacy variable, exactly as in huggingface_hub.
    for (const QString &name : {QStringLiteral("HF_TOKEN"), QStringLiteral("HUGGING_FACE_HUB_TOKEN")}) {
        const QString raw = env.value(name);
        if (raw.isEmpty())
            continue;
        const QString secret = TokenText::clean(raw);
        if (secret.isEmpty())
            return {};
        return EnvToken{name, secret};
    }
    return {};
}

QString endpointFromEnvironment(const QProcessEnvironment &env)
{
    QString endpoint = env.value(QStringLiteral("HF_ENDPOINT"));
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    return endpoint.isEmpty() ? QStringLiteral("https://huggingface.co") : endpoint;
}

} // namespace hftm
