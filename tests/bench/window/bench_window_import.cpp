// While the desktop app runs (window, tray, the real keychain), a "terminal" adds 200 tokens to
// stored_tokens the way huggingface_hub does (one in-place rewrite: open with truncate, write, no lock).
// A 5 ms timer on the GUI thread records the longest event-loop stall until all 200 are in the window's
// model and their keychain copies are written (tokens.json says inKeychain for each, polled by a
// worker thread so polling costs the GUI thread nothing). Prints the stall, the wall time to "all shown"
// and to "all in keychain" (keychain-only: and to "no secret left in stored_tokens"); never passes or
// fails on timing. For scale, the keyring alone: the same number of items written into a fresh
// gnome-keyring without the app, in one SecretServiceStore::writeMany request and one write() after
// the other (each rewrites the keyring file, so this is the floor the import cannot go under).
//
//   bench_window_import [--runs 5] [--tokens 200] [--mode keychain-and-files|keychain-only]
// Needs a display (xvfb-run -a …) or QT_QPA_PLATFORM=offscreen. Each run is a fresh process in its own
// gnome-keyring (tests/with-keyring.sh), so the keyring never grows from run to run. The Hub is switched
// off (HF_HUB_OFFLINE=1) so that background checks of the new tokens are not part of the figure.
#include "bench/support/BenchCommon.h"
#include "bench/window/WindowHarness.h"
#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretServiceStore.h"
#include "core/store/MetadataFile.h"
#include "ui/window/TokenTableModel.h"

#include <QApplication>
#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace hftm;
using namespace hftm::bench;

namespace {

// huggingface_hub's _save_stored_tokens: truncate and write in place.
bool writeInPlace(const QString &path, const QByteArray &bytes)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    const ssize_t written = ::write(fd, bytes.constData(), size_t(bytes.size()));
    return ::close(fd) == 0 && written == bytes.size();
}

// Counts tokens.json entries with inKeychain set, and the secrets still in stored_tokens, every 20 ms,
// off the GUI thread.
class KeychainWatcher {
public:
    KeychainWatcher(QString configDir, QString storedTokens, int expected)
        : m_file(std::move(configDir))
        , m_storedTokens(std::move(storedTokens))
        , m_expected(expected)
    {
        m_clock.start();
        m_thread = std::thread([this] {
            while (!m_stop) {
                const Result<MetadataFile::Content> content = m_file.load();
                int n = 0;
                if (content) {
                    for (const TokenMetadata &m : content->tokens)
                        n += m.inKeychain ? 1 : 0;
                }
                m_count = n;
                if (n >= m_expected && m_doneMs < 0)
                    m_doneMs = m_clock.nsecsElapsed() / 1e6;
                QFile stored(m_storedTokens);
                if (n >= m_expected && m_clearedMs < 0 && stored.open(QIODevice::ReadOnly) &&
                    !stored.readAll().contains("hf_FAKE"))
                    m_clearedMs = m_clock.nsecsElapsed() / 1e6;
                std::this_thread::sleep_for(std::chrono::milliseconds(20)); // a poller, not synchronisation
            }
        });
    }
    ~KeychainWatcher()
    {
        m_stop = true;
        m_thread.join();
    }
    int count() const { return m_count; }
    double doneMs() const { return m_doneMs; } // since construction; -1 until all are in the keychain
    // Since construction, once all are in the keychain: when stored_tokens held no secret (keychain-only).
    double clearedMs() const { return m_clearedMs; }

private:
    MetadataFile m_file;
    QString m_storedTokens;
    int m_expected;
    QElapsedTimer m_clock;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_count{0};
    std::atomic<double> m_doneMs{-1};
    std::atomic<double> m_clearedMs{-1};
};

int child(int argc, char **argv, int count, const QString &mode)
{
    QTemporaryDir dir;
    QProcessEnvironment env = scratchEnvironment(dir.path());
    env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
    exportEnvironment(env);
    const QString stored = env.value(QStringLiteral("HF_HOME")) + QStringLiteral("/stored_tokens");
    // One token already there, as on a machine in use; the terminal then adds `count` more.
    const QByteArray before = storedTokensBytes(0, 1);
    if (!writeFile(stored, before) ||
        !writeFile(env.value(QStringLiteral("HF_HOME")) + QStringLiteral("/token"), fakeSecret(0).toUtf8()))
        return 1;
    if (mode != QLatin1String("keychain-and-files")) {
        QProcess config;
        config.setProcessEnvironment(env);
        config.start(QStringLiteral(HFTOKEN_BIN),
                     {QStringLiteral("config"), QStringLiteral("storage"), mode});
        if (!config.waitForFinished(60000) || config.exitCode() != 0)
            return 1;
    }

    QApplication qapp(argc, argv);
    App app;
    app.controller.start();
    const int total = count + 1;
    const bool keychainOnly = mode == QLatin1String("keychain-only");

    std::unique_ptr<KeychainWatcher> keychain;
    std::thread writer;
    double shownMs = -1;
    StallProbe *probe = nullptr;
    probe = new StallProbe([&] {
        if (shownMs < 0 && app.window.model()->rowCount() >= total)
            shownMs = probe->elapsedMs();
        const bool timedOut = probe->elapsedMs() > 120000;
        if ((shownMs >= 0 && keychain->doneMs() >= 0 && (!keychainOnly || keychain->clearedMs() >= 0)) ||
            timedOut) {
            probe->stop();
            if (timedOut)
                say(QStringLiteral("timeout: %1 rows, %2 in keychain")
                        .arg(app.window.model()->rowCount())
                        .arg(keychain->count()));
            QCoreApplication::exit(timedOut ? 1 : 0);
        }
    });
    // Start when the window has settled after start-up (its own keychain probe and first paint).
    QTimer::singleShot(1500, probe, [&] {
        keychain =
            std::make_unique<KeychainWatcher>(app.context->store()->options().configDir, stored, total);
        probe->start();
        QByteArray bytes = before + storedTokensBytes(1, count);
        writer = std::thread([stored, bytes] { writeInPlace(stored, bytes); });
    });
    const int status = qapp.exec();
    if (writer.joinable())
        writer.join();
    if (status != 0)
        return status;
    int inKeychain = 0;
    for (const TokenRecord &record : app.context->store()->tokens())
        inKeychain += record.storage.testFlag(StorageLocation::Keychain) ? 1 : 0;
    say(QStringLiteral("RESULT %1 %2 %3 %4 %5 %6")
            .arg(probe->maxStallMs(), 0, 'f', 1)
            .arg(shownMs, 0, 'f', 1)
            .arg(keychain->doneMs(), 0, 'f', 1)
            .arg(probe->stallsOver50())
            .arg(inKeychain)
            .arg(keychain->clearedMs(), 0, 'f', 1));
    delete probe;
    return 0;
}

