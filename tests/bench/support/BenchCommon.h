#pragma once

// What every benchmark shares: min/median/max of a few runs, the build type, hf-style token files and
// running a child (often itself) inside a private gnome-keyring. Benchmarks print; they never judge.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>

namespace hftm::bench {

inline const char *buildType()
{
    return HFTM_BENCH_BUILD_TYPE; // CMAKE_BUILD_TYPE of this build, set by tests/bench/CMakeLists.txt
}

// min / median / max of the runs; the median of an even count is the mean of the middle two.
struct Spread {
    double min = -1, median = -1, max = -1;
    int runs = 0;

    static Spread of(QList<double> values)
    {
        Spread s;
        s.runs = int(values.size());
        if (values.isEmpty())
            return s;
        std::sort(values.begin(), values.end());
        const qsizetype mid = values.size() / 2;
        s.min = values.first();
        s.max = values.last();
        s.median = values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
        return s;
    }
    QString text(const char *unit = "ms", int decimals = 1) const
    {
        return QStringLiteral("median %1 %4 (min %2, max %3, %5 runs)")
            .arg(median, 0, 'f', decimals)
            .arg(min, 0, 'f', decimals)
            .arg(max, 0, 'f', decimals)
            .arg(QString::fromLatin1(unit))
            .arg(runs);
    }
};

inline void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Fake secrets that look like tokens to every parser (hf_ + 34 letters) and are unique per index.
inline QString fakeSecret(int i)
{
    return QStringLiteral("hf_FAKEbenchTokenOnly%1xyzXYZabc").arg(i, 6, 10, QLatin1Char('0'));
}

inline QString tokenName(int i)
{
    return QStringLiteral("bench-%1").arg(i, 4, 10, QLatin1Char('0'));
}

// stored_tokens as huggingface_hub writes it: sections sorted by name, "key = value", a blank line
// after each.
inline QByteArray storedTokensBytes(int first, int count)
{
    QByteArray bytes;
    for (int i = first; i < first + count; ++i)
        bytes += QStringLiteral("[%1]\nhf_token = %2\n\n").arg(tokenName(i), fakeSecret(i)).toUtf8();
    return bytes;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

// An environment whose HF_HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME are inside root, with no token or
// endpoint inherited from the caller (the user's own files are never touched).
inline QProcessEnvironment scratchEnvironment(const QString &root)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT",
                             "HF_HUB_OFFLINE", "HF_STORED_TOKENS_PATH"})
        env.remove(QString::fromLatin1(name));
    const QDir dir(root);
    for (const char *sub : {"hf", "config", "cache"})
        dir.mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(dir.filePath(QStringLiteral("hf")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(QStringLiteral("HF_HOME"), dir.filePath(QStringLiteral("hf")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
    return env;
}

// Copies env into this process's environment, for code that reads it (TokenStore::Options, HubClient).
inline void exportEnvironment(const QProcessEnvironment &env)
{
    for (const QString &name : env.keys())
        qputenv(name.toLocal8Bit().constData(), env.value(name).toLocal8Bit());
    for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT",
                             "HF_HUB_OFFLINE", "HF_STORED_TOKENS_PATH"}) {
        if (!env.contains(QString::fromLatin1(name)))
            qunsetenv(name);
    }
}

// Runs a command to its end; returns its stdout, or an empty list (after saying why) when it failed.
// wrapper (e.g. tests/with-keyring.sh) goes in front when given.
inline QList<QByteArray> runToEnd(const QString &program, const QStringList &arguments,
                                  const QString &wrapper = QString(), int timeoutMs = 600000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (wrapper.isEmpty())
        process.start(program, arguments);
    else
        process.start(wrapper, QStringList{program} + arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        process.waitForFinished();
        say(QStringLiteral("error: %1 %2 failed (exit %3)")
                .arg(program, arguments.join(QLatin1Char(' ')))
                .arg(process.exitCode()));
        return {};
    }
    return process.readAllStandardOutput().split('\n');
}

// Runs `program arguments` (behind wrapper) `runs` times, each a fresh process, and gathers the numbers
// each run printed on its "RESULT f1 f2 …" line: one list per field, a value per run that reported.
inline QList<QList<double>> collectResults(int runs, int fields, const QString &program,
                                           const QStringList &arguments, const QString &wrapper)
{
    QList<QList<double>> columns(fields);
    for (int run = 0; run < runs; ++run) {
        for (const QByteArray &line : runToEnd(program, arguments, wrapper)) {
            const QList<QByteArray> f = line.trimmed().split(' ');
            if (f.size() != fields + 1 || f.first() != "RESULT")
                continue;
            for (int i = 0; i < fields; ++i)
                columns[i] << f.at(i + 1).toDouble();
        }
    }
    return columns;
}

// argv as strings, before any application object exists (a GUI child must create its QApplication first).
inline QStringList argumentList(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

// "--name value" from a hand-parsed argument list (children parse before any application object).
inline QString optionValue(const QStringList &args, const QString &name, const QString &fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

// Where tests/with-keyring.sh and friends live.
inline QString testsScript(const char *name)
{
    return QDir(QStringLiteral(HFTM_BENCH_TESTS_DIR)).filePath(QString::fromLatin1(name));
}

} // namespace hftm::bench
