// Not a test: shows the login dialog with a validated fine-grained token from the fake Hub and saves a
// picture of it, for the docs and for judging the layout. Usage: login_screenshot OUT.png [--dark]
// [--state=fine|empty|invalid|checking|read|refused|down|duplicate|expiring|longname] (default fine)
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
    QString state = QStringLiteral("fine");
    for (const QString &arg : args) {
        if (arg.startsWith(QLatin1String("--state=")))
            state = arg.mid(8);
    }
    QString token = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
    const QString read = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
    hub.addToken(token, QStringLiteral("whoami_fine_grained.json"));
    hub.addToken(read, QStringLiteral("whoami_read_token.json"));
    QDateTime now(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    QString endpoint = hub.endpoint();
    QString name;
    if (state == QLatin1String("expiring"))
        now = QDateTime(QDate(2026, 12, 26), QTime(12, 0), Qt::UTC);
    else if (state == QLatin1String("empty"))
        token.clear();
    else if (state == QLatin1String("invalid"))
        token = QStringLiteral("hf_abcdefghij\x01klmnopqrstuvwxyz012345");
    else if (state == QLatin1String("checking"))
        hub.setLatencyMs(60000);
    else if (state == QLatin1String("read"))
        token = read;
    else if (state == QLatin1String("refused"))
        token = QStringLiteral("hf_FAKEunknownTokenForTestsOnlyxxUnkn");
    else if (state == QLatin1String("down"))
        hub.failNext(503, {{"Content-Type", "application/json"}},
                     "{\"error\":\"The service is temporarily unavailable while we roll out a new version of "
                     "the authentication backend. Requests made during this window may fail; please retry "
                     "in a few minutes.\"}");
    else if (state == QLatin1String("duplicate"))
        env.store->add(QStringLiteral("bob-finegrained"), read, AddOptions{});
    else if (state == QLatin1String("longname"))
        name = QStringLiteral("a-very-long-token-name-that-someone-typed-without-any-spaces-to-describe-"
                              "exactly-where-it-is-used");
    if (state == QLatin1String("longname"))
        env.store->add(name, read, AddOptions{});
    env.client.setClock([now] { return now; });
    env.setEndpoint(endpoint);

    LoginDialog dialog(env.store.get(), &env.validator);
    dialog.setUrlOpener([](const QUrl &) { return false; });
    dialog.setClock([now] { return now; });
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);

    auto *status = dialog.findChild<StatusLine *>(QStringLiteral("tokenStatus"));
    QTimer poll;
    int exitCode = 1;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        const bool settled = status->kind() == StatusLine::Kind::Success ||
                             status->kind() == StatusLine::Kind::Error ||
                             status->kind() == StatusLine::Kind::Warning;
        const bool wanted = state == QLatin1String("empty") ||
                            (state == QLatin1String("checking") ? hub.inFlight() > 0 : settled);
        if (!wanted)
            return;
        if (!name.isEmpty())
            dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(name);
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