// The keyring alone, in its own fresh gnome-keyring: one item first (the keyring file exists, the
// session is open), then `count` items, timed. RESULT <ms>.
int floorChild(int argc, char **argv, int count, bool serial)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    HfPaths paths;
    paths.storedTokensPath = dir.filePath(QStringLiteral("stored_tokens"));
    SecretServiceStore store(StoreIdentity::of(paths, QProcessEnvironment::systemEnvironment()));
    if (store.write(QStringLiteral("warm-up"), fakeSecret(0)))
        return 1;
    QHash<QString, QString> secrets;
    for (int i = 1; i <= count; ++i)
        secrets.insert(tokenName(i), fakeSecret(i));
    QElapsedTimer clock;
    clock.start();
    bool ok = true;
    if (serial) {
        for (auto it = secrets.cbegin(); it != secrets.cend() && ok; ++it)
            ok = !store.write(it.key(), it.value());
    } else {
        SecretJob *job = store.writeMany(secrets);
        QObject::connect(job, &SecretJob::finished, &app, [&ok, count](SecretJob *done) {
            int written = 0;
            for (const Result<QString> &result : done->results())
                written += result ? 1 : 0;
            ok = !done->error() && written == count;
            QCoreApplication::quit();
        });
        app.exec();
    }
    if (!ok)
        return 1;
    say(QStringLiteral("RESULT %1").arg(clock.nsecsElapsed() / 1e6, 0, 'f', 1));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList args = argumentList(argc, argv);
    const int count = optionValue(args, QStringLiteral("--tokens"), QStringLiteral("200")).toInt();
    const QString mode = optionValue(args, QStringLiteral("--mode"), QStringLiteral("keychain-and-files"));
    if (args.contains(QStringLiteral("--child")))
        return child(argc, argv, count, mode);
    if (args.contains(QStringLiteral("--floor")))
        return floorChild(argc, argv, count, args.contains(QStringLiteral("--serial")));

    QCoreApplication app(argc, argv);
    const int runs = optionValue(args, QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    const QList<QList<double>> r = collectResults(runs, 6, QCoreApplication::applicationFilePath(),
                                                  {QStringLiteral("--child"), QStringLiteral("--tokens"),
                                                   QString::number(count), QStringLiteral("--mode"), mode},
                                                  testsScript("with-keyring.sh"));
    const QList<double> &stall = r[0], &shown = r[1], &inKeychain = r[2], &over50 = r[3], &cleared = r[5];
    say(QStringLiteral("bench_window_import: %1 build, %2 tokens added by a terminal while the window runs, "
                       "%3, platform %4")
            .arg(QString::fromLatin1(buildType()))
            .arg(count)
            .arg(mode)
            .arg(qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("xcb (default)"))));
    say(QStringLiteral("longest event-loop stall      %1").arg(Spread::of(stall).text()));
    say(QStringLiteral("stalls over 50 ms per run     %1").arg(Spread::of(over50).text("", 0)));
    say(QStringLiteral("write -> all shown in model   %1").arg(Spread::of(shown).text()));
    say(QStringLiteral("write -> all in keychain      %1").arg(Spread::of(inKeychain).text()));
    if (mode == QLatin1String("keychain-only"))
        say(QStringLiteral("write -> no secret left in stored_tokens  %1").arg(Spread::of(cleared).text()));
    for (const bool serial : {false, true}) {
        QStringList floorArgs{QStringLiteral("--floor"), QStringLiteral("--tokens"), QString::number(count)};
        if (serial)
            floorArgs << QStringLiteral("--serial");
        const QList<double> floor = collectResults(runs, 1, QCoreApplication::applicationFilePath(),
                                                   floorArgs, testsScript("with-keyring.sh"))[0];
        const Spread spread = Spread::of(floor);
        say(QStringLiteral("keyring alone, %1 %2  %3 (%4 ms per item)")
                .arg(count)
                .arg(serial ? QStringLiteral("write() one by one  ") : QStringLiteral("items in writeMany  "))
                .arg(spread.text())
                .arg(spread.median / count, 0, 'f', 1));
    }
    return stall.size() == runs ? 0 : 1;
}
