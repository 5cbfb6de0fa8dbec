// `hftoken check --all` end to end, as a whole process, against the fake Hub on 127.0.0.1 answering
// after 50 ms, with 10, 100 and 500 stored tokens, in keychain-and-files and in keychain-only mode.
// Next to it: the same tokens checked one by one (a loop of `hftoken check NAME` processes, what a
// script without --all does), the one-connection floor N·50 ms and the ideal ceil(N/6)·50 ms (six
// connections per host). Also counts how many times tokens.json and stored_tokens were written during
// one run. Prints figures only.
//
//   bench_cli_check [--tokens 10,100,500] [--runs 5] [--modes keychain-and-files,keychain-only]
//                   [--one-by-one-runs 3] [--latency 50]
// Each (tokens, mode) pair runs in its own private gnome-keyring (tests/with-keyring.sh), so the
// keyring's size never carries over from one pair to the next.
#include "bench/support/BenchCommon.h"
#include "bench/support/FileWriteCounter.h"
#include "bench/support/ThreadedFakeHub.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cmath>

#include <sys/stat.h>

using namespace hftm;
using namespace hftm::bench;

namespace {

struct Run {
    double ms = -1;
    QByteArray err;
};

Run hftoken(const QProcessEnvironment &env, const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(HFTOKEN_BIN), arguments);
    const bool done = process.waitForFinished(600000);
    Run run;
    run.ms = clock.nsecsElapsed() / 1e6;
    run.err = process.readAllStandardError();
    if (!done || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished();
        say(QStringLiteral("error: hftoken %1 exited with %2: %3")
                .arg(arguments.join(QLatin1Char(' ')))
                .arg(process.exitCode())
                .arg(QString::fromUtf8(run.err).trimmed().left(400)));
        run.ms = -1;
    }
    return run;
}

quint64 inode(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}

