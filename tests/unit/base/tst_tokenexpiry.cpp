// TokenExpiry: how a token's expiry stands, judged once in core from the record, the warning window and
// a fixed "now" — and the tray's health agrees with it, because it asks the same function.
#include "core/base/TokenExpiry.h"
#include "core/notify/TokenHealth.h"

#include <QTest>

using namespace hftm;

namespace {
const QDateTime Expiry(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::UTC);
constexpr qint64 Day = 24 * 3600;

enum class Source { None, Hub, HubNoExpiry, OAuth };

TokenRecord recordWith(Source source)
{
    TokenRecord record;
    record.name = QStringLiteral("t");
    if (source == Source::Hub || source == Source::HubNoExpiry) {
        WhoamiInfo who;
        who.user = QStringLiteral("alice");
        if (source == Source::Hub)
            who.expiresAt = Expiry;
        record.check.whoami = who;
        record.check.status = record.check.verdict = TokenStatus::Valid;
    }
    if (source == Source::OAuth) {
        record.oauth = true;
        record.oauthExpiresAt = Expiry;
    }
    return record;
}
} // namespace

Q_DECLARE_METATYPE(Source)

class TokenExpiryTest : public QObject {
    Q_OBJECT
private slots:
    void judgedAtFixedInstants_data()
    {
        QTest::addColumn<Source>("source");
        QTest::addColumn<qint64>("secondsLeft"); // now = Expiry - secondsLeft
        QTest::addColumn<int>("warningDays");
        QTest::addColumn<ExpiryState>("state");
        QTest::addColumn<int>("days");

        QTest::newRow("never described, nothing known")
            << Source::None << qint64(0) << 7 << ExpiryState::Unknown << 0;
        QTest::newRow("described, no expiry: none")
            << Source::HubNoExpiry << qint64(0) << 7 << ExpiryState::None << 0;
        QTest::newRow("8 days left, warn 7: ok") << Source::Hub << 8 * Day << 7 << ExpiryState::Ok << 8;
        QTest::newRow("7 days left exactly: ok") << Source::Hub << 7 * Day << 7 << ExpiryState::Ok << 7;
        QTest::newRow("1 s inside the window: soon")
            << Source::Hub << 7 * Day - 1 << 7 << ExpiryState::Soon << 6;
        QTest::newRow("30 h left: soon, 1 day")
            << Source::Hub << qint64(30 * 3600) << 7 << ExpiryState::Soon << 1;
        QTest::newRow("warning off: ok to the end") << Source::Hub << qint64(60) << 0 << ExpiryState::Ok << 0;
        QTest::newRow("at the instant: expired")
            << Source::Hub << qint64(0) << 7 << ExpiryState::Expired << 0;
        QTest::newRow("1 s after: expired") << Source::Hub << qint64(-1) << 7 << ExpiryState::Expired << 0;
        QTest::newRow("OAuth expiry, 2 days: soon")
            << Source::OAuth << 2 * Day << 7 << ExpiryState::Soon << 2;
        QTest::newRow("OAuth expiry passed: expired")
            << Source::OAuth << -Day << 7 << ExpiryState::Expired << 0;
    }

    void judgedAtFixedInstants()
    {
        QFETCH(Source, source);
        QFETCH(qint64, secondsLeft);
        QFETCH(int, warningDays);
        QFETCH(ExpiryState, state);
        QFETCH(int, days);
        const TokenRecord record = recordWith(source);
        const QDateTime now = Expiry.addSecs(-secondsLeft); // a fixed clock, not today's date
        QCOMPARE(expiryState(record, now, warningDays), state);
        if (record.expires().isValid())
            QCOMPARE(daysLeft(record.expires(), now), days);

        // The tray and the notifications ask the same judgement.
        const TokenHealth health = tokenHealth(record, now, warningDays);
        QCOMPARE(health == TokenHealth::Expiring, state == ExpiryState::Soon);
        QCOMPARE(health == TokenHealth::Invalid, state == ExpiryState::Expired);
        QCOMPARE(hasExpired(record, now), state == ExpiryState::Expired);
    }
};

QTEST_GUILESS_MAIN(TokenExpiryTest)
#include "tst_tokenexpiry.moc"
