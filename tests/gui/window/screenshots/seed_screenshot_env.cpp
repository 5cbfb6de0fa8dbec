// Fills HF_HOME / XDG_CONFIG_HOME (taken from the environment) with the fixture tokens and plausible
// Hub answers, so screenshots of the main window show every column. Not a test; see take-screenshots.sh.
//   seed_screenshot_env [--tokens N]   N >= 5: the 5 fixture tokens plus N - 5 of every kind (read,
//                                      write, fine-grained, expiring, expired, invalid, unchecked, long
//                                      names), as a researcher with many projects has them.
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

namespace {
// Names of the kinds people give tokens: per project, per org, per machine, per run; a few long ones.
QString nameFor(int i)
{
    static const char *const projects[] = {"llama-finetune", "eval-harness", "sweep", "colab", "laptop",
                                           "org-acme", "dataset-writer", "space-demo", "pulp-cache",
                                           "ci-nightly", "inference-endpoint", "research"};
    static const char *const longNames[] = {"research-very-long-token-name-for-the-shared-eval-cluster",
                                            "org-acme-research-finetune-write-token-2026-q4-do-not-share"};
    if (i % 37 == 11)
        return QString::fromLatin1(longNames[(i / 37) % 2]) + QStringLiteral("-%1").arg(i);
    return QStringLiteral("%1-%2").arg(QString::fromLatin1(projects[i % 12])).arg(i, 3, 10, QLatin1Char('0'));
}

QByteArray secretFor(int i)
{
    QByteArray secret = "hf_FAKEscreenshot";
    while (secret.size() < 37)
        secret += char('a' + (i * 7 + secret.size()) % 26);
    return secret;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.indexOf(QStringLiteral("--tokens")) > 0
                          ? args.value(args.indexOf(QStringLiteral("--tokens")) + 1).toInt()
                          : 5;
    const TokenStore::Options options = TokenStore::Options::fromEnvironment();
    QDir().mkpath(options.paths.hfHome);
    if (!install(QStringLiteral("files/stored_tokens"), options.paths.storedTokensPath) ||
        !install(QStringLiteral("files/token"), options.paths.tokenPath)) {
        std::fprintf(stderr, "cannot write into %s\n", qPrintable(options.paths.hfHome));
        return 1;
    }
    if (total > 5) {
        // Appended as `hf auth login` would leave them; the store imports them below.
        QFile file(options.paths.storedTokensPath);
        if (!file.open(QIODevice::Append))
            return 1;
        for (int i = 0; i < total - 5; ++i)
            file.write("\n[" + nameFor(i).toUtf8() + "]\nhf_token = " + secretFor(i) + "\n");
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

    // Every kind among the extra tokens; one in eight is left unchecked.
    const char *const answers[] = {"whoami_read_token.json", "whoami_write_token.json",
                                   "whoami_fine_grained.json", "whoami_org_member.json"};
    QHash<QString, TokenCheck> checks;
    QHash<QString, TokenCheck> unreachableLater; // a verdict first, then a check the Hub did not answer
    for (int i = 0; i < total - 5; ++i) {
        const qint64 ago = 60 * (1 + (i * 13) % 600);
        std::optional<WhoamiInfo> who = whoami(answers[i % 4]);
        TokenCheck check{TokenStatus::Valid, now.addSecs(-ago), {}, TokenStatus::Valid, now.addSecs(-ago), who};
        switch ((i + i / 12) % 8) { // every kind in every project, not one kind per project
        case 1: // expiring inside the warning window
            if (check.whoami)
                check.whoami->expiresAt = now.addDays(1 + i % 6);
            break;
        case 3: // expired
            check.status = check.verdict = TokenStatus::Expired;
            if (check.whoami)
                check.whoami->expiresAt = now.addDays(-(1 + i % 40));
            break;
        case 5: // revoked
            check = TokenCheck{TokenStatus::Invalid, now.addSecs(-ago),
                               QStringLiteral("The Hub rejected this token (revoked, deleted or mistyped)."),
                               TokenStatus::Invalid, now.addSecs(-ago), std::nullopt};
            break;
        case 6: // last verdict valid, then the Hub could not be reached
            check.checkedAt = check.verdictAt = now.addDays(-2);
            unreachableLater.insert(nameFor(i), TokenCheck{TokenStatus::Unreachable, now.addSecs(-ago),
                                                           QStringLiteral("Connection refused"), {}, {}, {}});
            break;
        case 7:
            continue; // never checked
        default:
            break;
        }
        checks.insert(nameFor(i), check);
    }
    for (const QHash<QString, TokenCheck> &round : {checks, unreachableLater}) {
        if (round.isEmpty())
            continue;
        if (const Error error = store.recordChecks(round))
            std::fprintf(stderr, "recordChecks: %s\n", qPrintable(error.message));
    }
    return 0;
}
