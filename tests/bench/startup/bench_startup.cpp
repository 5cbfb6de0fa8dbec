// Start-up benchmark: exec -> main window painted, with N stored tokens in a temporary HF_HOME, next to
// a bare QMainWindow + empty QTableView (bench_startup_bare) measured the same way. Prints medians, the
// ratio, peak RSS and how many keychain operations ran before the first paint (the goal: no reads).
//
//   bench_startup [--runs 15] [--tokens 200] [--keychain memory|system]
// Run under Xvfb: xvfb-run -a -s "-screen 0 1280x800x24" build/.../bench_startup
// --keychain system uses the real Secret Service (run inside tests/with-keyring.sh).
#include "bench/startup/FirstPaint.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/MetadataFile.h"
#include "ui/app/AppContext.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace hftm;

namespace {

// Counts what is asked of the keychain, so the start-up path can prove it reads no secret.
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
    int reads = 0, writes = 0, removes = 0, probes = 0;

private:
    std::unique_ptr<SecretStore> m_inner;
};

std::unique_ptr<SecretStore> makeKeychain(const QString &kind)
{
    if (kind == QLatin1String("system"))
        return std::make_unique<KeychainSecretStore>();
    return std::make_unique<MemorySecretStore>();
}

QString randomSecret()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString secret = QStringLiteral("hf_");
    for (int i = 0; i < 34; ++i)
        secret += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return secret;
}

// Writes N tokens as `hf auth login` would, lets a store import them (the one-time cost of a first run,
// kept out of the measurement), then records a Hub answer for each so every column has something to show.
int seed(int count, const QString &keychain)
{
    const TokenStore::Options options = TokenStore::Options::fromEnvironment();
    QDir().mkpath(options.paths.hfHome);
    QByteArray stored;
    QString first;
    for (int i = 0; i < count; ++i) {
        const QString secret = randomSecret();
        first = first.isEmpty() ? secret : first;
        stored += QStringLiteral("[token-%1]\nhf_token = %2\n\n")
                      .arg(i, 3, 10, QLatin1Char('0'))
                      .arg(secret)
                      .toUtf8();
    }
    QFile file(options.paths.storedTokensPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(stored) != stored.size())
        return 1;
    file.close();
    QFile token(options.paths.tokenPath);
    if (!token.open(QIODevice::WriteOnly) || token.write(first.toUtf8()) < 0)
        return 1;
    token.close();

    const std::unique_ptr<SecretStore> secrets = makeKeychain(keychain);
    TokenStore store(options, secrets.get(), nullptr);
    if (const Error error = store.reload()) {
        std::fprintf(stderr, "seed: %s\n", qPrintable(error.message));
        return 1;
    }
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
    return saved ? 0 : 1;
}

// The app's start-up path, as ui/main.cpp runs it, with the keychain wrapped in a counter.
int runApp(int argc, char *argv[], const QString &keychain)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    auto counting = std::make_unique<CountingSecretStore>(makeKeychain(keychain));
    CountingSecretStore *counter = counting.get();
    AppContext::Parts parts;
    parts.options = TokenStore::Options::fromEnvironment();
    parts.secrets = std::move(counting);
    parts.git = std::make_unique<GitCredential>();
    const double appReady = sinceMain.nsecsElapsed() / 1e6;
    AppContext context(std::move(parts));
    const double contextReady = sinceMain.nsecsElapsed() / 1e6;
    MainWindow window(context);
    const double windowReady = sinceMain.nsecsElapsed() / 1e6;
    if (qEnvironmentVariableIsSet("HFTM_BENCH_PHASES")) // where the time goes, for whoever tunes it
        std::fprintf(stderr, "phases: QApplication %.1f ms, AppContext %.1f ms, MainWindow %.1f ms\n",
                     appReady, contextReady - appReady, windowReady - contextReady);
    new bench::FirstPaint(&window, sinceMain, [counter, &context] {
        return QStringLiteral("rows=%1 reads=%2 writes=%3 removes=%4 probes=%5")
            .arg(context.store()->tokens().size())
            .arg(counter->reads)
            .arg(counter->writes)
            .arg(counter->removes)
            .arg(counter->probes);
    });
    window.show();
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

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    // Child modes parse their few arguments by hand: QCommandLineParser needs an application object,
    // and the app child must create its QApplication first thing, as the real program does.
    const QStringList args = [&] {
        QStringList list;
        for (int i = 0; i < argc; ++i)
            list << QString::fromLocal8Bit(argv[i]);
        return list;
    }();
    const auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
    };
    const QString keychain = option(QStringLiteral("--keychain"), QStringLiteral("memory"));
    if (args.contains(QStringLiteral("--child-app")))
        return runApp(argc, argv, keychain);
    if (args.contains(QStringLiteral("--seed"))) {
        QCoreApplication app(argc, argv);
        return seed(option(QStringLiteral("--seed"), QStringLiteral("200")).toInt(), keychain);
    }

    QCoreApplication app(argc, argv);
    const int runs = option(QStringLiteral("--runs"), QStringLiteral("15")).toInt();
    const int tokens = option(QStringLiteral("--tokens"), QStringLiteral("200")).toInt();
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("HF_HOME"), dir.filePath(QStringLiteral("hf")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));

    const QString self = QCoreApplication::applicationFilePath();
    const QString bare =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench_startup_bare"));
    QProcess seeding;
    seeding.setProcessEnvironment(env);
    seeding.setProcessChannelMode(QProcess::ForwardedChannels);
    seeding.start(
        self, {QStringLiteral("--seed"), QString::number(tokens), QStringLiteral("--keychain"), keychain});
    if (!seeding.waitForFinished(120000) || seeding.exitCode() != 0) {
        std::fprintf(stderr, "seeding failed\n");
        return 1;
    }

    QList<double> appMs, bareMs, appInside, bareInside, appRss, bareRss;
    QString appExtra;
    for (int run = 0; run <= runs; ++run) { // run 0 warms the file cache and is discarded
        const auto b = measure(bare, {}, env);
        const auto a =
            measure(self, {QStringLiteral("--child-app"), QStringLiteral("--keychain"), keychain}, env);
        if (!a || !b) {
            std::fprintf(stderr, "a child did not report its first paint (is DISPLAY set?)\n");
            return 1;
        }
        if (run == 0)
            continue;
        appMs << a->execToPaintMs;
        bareMs << b->execToPaintMs;
        appInside << a->inProcessMs;
        bareInside << b->inProcessMs;
        appRss << a->rssKiB;
        bareRss << b->rssKiB;
        appExtra = a->extra;
    }
    const double ratio = median(appMs) / median(bareMs);
    std::printf("platform: %s, %d runs, %d stored tokens, keychain: %s\n",
                qPrintable(env.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb (default)"))),
                runs, tokens, qPrintable(keychain));
    std::printf("bare window   exec->painted median %7.1f ms  (in-process %6.1f ms)  peak RSS %6.1f MiB\n",
                median(bareMs), median(bareInside), median(bareRss) / 1024.0);
    std::printf("main window   exec->painted median %7.1f ms  (in-process %6.1f ms)  peak RSS %6.1f MiB\n",
                median(appMs), median(appInside), median(appRss) / 1024.0);
    std::printf("ratio (main / bare): %.2fx  (goal <= 1.5x)\n", ratio);
    std::printf("keychain operations before first paint (last run): %s\n", qPrintable(appExtra));
    return 0;
}
