// How long listing 200 stored tokens takes: TokenStore::reload() in-process (cold = first import into an
// in-memory keychain, warm = everything already imported) and the real `hftoken list` / `list --json` as
// processes (cold = first run, which imports 200 tokens into the keychain; warm = later runs).
// Prints median wall times; it never passes or fails on timing.
//
// Run it inside the test keyring so the `hftoken` runs use a real, private Secret Service:
//     tests/with-keyring.sh build/tests/bench/store/bench_store_list [runs]
// Without a D-Bus session (DBUS_SESSION_BUS_ADDRESS unset) it first switches each scratch folder to
// `hftoken config storage files-only`, says so, and the hftoken figures then involve no keychain at all.
#include "core/files/HfPaths.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <memory>

using namespace hftm;

namespace {
constexpr int TokenCount = 200;

// A scratch HF_HOME + config folder holding 200 tokens in huggingface_hub's layout, and the environment
// (for this process's TokenStore and for child processes) that points there and nowhere else.
class Scratch {
public:
    Scratch()
    {
        QDir root(m_dir.path());
        root.mkpath(QStringLiteral("hf"));
        root.mkpath(QStringLiteral("config"));
        root.mkpath(QStringLiteral("cache"));
        QFile::setPermissions(hfHome(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_env = QProcessEnvironment::systemEnvironment();
        // A token in the caller's environment would change what "active" means; the user's own
        // HF_HOME must never be touched.
        for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT"})
            m_env.remove(QString::fromLatin1(name));
        m_env.insert(QStringLiteral("HF_HOME"), hfHome());
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_CACHE_HOME"), root.filePath(QStringLiteral("cache")));

        QByteArray stored; // sections sorted by name, "key = value", blank line after each: hf's layout
        for (int i = 0; i < TokenCount; ++i) {
            const QByteArray n = QByteArray::number(i).rightJustified(3, '0');
            stored += "[bench-token-" + n + "]\nhf_token = hf_FAKEbench" + n + "TokenForBenchmarksOnly0\n\n";
        }
        write(QStringLiteral("stored_tokens"), stored);
        write(QStringLiteral("token"), "hf_FAKEbench000TokenForBenchmarksOnly0");
    }

    bool isValid() const { return m_dir.isValid(); }
    QString hfHome() const { return m_dir.filePath(QStringLiteral("hf")); }
    QProcessEnvironment environment() const { return m_env; }

private:
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile file(QDir(hfHome()).filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(bytes);
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void print(QTextStream &out, const QString &name, double ms)
{
    out << name << ": " << QString::number(ms, 'f', 2) << " ms\n";
    out.flush();
}

// Runs hftoken; returns wall ms, or -1 (after saying why) when it failed or listed the wrong tokens.
double runHftoken(QTextStream &out, const Scratch &scratch, const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(scratch.environment());
    process.setProgram(QStringLiteral(HFTOKEN_BIN));
    process.setArguments(arguments);
    QElapsedTimer timer;
    timer.start();
    process.start();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        out << "error: hftoken " << arguments.join(QLatin1Char(' ')) << " did not finish\n";
        return -1;
    }
    const double elapsed = msSince(timer);
    const QByteArray stdoutBytes = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        out << "error: hftoken " << arguments.join(QLatin1Char(' ')) << " exited with " << process.exitCode()
            << ": " << QString::fromUtf8(process.readAllStandardError()).trimmed() << '\n';
        return -1;
    }
    if (arguments.contains(QStringLiteral("--json")) &&
        QJsonDocument::fromJson(stdoutBytes).array().size() != TokenCount) {
        out << "error: hftoken list --json did not list " << TokenCount << " tokens\n";
        return -1;
    }
    return elapsed;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs = argc > 1 ? qMax(1, QByteArray(argv[1]).toInt()) : 10;
    out << "tokens: " << TokenCount << ", runs per figure: " << runs << " (median)\n";

    // (a) In-process reload. Cold: a fresh config folder and an empty keychain every run, so each run
    // imports all 200 tokens. Warm: the same store again, which must not touch the keychain.
    QList<double> cold;
    for (int i = 0; i < runs; ++i) {
        Scratch scratch;
        MemorySecretStore secrets;
        TokenStore store(TokenStore::Options::fromEnvironment(scratch.environment()), &secrets, nullptr);
        QElapsedTimer timer;
        timer.start();
        store.reload();
        cold << msSince(timer);
        if (store.tokens().size() != TokenCount || secrets.entries().size() != TokenCount)
            out << "error: cold reload imported " << secrets.entries().size() << " tokens\n";
    }
    print(out, QStringLiteral("TokenStore::reload cold (import %1 into MemorySecretStore)").arg(TokenCount),
          median(cold));
    {
        Scratch scratch;
        MemorySecretStore secrets;
        TokenStore store(TokenStore::Options::fromEnvironment(scratch.environment()), &secrets, nullptr);
        store.reload();
        const int operations = secrets.operationCount();
        QList<double> warm;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            store.reload();
            warm << msSince(timer);
        }
        print(out, QStringLiteral("TokenStore::reload warm"), median(warm));
        out << "TokenStore::reload warm keychain operations: " << secrets.operationCount() - operations
            << '\n';
    }

    // (b) The real CLI. Each cold run gets its own scratch folders, so its first `list` imports every
    // token into the keychain; warm runs repeat the command in one folder that is already imported.
    const bool haveBus = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
    if (!haveBus) {
        out << "note: DBUS_SESSION_BUS_ADDRESS is unset, so every scratch folder is first switched to "
               "`hftoken config storage files-only`; the hftoken figures below involve no keychain. "
               "Run via tests/with-keyring.sh to measure the keychain path.\n";
    } else if (!qEnvironmentVariableIsSet("HFTM_KEYRING_SCRATCH")) {
        out << "note: not inside tests/with-keyring.sh: the session keyring is used; its 200 bench-token-* "
               "entries are removed again at the end.\n";
    }
    out.flush();
    auto prepare = [&](const Scratch &scratch) {
        return haveBus || runHftoken(out, scratch,
                                     {QStringLiteral("config"), QStringLiteral("storage"),
                                      QStringLiteral("files-only")}) >= 0;
    };
    {
        // The floor every hftoken figure includes: starting the process, Qt and nothing else.
        Scratch scratch;
        QList<double> bare;
        for (int i = 0; i < runs; ++i)
            bare << runHftoken(out, scratch, {QStringLiteral("--version")});
        print(out, QStringLiteral("hftoken --version (process start-up only)"), median(bare));
    }
    std::unique_ptr<Scratch> last; // whose metadata knows the keychain entries, for the clean-up
    for (const QStringList &command : {QStringList{QStringLiteral("list")},
                                       QStringList{QStringLiteral("list"), QStringLiteral("--json")}}) {
        const QString label = QStringLiteral("hftoken ") + command.join(QLatin1Char(' '));
        QList<double> coldRuns;
        for (int i = 0; i < runs; ++i) {
            auto scratch = std::make_unique<Scratch>();
            if (!prepare(*scratch))
                return 1;
            const double ms = runHftoken(out, *scratch, command);
            if (ms < 0)
                return 1;
            coldRuns << ms;
            last = std::move(scratch);
        }
        // Without a keychain the `config storage files-only` run already wrote the metadata, so the first
        // list only reads; the label says which cold this is.
        print(out,
              label + (haveBus
                           ? QStringLiteral(" cold (first run imports %1 into the keychain)").arg(TokenCount)
                           : QStringLiteral(" first run (files-only, after `config storage`)")),
              median(coldRuns));
        QList<double> warmRuns;
        for (int i = 0; i < runs; ++i) {
            const double ms = runHftoken(out, *last, command);
            if (ms < 0)
                return 1;
            warmRuns << ms;
        }
        print(out, label + QStringLiteral(" warm"), median(warmRuns));
    }
    // Files-only drops the keychain copies; every cold run wrote the same 200 entry names, so the last
    // folder's metadata names them all.
    if (haveBus && last)
        runHftoken(out, *last,
                   {QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("files-only")});
    return 0;
}
