#include "core/ProcessHardening.h"
#include "ui/app/AppContext.h"
#include "ui/app/AppController.h"
#include "ui/tray/SingleInstance.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

namespace {
const QCommandLineOption &minimizedOption()
{
    static const QCommandLineOption option(
        QStringLiteral("minimized"), QObject::tr("Start in the system tray without showing the window."));
    return option;
}

void describe(QCoreApplication &app, QCommandLineParser &parser)
{
    QCoreApplication::setApplicationName(QStringLiteral("hf-token-manager"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HFTM_VERSION));
    parser.setApplicationDescription(QObject::tr("Manage Hugging Face Hub access tokens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(minimizedOption());
    parser.process(app); // exits here for --help / --version
}

// --version and --help must work without a display (scripts, packaging checks, ssh sessions).
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h" || arg == "--help-all")
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    // Before anything else: the window reads secrets from the keychain and the clipboard.
    hftm::ProcessHardening::apply();
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        describe(app, parser);
        return 0;
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    describe(app, parser);
    QApplication::setDesktopFileName(QStringLiteral(HFTM_APP_ID));

    // A second launch shows the running instance's window and leaves.
    hftm::SingleInstance instance;
    if (instance.forwardToRunning())
        return 0;
    if (!instance.listen()) // we still run, just without the hand-over
        qWarning("%s", qPrintable(instance.errorString()));

    const std::unique_ptr<hftm::AppContext> context = hftm::AppContext::fromEnvironment();
    hftm::MainWindow window(*context);
    hftm::AppOptions options;
    options.startMinimized = parser.isSet(minimizedOption());
    options.windowIcon = true; // after the first frame: the SVG icon engine is not on its path
    hftm::AppController controller(*context, &window, options);
    QObject::connect(&instance, &hftm::SingleInstance::showRequested, &controller,
                     &hftm::AppController::showWindow);
    controller.start(); // shows the window unless starting minimized into a tray
    return app.exec();
}
