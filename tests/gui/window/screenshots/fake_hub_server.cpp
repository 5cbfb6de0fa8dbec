// Not a test: serves the fake Hub (tests/fakes/FakeHub) on 127.0.0.1 until killed, so a screenshot of the
// add-token dialog can show a real verdict without the internet. Prints the endpoint on stdout.
#include "support/FakeHub.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    hftm::test::FakeHub hub;
    if (!hub.start())
        return 1;
    hub.addToken(QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF"),
                 QStringLiteral("whoami_fine_grained.json"));
    // A token the screenshot's store does not hold yet, so the dialog shows a fresh name.
    QJsonObject whoami = hftm::test::FakeHub::fixture(QStringLiteral("whoami_write_token.json"));
    QJsonObject auth = whoami.value(QStringLiteral("auth")).toObject();
    QJsonObject accessToken = auth.value(QStringLiteral("accessToken")).toObject();
    accessToken.insert(QStringLiteral("displayName"), QStringLiteral("workstation-write"));
    auth.insert(QStringLiteral("accessToken"), accessToken);
    whoami.insert(QStringLiteral("auth"), auth);
    hub.addToken(QStringLiteral("hf_FAKEwindowAddTokenForTestsOnlyxWinA"), whoami);
    std::printf("%s\n", qPrintable(hub.endpoint()));
    std::fflush(stdout);
    return app.exec();
}
