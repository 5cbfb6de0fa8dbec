// Fills HF_HOME / XDG_CONFIG_HOME (taken from the environment) with the fixture tokens and plausible
// Hub answers, so screenshots of the main window show every column. Not a test; see take-screenshots.sh.
#include "core/hub/WhoamiParser.h"
#include "core/secrets/SystemSecretStore.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

using namespace hftm;

namespace {
QByteArray fixture(const QString &path)
{
    QFile file(QStringLiteral(HFTM_TEST_DATA_DIR "/") + path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool install(const QString &fixturePath, const QString &target)
{
    QFile file(target);
    return file.open(QIODevice::WriteOnly) && file.write(fixture(fixturePath)) >= 0 &&
           file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

std::optional<WhoamiInfo> whoami(const char *name)
{
    const Result<WhoamiInfo> parsed =
        WhoamiParser::parse(fixture(QStringLiteral("hub/") + QLatin1String(name)));
    return parsed ? std::optional<WhoamiInfo>(*parsed) : std::nullopt;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const TokenStore::Options options = TokenStore::Options::fromEnvironment();
    QDir().mkpath(options.paths.hfHome);
    if (!install(QStringLiteral("files/stored_tokens"), options.paths.storedTokensPath) ||
        !install(QStringLiteral("files/token"), options.paths.tokenPath)) {
        std::fprintf(stderr, "cannot write into %s\n", qPrintable(options.paths.hfHome));
        return 1;
    }
    const std::unique_ptr<SecretStore> keychain = makeSystemSecretStore(options.identity);
    TokenStore store(options, keychain.get(), nullptr);
    if (const Error error = store.reload())
        std::fprintf(stderr, "reload: %s\n", qPrintable(error.message));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto record = [&](const QString &name, TokenStatus status, qint64 secondsAgo,
                      std::optional<WhoamiInfo> who, const QString &message = QString()) {
        if (const Error error =
                store.recordCheck(name, TokenCheck{status, now.addSecs(-secondsAgo), message, {}, {}, who}))
            std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(error.message));
    };
    record(QStringLiteral("ci-write"), TokenStatus::Valid, 4 * 60, whoami("whoami_write_token.json"));
    std::optional<WhoamiInfo> bob = whoami("whoami_fine_grained.json");
    if (bob)
        bob->expiresAt = now.addDays(5).addSecs(3600); // shows the "expires soon" highlight
    record(QStringLiteral("bob-finegrained"), TokenStatus::Valid, 2 * 3600, bob);
    record(QStringLiteral("Colab notebooks"), TokenStatus::Valid, 3 * 86400,
           whoami("whoami_org_member.json"));
    record(QStringLiteral("laptop-read"), TokenStatus::Valid, 40 * 86400, whoami("whoami_read_token.json"));
    record(QStringLiteral("laptop-read"), TokenStatus::Invalid, 90, std::nullopt,
           QStringLiteral("Invalid credentials in Authorization header"));
    return 0;
}
