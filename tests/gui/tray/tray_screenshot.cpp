// Not a test: renders docs/screenshots/tray-menu.png. Run under with-tray.sh (Xvfb + trayer); it clicks
// the real tray icon through the X server, waits for the menu, and lets ImageMagick's `import` grab the
// panel and the open menu. Usage: with-tray.sh tray_screenshot <output.png> [<tokens> [<picker.png>]]
// With a token count (e.g. 200) the fixture is that many tokens, a few with problems; with a second
// file it also opens "All tokens…", types a filter and grabs the picker.
#include "gui/tray/XTray.h"
#include "support/TestWorld.h"
#include "ui/tray/TokenPicker.h"
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
    const int many = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 0;
    const QString pickerOutput = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    TestWorld world(many == 0);
    world.now = QDateTime::currentDateTimeUtc();
    QString hovered = LaptopRead;
    if (many > 0) {
        const QStringList teams{QStringLiteral("research"), QStringLiteral("ci"), QStringLiteral("laptop"),
                                QStringLiteral("inference"), QStringLiteral("datasets")};
        QByteArray ini;
        for (int i = 0; i < many; ++i) {
            ini += QStringLiteral("[%1-%2]\nhf_token = hf_FAKEscreenshotToken%3xxxxxxxxxxxxxx\n\n")
                       .arg(teams.at(i % teams.size()))
                       .arg(i, 3, 10, QLatin1Char('0'))
                       .arg(i, 4, 10, QLatin1Char('0'))
                       .toUtf8();
        }
        world.env.writeFile(QStringLiteral("stored_tokens"), ini);
        world.env.writeFile(QStringLiteral("token"), "hf_FAKEscreenshotToken0012xxxxxxxxxxxxxx");
        world.setWarningDays(7);
        const QList<TokenRecord> records = world.store()->tokens();
        for (int i = 0; i < records.size(); ++i) {
            const QString &name = records.at(i).name;
            if (i % 50 == 7)
                world.recordVerdict(name, TokenStatus::Invalid);
            else if (i % 70 == 3)
                world.recordVerdict(name, TokenStatus::Valid, QStringLiteral("alice-example"),
                                    QStringLiteral("read"), world.now.addDays(2 + i % 5).addSecs(3600));
            else if (i % 3 == 0)
                world.recordVerdict(name, TokenStatus::Valid, QStringLiteral("alice-example"),
                                    i % 2 ? QStringLiteral("write") : QStringLiteral("read"));
        }
    } else {
        world.setWarningDays(7);
        world.recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                            QStringLiteral("write"));
        world.recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                            QStringLiteral("read"), world.now.addDays(5).addSecs(3600));
        world.recordVerdict(BobFine, TokenStatus::Valid, QStringLiteral("bob"),
                            QStringLiteral("fineGrained"));
        world.recordVerdict(Colab, TokenStatus::Invalid);
        world.recordVerdict(QStringLiteral("oauth-carol-example"), TokenStatus::Expired);
    }

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
    // Hover a token so the shot shows a highlighted item, as a user's pointer would.
    QAction *hover = many > 0 ? tray.tokenActions().value(1) : tray.tokenAction(hovered);
    QTest::mouseMove(tray.menu(), tray.menu()->actionGeometry(hover).center());
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
    if (pickerOutput.isEmpty() || !tray.allTokensAction()->isVisible())
        return 0;

    // "All tokens…", then typing a filter, as a user would.
    tray.menu()->hide();
    tray.allTokensAction()->trigger();
    QWidget *picker = tray.tokenPicker();
    if (!picker || !QTest::qWaitForWindowExposed(picker))
        return 1;
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("ci-0"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const QRect frame = picker->frameGeometry().adjusted(-10, -10, 10, 10);
    QProcess grab;
    grab.start(
        QStringLiteral("import"),
        {QStringLiteral("-window"), QStringLiteral("root"), QStringLiteral("-crop"),
         QStringLiteral("%1x%2+%3+%4").arg(frame.width()).arg(frame.height()).arg(frame.x()).arg(frame.y()),
         QStringLiteral("+repage"), pickerOutput});
    if (!grab.waitForFinished(30000) || grab.exitCode() != 0)
        return 1;
    std::printf("wrote %s\n", qPrintable(pickerOutput));
    return 0;
}
