#pragma once

// One tray test's world: a scratch HF_HOME holding tests/data/files/stored_tokens and token (the token
// file holds "ci-write"), an in-memory keychain, a TokenStore over them and a clock the test sets.
#include "core/git/GitCredential.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"
#include "support/ScratchEnvironment.h"

#include <QDateTime>
#include <QTest>

#include <memory>

namespace hftm::test {

inline const QString CiWrite = QStringLiteral("ci-write");
inline const QString LaptopRead = QStringLiteral("laptop-read");
inline const QString BobFine = QStringLiteral("bob-finegrained");
inline const QString Colab = QStringLiteral("Colab notebooks");
inline const QString CiWriteSecret = QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr");
inline const QString LaptopReadSecret = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
inline const QString BobSecret = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
inline const QStringList AllSecrets{CiWriteSecret, LaptopReadSecret, BobSecret,
                                    QStringLiteral("hf_FAKEcolabCarolTokenForTestsOnlColb"),
                                    QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa")};
// A unique value grepped for in every string the tray shows.
inline const QString Canary = QStringLiteral("hf_CANARYtrayTokenNeverShownAnywhere01");

class TrayWorld {
public:
    explicit TrayWorld(bool installFixtures = true)
    {
        if (installFixtures) {
            env.installFixture(QStringLiteral("files/stored_tokens"));
            env.installFixture(QStringLiteral("files/token"));
        }
    }

    // Built on first use, with the environment as it is then (set HF_TOKEN before for the override).
    TokenStore *store(GitCredential *git = nullptr)
    {
        if (!m_store) {
            m_store = std::make_unique<TokenStore>(TokenStore::Options::fromEnvironment(env.environment()),
                                                   &secrets, git);
            m_store->reload();
        }
        return m_store.get();
    }

    // Records a Hub answer for a stored token as the validator would.
    void recordVerdict(const QString &name, TokenStatus status,
                       const QString &user = QStringLiteral("alice-example"),
                       const QString &role = QStringLiteral("write"), const QDateTime &expires = QDateTime())
    {
        TokenCheck check;
        check.status = status;
        check.checkedAt = now;
        if (status == TokenStatus::Valid) {
            WhoamiInfo whoami;
            whoami.type = QStringLiteral("user");
            whoami.user = user;
            whoami.role = role;
            whoami.expiresAt = expires;
            check.whoami = whoami;
        }
        const Error error = store()->recordCheck(name, check);
        QVERIFY2(!error, qPrintable(error.message));
    }

    void setWarningDays(int days)
    {
        Settings settings = store()->settings();
        settings.expiryWarningDays = days;
        QVERIFY(!store()->saveSettings(settings));
    }

    QByteArray tokenFile() const { return env.readFile(QStringLiteral("token")); }

    ScratchEnvironment env;
    MemorySecretStore secrets;
    QDateTime now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
    std::function<QDateTime()> clock()
    {
        return [this] { return now; };
    }

private:
    std::unique_ptr<TokenStore> m_store;
};

} // namespace hftm::test
