#pragma once

// The fixture world every test starts from, in one place: the five tokens of tests/data/files/stored_tokens
// (copied from /work/shared/fixtures/files, as huggingface_hub writes them), the whoami answer the fake Hub
// gives for each (tests/data/hub), and the values tests grep for.
#include "core/base/TokenRecord.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace hftm::test {

class FakeHub;

// One token of stored_tokens: its section name, its secret and the whoami fixture the fake Hub answers
// with for it (empty: unknown to the Hub, like the OAuth token).
struct FixtureToken {
    QString name;
    QString secret;
    QString whoami;
};

// In the order the store sorts records (code points: uppercase first).
const QList<FixtureToken> &fixtureTokenList();
QStringList fixtureNames();
QString fixtureSecret(const QString &name); // empty for a name not in the fixture

// Name and secret pairs, for tests that iterate over (name, secret).
const QList<std::pair<QString, QString>> &fixtureTokens();

inline const QString CiWriteSecret = QStringLiteral("hf_FAKEciWriteTokenForTestsOnlyxxCiWr");
inline const QString LaptopReadSecret = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
inline const QString BobSecret = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
inline const QString ColabSecret = QStringLiteral("hf_FAKEcolabCarolTokenForTestsOnlColb");
inline const QString OauthSecret = QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa");
inline const QStringList AllSecrets{CiWriteSecret, LaptopReadSecret, BobSecret, ColabSecret, OauthSecret};
// The OAuth refresh token is a secret too, though it never leaves stored_tokens.
inline const QByteArray FixtureRefreshToken = "FAKE-refresh-token-carol-example-0001";
// The token file of the fixture holds this token's secret.
inline const QString ActiveFixtureToken = QStringLiteral("ci-write");

// Teaches the fake Hub the four fixture tokens it knows (the OAuth one stays unknown: 401).
void addFixtureTokens(FakeHub &hub);

// The names of records, in their order.
QStringList namesOf(const QList<TokenRecord> &records);

// Short names some suites use unqualified; a nested namespace so that tests defining their own
// Canary or CiWrite next to `using namespace hftm::test` keep compiling.
namespace fixture {
inline const QString CiWrite = QStringLiteral("ci-write");
inline const QString LaptopRead = QStringLiteral("laptop-read");
inline const QString BobFine = QStringLiteral("bob-finegrained");
inline const QString Colab = QStringLiteral("Colab notebooks");
inline const QString OauthCarol = QStringLiteral("oauth-carol-example");
// A unique value grepped for in every file or string that must never hold a secret.
inline const QString Canary = QStringLiteral("hf_CANARYstoreUnitTokenNeverStored01");
} // namespace fixture

} // namespace hftm::test
