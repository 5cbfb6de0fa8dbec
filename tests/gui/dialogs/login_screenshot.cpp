// Not a test: shows the login dialog with a validated fine-grained token from the fake Hub and saves a
// picture of it, for the docs and for judging the layout. Usage: login_screenshot OUT.png [--dark]
#include "support/FakeHub.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/StatusLine.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"

#include <QApplication>
#include <QLineEdit>
#include <QStyleFactory>
#include <QTimer>

using namespace hftm;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2)
        return 2;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (args.contains(QStringLiteral("--dark"))) {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        dark.setColor(QPalette::Link, QColor(0x7a, 0xb7, 0xff));
        QApplication::setPalette(dark);
    }

    test::DialogTestEnv env;
    test::FakeHub hub;
    if (!hub.start())
        return 1;
    const QString token = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
    hub.addToken(token, QStringLiteral("whoami_fine_grained.json"));
    const QDateTime now(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    env.client.setClock([now] { return now; });
    env.setEndpoint(hub.endpoint());

    LoginDialog dialog(env.store.get(), &env.validator);
    dialog.setUrlOpener([](const QUrl &) { return false; });
    dialog.findChild<WhoamiSummaryWidget *>()->setClock([now] { return now; });
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);

    auto *status = dialog.findChild<StatusLine *>(QStringLiteral("tokenStatus"));
    QTimer poll;
    int exitCode = 1;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (status->kind() != StatusLine::Kind::Success && status->kind() != StatusLine::Kind::Error &&
            status->kind() != StatusLine::Kind::Warning)
            return;
        dialog.adjustSize();
        QTimer::singleShot(300, &app, [&] {
            exitCode = dialog.grab().save(args.at(1)) ? 0 : 1;
            app.quit();
        });
        poll.stop();
    });
    poll.start(50);
    QTimer::singleShot(15000, &app, &QApplication::quit);
    app.exec();
    return exitCode;
}