QString findTokensJson(const QString &configHome)
{
    QDirIterator it(configHome, {QStringLiteral("tokens.json")}, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

// One (tokens, mode) pair, inside a keyring of its own.
int measurePair(int count, const QString &mode, int runs, int oneByOneRuns, int latencyMs)
{
    QTemporaryDir dir;
    QProcessEnvironment env = scratchEnvironment(dir.path());
    const QString hfHome = env.value(QStringLiteral("HF_HOME"));
    QStringList secrets;
    for (int i = 0; i < count; ++i)
        secrets << fakeSecret(i);
    if (!writeFile(hfHome + QStringLiteral("/stored_tokens"), storedTokensBytes(0, count)) ||
        !writeFile(hfHome + QStringLiteral("/token"), fakeSecret(0).toUtf8()))
        return 1;

    ThreadedFakeHub hub;
    if (!hub.isStarted()) {
        say(QStringLiteral("error: the fake Hub did not start"));
        return 1;
    }
    hub.addTokens(secrets);
    hub.setLatencyMs(latencyMs);
    env.insert(QStringLiteral("HF_ENDPOINT"), hub.endpoint());

    // Untimed: the first command imports what "hf" stored into the keychain; then the mode.
    if (hftoken(env, {QStringLiteral("list")}).ms < 0 ||
        hftoken(env, {QStringLiteral("config"), QStringLiteral("storage"), mode}).ms < 0)
        return 1;
    // What the mode left in huggingface_hub's file: every secret, or (keychain-only) none.
    QFile storedFile(hfHome + QStringLiteral("/stored_tokens"));
    const qsizetype secretsInFiles =
        storedFile.open(QIODevice::ReadOnly) ? storedFile.readAll().count("hf_FAKE") : -1;
    const QString tokensJson = findTokensJson(env.value(QStringLiteral("XDG_CONFIG_HOME")));
    if (tokensJson.isEmpty()) {
        say(QStringLiteral("error: no tokens.json after the first run"));
        return 1;
    }
    // A first check (untimed) so every timed run finds the same state: every token checked once.
    if (hftoken(env, {QStringLiteral("check"), QStringLiteral("--all")}).ms < 0)
        return 1;

    QList<double> all, metadataWrites, storedWrites, inodeChanges, requests, inFlight;
    for (int run = 0; run < runs; ++run) {
        FileWriteCounter metadata(QFileInfo(tokensJson).absolutePath(), QStringLiteral("tokens.json"));
        FileWriteCounter stored(hfHome, QStringLiteral("stored_tokens"));
        const quint64 before = inode(tokensJson);
        hub.resetStats();
        const Run r = hftoken(env, {QStringLiteral("check"), QStringLiteral("--all")});
        if (r.ms < 0)
            return 1;
        all << r.ms;
        metadataWrites << metadata.stop();
        storedWrites << stored.stop();
        inodeChanges << (inode(tokensJson) != before ? 1 : 0);
        requests << hub.requestCount();
        inFlight << hub.maxInFlight();
    }

    QList<double> oneByOne;
    for (int run = 0; run < oneByOneRuns; ++run) {
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < count; ++i) {
            if (hftoken(env, {QStringLiteral("check"), tokenName(i)}).ms < 0)
                return 1;
        }
        oneByOne << clock.nsecsElapsed() / 1e6;
    }

    const Spread a = Spread::of(all);
    const Spread o = Spread::of(oneByOne);
    const double ideal = std::ceil(count / 6.0) * latencyMs;
    say(QStringLiteral("--- %1 tokens, %2, fake Hub latency %3 ms, %4 build")
            .arg(count)
            .arg(mode)
            .arg(latencyMs)
            .arg(QString::fromLatin1(buildType())));
    say(QStringLiteral("secrets left in stored_tokens by the mode: %1 of %2").arg(secretsInFiles).arg(count));
    say(QStringLiteral("check --all                  %1").arg(a.text()));
    say(QStringLiteral("one by one (%1 processes)   %2").arg(count).arg(o.text()));
    say(QStringLiteral("ideal ceil(%1/6)*%2 ms        %3 ms")
            .arg(count)
            .arg(latencyMs)
            .arg(ideal, 0, 'f', 0));
    // The floor of any one-connection run, whatever its process count: N answers of latencyMs each.
    say(QStringLiteral("one connection floor N*%1 ms  %2 ms (check --all is %3x faster)")
            .arg(latencyMs)
            .arg(count * latencyMs)
            .arg(count * latencyMs / a.median, 0, 'f', 2));
    say(QStringLiteral("speed-up vs one by one       %1   median / ideal %2x")
            .arg(o.runs ? QString::number(o.median / a.median, 'f', 2) + QLatin1Char('x')
                        : QStringLiteral("(skipped)"))
            .arg(a.median / ideal, 0, 'f', 2));
    // inotify counts every replace; an inode comparison alone cannot (freed inode numbers are reused).
    say(QStringLiteral(
            "tokens.json writes per run   %1 (max %2; -1 = inotify overflow), new inode after %3 of %4 runs")
            .arg(Spread::of(metadataWrites).median, 0, 'f', 0)
            .arg(Spread::of(metadataWrites).max, 0, 'f', 0)
            .arg(std::count(inodeChanges.begin(), inodeChanges.end(), 1.0))
            .arg(runs));
    say(QStringLiteral("stored_tokens writes per run %1").arg(Spread::of(storedWrites).median, 0, 'f', 0));
    say(QStringLiteral("Hub requests per run         %1, max in flight %2")
            .arg(Spread::of(requests).median, 0, 'f', 0)
            .arg(Spread::of(inFlight).max, 0, 'f', 0));
    // One line a script can collect: tokens mode median_all median_one_by_one ideal writes
    say(QStringLiteral("RESULT %1 %2 %3 %4 %5 %6")
            .arg(count)
            .arg(mode)
            .arg(a.median, 0, 'f', 1)
            .arg(o.median, 0, 'f', 1)
            .arg(ideal, 0, 'f', 0)
            .arg(Spread::of(metadataWrites).median, 0, 'f', 0));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int runs = optionValue(args, QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    const int latency = optionValue(args, QStringLiteral("--latency"), QStringLiteral("50")).toInt();
    const int oneByOneRuns =
        optionValue(args, QStringLiteral("--one-by-one-runs"), QStringLiteral("3")).toInt();
    if (args.contains(QStringLiteral("--pair"))) {
        const QStringList pair =
            optionValue(args, QStringLiteral("--pair"), QString()).split(QLatin1Char(':'));
        if (pair.size() != 2)
            return 2;
        return measurePair(pair.at(0).toInt(), pair.at(1), runs, oneByOneRuns, latency);
    }

    const QStringList counts =
        optionValue(args, QStringLiteral("--tokens"), QStringLiteral("10,100,500")).split(QLatin1Char(','));
    const QStringList modes =
        optionValue(args, QStringLiteral("--modes"), QStringLiteral("keychain-and-files,keychain-only"))
            .split(QLatin1Char(','));
    say(QStringLiteral("bench_cli_check: %1 build, %2 timed runs per figure (one by one: %3 runs, 1 at 500+ "
                       "tokens), each pair in its own gnome-keyring")
            .arg(QString::fromLatin1(buildType()))
            .arg(runs)
            .arg(oneByOneRuns));
    int status = 0;
    for (const QString &count : counts) {
        for (const QString &mode : modes) {
            // A 500-token loop of processes takes a minute; once is enough to see the shape.
            const int obo = count.toInt() >= 500 ? qMin(1, oneByOneRuns) : oneByOneRuns;
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.start(testsScript("with-keyring.sh"),
                        {QCoreApplication::applicationFilePath(), QStringLiteral("--pair"),
                         count + QLatin1Char(':') + mode, QStringLiteral("--runs"), QString::number(runs),
                         QStringLiteral("--one-by-one-runs"), QString::number(obo),
                         QStringLiteral("--latency"), QString::number(latency)});
            if (!child.waitForFinished(-1) || child.exitCode() != 0)
                status = 1;
        }
    }
    return status;
}
