// Switch latency from the tray: with 200 stored tokens, triggers the menu action of a different token
// N times and measures action -> `token` file durably replaced (QSaveFile: temp file, fsync, rename),
// including the store's reload and the menu's relabelling that follow. Also times TokenStore::switchTo
// alone, to show what the tray adds. Prints median / p95; never passes or fails on timing.
// Usage: bench_tray_switch [switches=50]
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"
#include "support/ScratchEnvironment.h"
#include "ui/tray/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStorageInfo>
#include <QTextStream>

#include <algorithm>

using namespace hftm;

namespace {
constexpr int TokenCount = 200;

QString secretOf(int i)
{
    return QStringLiteral("hf_BENCHtraySwitchToken%1xxxxxxxxxxxx").arg(i, 4, 10, QLatin1Char('0'));
}
QString nameOf(int i)
{
    return QStringLiteral("token-%1").arg(i, 3, 10, QLatin1Char('0'));
}

struct Stats {
    double median = 0, p95 = 0, min = 0, max = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) {
        return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(q * (ms.size() - 1) + 0.5)));
    };
    return {at(0.5), at(0.95), ms.first(), ms.last()};
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int switches = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 50;
    QTextStream out(stdout);

    test::ScratchEnvironment env;
    QByteArray stored;
    for (int i = 0; i < TokenCount; ++i)
        stored += "[" + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
    env.writeFile(QStringLiteral("stored_tokens"), stored);
    env.writeFile(QStringLiteral("token"), secretOf(0).toUtf8());
    MemorySecretStore secrets;
    TokenStore store(TokenStore::Options::fromEnvironment(env.environment()), &secrets, nullptr);
    store.reload(); // imports the 200 tokens `hf` wrote
    TrayController tray(&store, &systemNow);
    if (tray.tokenActions().size() != TokenCount) {
        out << "expected " << TokenCount << " menu items, got " << tray.tokenActions().size() << "\n";
        return 1;
    }

    // Alternating across the list: every switch writes a different token than the one in force.
    QList<double> viaMenu;
    QList<double> direct;
    QElapsedTimer timer;
    for (int n = 0; n < switches; ++n) {
        const int i = (n % 2 == 0) ? 1 + (n * 7) % (TokenCount - 1) : 0;
        QAction *action = tray.tokenAction(nameOf(i));
        QSignalSpy landed(&tray, &TrayController::switched);
        timer.start();
        action->trigger();
        // The switch is written off the GUI thread: timed until the tray hears it landed.
        if (!landed.wait(10000)) {
            out << "switch " << n << " to " << nameOf(i) << " never finished\n";
            return 1;
        }
        viaMenu << timer.nsecsElapsed() / 1e6;
        if (env.readFile(QStringLiteral("token")) != secretOf(i).toUtf8() || !action->isChecked()) {
            out << "switch " << n << " to " << nameOf(i) << " did not land\n";
            return 1;
        }
    }
    // The core path alone: the tray no longer listens, so nothing relabels after the switch.
    QObject::disconnect(&store, nullptr, &tray, nullptr);
    for (int n = 0; n < switches; ++n) {
        const int i = (n % 2 == 0) ? 2 + (n * 5) % (TokenCount - 2) : 1;
        timer.start();
        const Error error = store.switchTo(nameOf(i));
        direct << timer.nsecsElapsed() / 1e6;
        if (error || env.readFile(QStringLiteral("token")) != secretOf(i).toUtf8()) {
            out << "direct switch " << n << " failed\n";
            return 1;
        }
    }

    const Stats menu = stats(viaMenu);
    const Stats core = stats(direct);
    const QStorageInfo volume(env.hfHome());
    out << "tray switch latency, " << TokenCount << " stored tokens, " << switches
        << " switches each, HF_HOME on " << volume.fileSystemType() << "\n";
    out << QStringLiteral(
               "  menu action -> token file replaced (fsync'ed): median %1 ms  p95 %2 ms  min %3  max %4\n")
               .arg(menu.median, 0, 'f', 2)
               .arg(menu.p95, 0, 'f', 2)
               .arg(menu.min, 0, 'f', 2)
               .arg(menu.max, 0, 'f', 2);
    out << QStringLiteral(
               "  TokenStore::switchTo alone:                 median %1 ms  p95 %2 ms  min %3  max %4\n")
               .arg(core.median, 0, 'f', 2)
               .arg(core.p95, 0, 'f', 2)
               .arg(core.min, 0, 'f', 2)
               .arg(core.max, 0, 'f', 2);
    return 0;
}
