// Not a test: renders docs/screenshots/tray-menu.png. Run under with-tray.sh (Xvfb + trayer); it clicks
// the real tray icon through the X server, waits for the menu, and lets ImageMagick's `import` grab the
// panel and the open menu. Usage: with-tray.sh tray_screenshot <output.png>
#include "gui/tray/XTray.h"
#include "support/TestWorld.h"
#include "ui/tray/TrayController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMenu>
#include <QScreen>
#include <QSystemTrayIcon>

#include <cstdio>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: tray_screenshot <output.png>\n");
        return 2;
    }
    const QString output = QString::fromLocal8Bit(argv[1]);
    TestWorld world;
    world.now = QDateTime::currentDateTimeUtc();
    world.setWarningDays(7);
    world.recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                        QStringLiteral("write"));
    world.recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                        QStringLiteral("read"), world.now.addDays(5).addSecs(3600));
    world.recordVerdict(BobFine, TokenStatus::Valid, QStringLiteral("bob"), QStringLiteral("fineGrained"));
    world.recordVerdict(Colab, TokenStatus::Invalid);
    world.recordVerdict(QStringLiteral("oauth-carol-example"), TokenStatus::Expired);

    // A plain desktop colour behind the panel instead of Xvfb's black root window.
    QProcess::execute(QStringLiteral("display"),
                      {QStringLiteral("-window"), QStringLiteral("root"), QStringLiteral("-size"),
                       QStringLiteral("1280x800"), QStringLiteral("xc:#5b6e80")});

    TrayController tray(world.store(), world.clock());
    QElapsedTimer waited;
    waited.start();
    auto waitFor = [&waited](const std::function<bool()> &condition) {
        while (!condition() && waited.elapsed() < 15000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        return condition();
    };
    if (!waitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); })) {
        std::fprintf(stderr, "no system tray\n");
        return 1;
    }
    tray.showWhenAvailable();
    if (!waitFor([] { return trayIconWindow() && iconOnScreen(trayIconWindow()).x() > 0; })) {
        std::fprintf(stderr, "tray icon not embedded\n");
        return 1;
    }
    QWidget *icon = trayIconWindow();
    if (!clickOn(icon) || !waitFor([&tray] { return tray.menu()->isVisible(); })) {
        std::fprintf(stderr, "the menu did not open on a click\n");
        return 1;
    }
    if (!QTest::qWaitForWindowExposed(tray.menu()))
        return 1;
    // Hover the expiring token so the shot shows a highlighted item, as a user's pointer would.
    QTest::mouseMove(tray.menu(), tray.menu()->actionGeometry(tray.tokenAction(LaptopRead)).center());
    waitFor([&tray] { return tray.menu()->activeAction() != nullptr; });
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);

    const QRect area = iconOnScreen(icon)
                           .united(tray.menu()->geometry())
                           .adjusted(-150, 0, 0, 20)
                           .intersected(QGuiApplication::primaryScreen()->geometry());
    const QString crop =
        QStringLiteral("%1x%2+%3+%4").arg(area.width()).arg(area.height()).arg(area.x()).arg(area.y());
    QProcess import;
    import.start(QStringLiteral("import"),
                 {QStringLiteral("-window"), QStringLiteral("root"), QStringLiteral("-crop"), crop,
                  QStringLiteral("+repage"), output});
    if (!import.waitForFinished(30000) || import.exitCode() != 0) {
        std::fprintf(stderr, "import failed: %s\n", import.readAllStandardError().constData());
        return 1;
    }
    std::printf("wrote %s (%s)\n", qPrintable(output), qPrintable(crop));
    return 0;
}
