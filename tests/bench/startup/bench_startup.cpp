// Start-up benchmark: exec -> main window painted (the first frame of the window mapped), with N stored
// tokens in a temporary HF_HOME, next to a bare QMainWindow + empty QTableView (bench_startup_bare)
// measured the same way. The app child assembles what ui/main.cpp does (system keychain, window, tray).
// Prints min/median/max, the ratio, peak RSS of both and how many keychain operations ran before the
// first paint (the goal: no reads). Never passes or fails on timing.
//
//   bench_startup [--runs 15] [--tokens 10,200,500]
// Run under Xvfb: xvfb-run -a -s "-screen 0 1280x800x24" build/.../bench_startup
// Each token count is measured in its own private gnome-keyring (tests/with-keyring.sh): once with that
// keychain reachable, and once with none (both children through tests/without-keyring.sh, which takes
// the session bus away; the X display is passed as -display because that script drops DISPLAY).
#include "bench/startup/FirstPaint.h"
#include "bench/support/BenchCommon.h"
#include "core/ProcessHardening.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SystemSecretStore.h"
#include "core/store/MetadataFile.h"
#include "ui/app/AppContext.h"
#include "ui/app/AppController.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace hftm;
using namespace hftm::bench;

namespace {

// Counts what is asked of the keychain, so the start-up path can prove it reads no secret. Forwards
// every call, the asynchronous ones included, so the app takes the same path as with the bare store.
class CountingSecretStore final : public SecretStore {
public:
    explicit CountingSecretStore(std::unique_ptr<SecretStore> inner)
        : m_inner(std::move(inner))
    {
    }
    Result<QString> read(const QString &key) override
    {
        ++reads;
        return m_inner->read(key);
    }
    Error write(const QString &key, const QString &secret) override
    {
        ++writes;
        return m_inner->write(key, secret);
    }
    Error remove(const QString &key) override
    {
        ++removes;
        return m_inner->remove(key);
    }
    Error probe() override
    {
        ++probes;
        return m_inner->probe();
    }
    QString displayName() const override { return m_inner->displayName(); }
    Result<QStringList> storedKeys() override
    {
        ++enumerations;
        return m_inner->storedKeys();
    }
    LegacyKeychainItems *legacyItems() override { return m_inner->legacyItems(); }
    SecretJob *readMany(const QStringList &keys) override
    {
        reads += int(keys.size());
        return m_inner->readMany(keys);
    }
    SecretJob *writeLater(const QString &key, const QString &secret) override
    {
        ++writes;
        return m_inner->writeLater(key, secret);
    }
    SecretJob *removeLater(const QString &key) override
    {
        ++removes;
        return m_inner->removeLater(key);
    }
    SecretJob *probeLater() override
    {
        ++probes;
        return m_inner->probeLater();
    }
    int reads = 0, writes = 0, removes = 0, probes = 0, enumerations = 0;

private:
    std::unique_ptr<SecretStore> m_inner;
};

// Writes N tokens as `hf auth login` would, lets `hftoken list` import them into the keychain (the
// one-time cost of a first run, kept out of the measurement), then records a Hub answer for each so
// every column has something to show and nothing is due for revalidation.
int seed(int count, const QProcessEnvironment &env)
{
    const QString hfHome = env.value(QStringLiteral("HF_HOME"));
    if (!writeFile(hfHome + QStringLiteral("/stored_tokens"), storedTokensBytes(0, count)) ||
        !writeFile(hfHome + QStringLiteral("/token"), fakeSecret(0).toUtf8()))
        return 1;
    QProcess list;
    list.setProcessEnvironment(env);
    list.start(QStringLiteral(HFTOKEN_BIN), {QStringLiteral("list")}); // its 200 "Imported" notes stay here
    if (!list.waitForFinished(300000) || list.exitCode() != 0) {
        say(QStringLiteral("seed: hftoken list failed: ") + QString::fromUtf8(list.readAllStandardError()));
        return 1;
    }
    const TokenStore::Options options = TokenStore::Options::fromEnvironment(env);
    const QStringList roles = {QStringLiteral("read"), QStringLiteral("write"),
                               QStringLiteral("fineGrained")};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<MetadataFile::Content> saved =
        MetadataFile(options.configDir).update([&](MetadataFile::Content &c) {
            int i = 0;
            for (auto it = c.tokens.begin(); it != c.tokens.end(); ++it, ++i) {
                WhoamiInfo who;
                who.type = QStringLiteral("user");
                who.user = QStringLiteral("user-%1").arg(i % 7);
                who.fullname = QStringLiteral("User %1").arg(i % 7);
                who.role = roles.at(i % roles.size());
                who.tokenDisplayName = it.key();
                who.createdAt = now.addDays(-100);
                who.expiresAt = i % 4 == 0 ? now.addDays(i % 30) : QDateTime();
                who.orgs = {OrgMembership{
                    QStringLiteral("acme"), QStringLiteral("ACME"), QStringLiteral("write"), {}}};
                it->check.status = it->check.verdict = TokenStatus::Valid;
                it->check.checkedAt = it->check.verdictAt = now.addSecs(-60 * i);
                it->check.whoami = who;
            }
            return true;
        });
    return saved && saved->tokens.size() == count ? 0 : 1;
}

// The app's start-up path, as ui/main.cpp runs it (single-instance hand-over aside), with the keychain
// wrapped in a counter.
int runApp(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    ProcessHardening::apply();
    QApplication app(argc, argv);
    AppContext::Parts parts;
    parts.options = TokenStore::Options::fromEnvironment();
    auto counting = std::make_unique<CountingSecretStore>(makeSystemSecretStore(parts.options.identity));
    CountingSecretStore *counter = counting.get();
    parts.secrets = std::move(counting);
    parts.git = std::make_unique<GitCredential>();
    parts.loadLater = true; // as AppContext::fromEnvironment
    const double appReady = sinceMain.nsecsElapsed() / 1e6;
    AppContext context(std::move(parts));
    const double contextReady = sinceMain.nsecsElapsed() / 1e6;
    MainWindow window(context);
    AppOptions options;
    options.windowIcon = true; // as ui/main.cpp
    AppController controller(context, &window, options);
    const double windowReady = sinceMain.nsecsElapsed() / 1e6;
    if (qEnvironmentVariableIsSet("HFTM_BENCH_PHASES")) // where the time goes, for whoever tunes it
        std::fprintf(stderr, "phases: QApplication %.1f ms, AppContext %.1f ms, MainWindow+tray %.1f ms\n",
                     appReady, contextReady - appReady, windowReady - contextReady);
    double beforeStart = 0, afterStart = 0;
    new bench::FirstPaint(&window, sinceMain, [counter, &context, &beforeStart, &afterStart, &sinceMain] {
        if (qEnvironmentVariableIsSet("HFTM_BENCH_PHASES"))
            std::fprintf(stderr, "phases: start() %.1f ms, then to the first paint %.1f ms\n",
                         afterStart - beforeStart, sinceMain.nsecsElapsed() / 1e6 - afterStart);
        return QStringLiteral("rows=%1 reads=%2 writes=%3 removes=%4 probes=%5 enumerations=%6")
            .arg(context.store()->tokens().size())
            .arg(counter->reads)
            .arg(counter->writes)
            .arg(counter->removes)
            .arg(counter->probes)
            .arg(counter->enumerations);
    });
    beforeStart = sinceMain.nsecsElapsed() / 1e6;
    controller.start(); // shows the window
    afterStart = sinceMain.nsecsElapsed() / 1e6;
    return app.exec();
}

struct Sample {
    double execToPaintMs = 0;
    double inProcessMs = 0;
    long rssKiB = 0;
    QString extra;
};

std::optional<Sample> measure(const QString &program, const QStringList &arguments,
                              const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    QByteArray line;
    while (!line.contains('\n') && process.waitForReadyRead(30000))
        line += process.readAllStandardOutput();
    const double elapsed = clock.nsecsElapsed() / 1e6;
    process.waitForFinished(30000);
    const QList<QByteArray> parts = line.trimmed().split(' ');
    if (parts.size() < 3 || parts.first() != "painted")
        return std::nullopt;
    return Sample{elapsed, parts.at(1).toDouble(), parts.at(2).toLong(),
                  QString::fromUtf8(parts.mid(3).join(' '))};
}

// One token count, inside a keyring of its own: seed, then alternate bare and app runs, first with the
// keychain reachable, then through tests/without-keyring.sh.
int measureCount(int tokens, int runs)
{
    QTemporaryDir dir;
    const QProcessEnvironment env = scratchEnvironment(dir.path());
    if (seed(tokens, env) != 0) {
        say(QStringLiteral("seeding failed"));
        return 1;
    }
    const QString self = QCoreApplication::applicationFilePath();
    const QString bare =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench_startup_bare"));
    const QString display = env.value(QStringLiteral("DISPLAY"));
    for (const bool reachable : {true, false}) {
        // Without a keychain both children start through without-keyring.sh (the script itself is part
        // of both figures, so the ratio stays fair); it drops DISPLAY, so xcb gets it as an argument.
        QString program = reachable ? bare : testsScript("without-keyring.sh");
        const QStringList tail =
            display.isEmpty() || reachable ? QStringList() : QStringList{QStringLiteral("-display"), display};
        const QStringList bareArgs = reachable ? QStringList() : QStringList{bare} + tail;
        const QStringList appArgs = (reachable ? QStringList() : QStringList{self}) +
                                    QStringList{QStringLiteral("--child-app")} + tail;
        const QString appProgram = reachable ? self : program;
        QList<double> appMs, bareMs, appInside, bareInside, appRss, bareRss;
        QString appExtra;
        for (int run = 0; run <= runs; ++run) { // run 0 warms the file cache and is discarded
            const auto b = measure(program, bareArgs, env);
            const auto a = measure(appProgram, appArgs, env);
            if (!a || !b) {
                say(QStringLiteral("a child did not report its first paint (is DISPLAY set?)"));
                return 1;
            }
            if (run == 0)
                continue;
            appMs << a->execToPaintMs;
            bareMs << b->execToPaintMs;
            appInside << a->inProcessMs;
            bareInside << b->inProcessMs;
            appRss << a->rssKiB / 1024.0;
            bareRss << b->rssKiB / 1024.0;
            appExtra = a->extra;
        }
        const Spread app = Spread::of(appMs), floor = Spread::of(bareMs);
        const Spread appMem = Spread::of(appRss), floorMem = Spread::of(bareRss);
        say(QStringLiteral("--- %1 stored tokens, keychain %2, %3 build, platform %4")
                .arg(tokens)
                .arg(reachable ? QStringLiteral("reachable (gnome-keyring)")
                               : QStringLiteral("unreachable (tests/without-keyring.sh)"))
                .arg(QString::fromLatin1(buildType()))
                .arg(env.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb (default)"))));
        say(QStringLiteral("bare window  exec->painted %1; in-process median %2 ms")
                .arg(floor.text())
                .arg(Spread::of(bareInside).median, 0, 'f', 1));
        say(QStringLiteral("main window  exec->painted %1; in-process median %2 ms")
                .arg(app.text())
                .arg(Spread::of(appInside).median, 0, 'f', 1));
        say(QStringLiteral("ratio of medians (main / bare): %1x").arg(app.median / floor.median, 0, 'f', 2));
        say(QStringLiteral("peak RSS  bare %1  main %2  ratio %3x")
                .arg(floorMem.text("MiB"), appMem.text("MiB"))
                .arg(appMem.median / floorMem.median, 0, 'f', 2));
        say(QStringLiteral("keychain operations before the first paint (last run): %1").arg(appExtra));
        say(QStringLiteral("RESULT %1 %2 %3 %4 %5 %6")
                .arg(tokens)
                .arg(reachable ? QStringLiteral("keychain") : QStringLiteral("no-keychain"))
                .arg(app.median, 0, 'f', 1)
                .arg(floor.median, 0, 'f', 1)
                .arg(appMem.median, 0, 'f', 1)
                .arg(floorMem.median, 0, 'f', 1));
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Child modes parse their few arguments by hand: QCommandLineParser needs an application object,
    // and the app child must create its QApplication first thing, as the real program does.
    const QStringList args = argumentList(argc, argv);
    const auto option = [&](const QString &name, const QString &fallback) {
        return optionValue(args, name, fallback);
    };
    if (args.contains(QStringLiteral("--child-app")))
        return runApp(argc, argv);

    QCoreApplication app(argc, argv);
    if (args.contains(QStringLiteral("--seed-only"))) {
        // For profiling one start by hand (perf, massif): seeds DIR as a measured run would, and leaves
        // it; run inside tests/with-keyring.sh, then start `--child-app` with the environment it prints.
        const QString root = option(QStringLiteral("--seed-only"), QString());
        const QProcessEnvironment env = scratchEnvironment(root);
        const int status = seed(option(QStringLiteral("--count"), QStringLiteral("200")).toInt(), env);
        for (const char *name : {"HF_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"})
            say(QStringLiteral("%1=%2").arg(QString::fromLatin1(name), env.value(QString::fromLatin1(name))));
        return status;
    }
    const int runs = option(QStringLiteral("--runs"), QStringLiteral("15")).toInt();
    if (args.contains(QStringLiteral("--count")))
        return measureCount(option(QStringLiteral("--count"), QStringLiteral("200")).toInt(), runs);

    say(QStringLiteral("bench_startup: %1 build, %2 runs per figure (+1 discarded warm-up)")
            .arg(QString::fromLatin1(buildType()))
            .arg(runs));
    int status = 0;
    for (const QString &count :
         option(QStringLiteral("--tokens"), QStringLiteral("10,200,500")).split(QLatin1Char(','))) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(testsScript("with-keyring.sh"),
                    {QCoreApplication::applicationFilePath(), QStringLiteral("--count"), count,
                     QStringLiteral("--runs"), QString::number(runs)});
        if (!child.waitForFinished(-1) || child.exitCode() != 0)
            status = 1;
    }
    return status;
}
