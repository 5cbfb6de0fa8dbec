// "Validate all" of 200 stored tokens in the desktop app (window, tray, the real keychain) against the
// fake Hub on 127.0.0.1 at zero latency, served from a thread of its own. Prints the time from the
// action to the run's end (the progress bar hidden again and every token's check recorded), how many
// progress updates the window drew per second, and the longest event-loop stall meanwhile (5 ms timer
// probe). Never passes or fails on timing.
//
//   bench_window_validate [--runs 5] [--tokens 200] [--latency 0]
// Needs a display (xvfb-run -a …) or QT_QPA_PLATFORM=offscreen. Each run is a fresh process in its own
// gnome-keyring (tests/with-keyring.sh).
#include "bench/support/BenchCommon.h"
#include "bench/support/ThreadedFakeHub.h"
#include "bench/window/WindowHarness.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QProgressBar>
#include <QStatusBar>
#include <QTemporaryDir>

using namespace hftm;
using namespace hftm::bench;

namespace {

bool hftoken(const QProcessEnvironment &env, const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HFTOKEN_BIN), arguments);
    return process.waitForFinished(300000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

int child(int argc, char **argv, int count, int latencyMs)
{
    QApplication qapp(argc, argv); // first: the Hub's thread needs an application for its event loop
    QTemporaryDir dir;
    QProcessEnvironment env = scratchEnvironment(dir.path());
    const QString hfHome = env.value(QStringLiteral("HF_HOME"));
    if (!writeFile(hfHome + QStringLiteral("/stored_tokens"), storedTokensBytes(0, count)) ||
        !writeFile(hfHome + QStringLiteral("/token"), fakeSecret(0).toUtf8()))
        return 1;
    ThreadedFakeHub hub;
    QStringList secrets;
    for (int i = 0; i < count; ++i)
        secrets << fakeSecret(i);
    hub.addTokens(secrets);
    hub.setLatencyMs(latencyMs);
    env.insert(QStringLiteral("HF_ENDPOINT"), hub.endpoint());
    // Untimed: import into the keychain, and one check of each so the tray's background revalidation
    // finds nothing due while the window's run is measured.
    if (!hftoken(env, {QStringLiteral("list")}) ||
        !hftoken(env, {QStringLiteral("check"), QStringLiteral("--all")})) {
        say(QStringLiteral("error: preparing with hftoken failed"));
        return 1;
    }
    exportEnvironment(env);

    App app;
    app.controller.start();
    auto *bar = app.window.statusBar()->findChild<QProgressBar *>();
    if (!bar) {
        say(QStringLiteral("error: no progress bar in the status bar"));
        return 1;
    }
    int updates = 0;
    bool started = false;
    bool barSeen = false;
    double finishedMs = -1, recordedMs = -1;
    QDateTime startedAt;
    QObject::connect(bar, &QProgressBar::valueChanged, bar, [&] {
        if (started)
            ++updates;
    });
    StallProbe *probe = nullptr;
    const auto allRecorded = [&] {
        const QList<TokenRecord> tokens = app.context->store()->tokens();
        int n = 0;
        for (const TokenRecord &t : tokens)
            n += t.check.checkedAt.isValid() && t.check.checkedAt >= startedAt ? 1 : 0;
        return n >= count;
    };
    probe = new StallProbe([&] {
        barSeen |= bar->isVisible();
        // The run's end as a user sees it: the bar went away again. The store is asked at most every
        // few ticks; tokens() is a copy.
        if (finishedMs < 0 && barSeen && !bar->isVisible())
            finishedMs = probe->elapsedMs();
        if (recordedMs < 0 && probe->ticks() % 4 == 0 && allRecorded())
            recordedMs = probe->elapsedMs();
        const bool timedOut = probe->elapsedMs() > 120000;
        // A run may end without ever showing the bar; then the recorded checks are the end.
        const bool barNeverShown = !barSeen && recordedMs >= 0 && probe->elapsedMs() > recordedMs + 2000;
        if ((finishedMs >= 0 && recordedMs >= 0) || barNeverShown || timedOut) {
            probe->stop();
            if (timedOut)
                say(QStringLiteral("timeout: bar seen %1, recorded %2").arg(barSeen).arg(recordedMs));
            QCoreApplication::exit(timedOut ? 1 : 0);
        }
    });
    QTimer::singleShot(1500, probe, [&] {
        hub.resetStats();
        startedAt = QDateTime::currentDateTimeUtc().addSecs(-1); // checkedAt may have second precision
        started = true;
        probe->start();
        app.window.actions()->validateAll->trigger();
    });
    if (qapp.exec() != 0)
        return 1;
    const double end = qMax(finishedMs, recordedMs);
    say(QStringLiteral("RESULT %1 %2 %3 %4 %5 %6")
            .arg(finishedMs, 0, 'f', 1)
            .arg(recordedMs, 0, 'f', 1)
            .arg(updates)
            .arg(updates / (end / 1000.0), 0, 'f', 1)
            .arg(probe->maxStallMs(), 0, 'f', 1)
            .arg(hub.requestCount()));
    delete probe;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList args = argumentList(argc, argv);
    const int count = optionValue(args, QStringLiteral("--tokens"), QStringLiteral("200")).toInt();
    const int latency = optionValue(args, QStringLiteral("--latency"), QStringLiteral("0")).toInt();
    if (args.contains(QStringLiteral("--child")))
        return child(argc, argv, count, latency);

    QCoreApplication app(argc, argv);
    const int runs = optionValue(args, QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    const QList<QList<double>> r =
        collectResults(runs, 6, QCoreApplication::applicationFilePath(),
                       {QStringLiteral("--child"), QStringLiteral("--tokens"), QString::number(count),
                        QStringLiteral("--latency"), QString::number(latency)},
                       testsScript("with-keyring.sh"));
    const QList<double> &finished = r[0], &recorded = r[1], &updates = r[2], &perSecond = r[3], &stall = r[4],
                        &requests = r[5];
    say(QStringLiteral("bench_window_validate: %1 build, validate all %2 tokens in the window, fake Hub "
                       "latency %3 ms, platform %4")
            .arg(QString::fromLatin1(buildType()))
            .arg(count)
            .arg(latency)
            .arg(qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("xcb (default)"))));
    say(QStringLiteral("action -> progress bar gone   %1").arg(Spread::of(finished).text()));
    say(QStringLiteral("action -> all %1 recorded     %2").arg(count).arg(Spread::of(recorded).text()));
    say(QStringLiteral("progress updates per run      %1").arg(Spread::of(updates).text("", 0)));
    say(QStringLiteral("progress updates per second   %1").arg(Spread::of(perSecond).text("/s")));
    say(QStringLiteral("longest event-loop stall      %1").arg(Spread::of(stall).text()));
    say(QStringLiteral("Hub requests per run          %1").arg(Spread::of(requests).text("", 0)));
    return finished.size() == runs ? 0 : 1;
}
