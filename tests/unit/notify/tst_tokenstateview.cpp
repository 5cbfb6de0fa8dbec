// The one decision of a token's shown state (core/notify/TokenStateView) from a record, the warning
// window and "now", one row per case; it agrees with tokenHealth (the tray and the notifications) on
// every row. And the check run's summary sentence, from its counts.
#include "core/notify/TokenHealth.h"
#include "core/notify/TokenStateView.h"
#include "core/runs/CheckRunSummary.h"

#include <QTest>

using namespace hftm;

namespace {
const QDateTime Now(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 Day = 24 * 3600;

// verdict: the Hub's last real answer (Unchecked: none); attempt: the last attempt's status.
TokenRecord recordOf(TokenStatus verdict, TokenStatus attempt, qint64 expiresIn, bool described)
{
    TokenRecord record;
    record.name = QStringLiteral("t");
    record.check.status = attempt;
    record.check.checkedAt = Now.addSecs(-60);
    record.check.verdict = verdict;
    if (verdict != TokenStatus::Unchecked)
        record.check.verdictAt = Now.addSecs(-3600);
    if (described) {
        WhoamiInfo whoami;
        whoami.user = QStringLiteral("alice-example");
        if (expiresIn != 0)
            whoami.expiresAt = Now.addSecs(expiresIn);
        record.check.whoami = whoami;
    }
    return record;
}
} // namespace

class TestTokenStateView : public QObject {
    Q_OBJECT

private slots:
    void decides_data()
    {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("expiresIn"); // 0: none known
        QTest::addColumn<bool>("described");   // the Hub's whoami is known
        QTest::addColumn<bool>("checking");
        QTest::addColumn<TokenState>("state");
        QTest::addColumn<TokenState>("judged");
        QTest::addColumn<bool>("notReached");
        using S = TokenStatus;
        using T = TokenState;
        QTest::newRow("never checked") << int(S::Unchecked) << int(S::Unchecked) << qint64(0) << false
                                       << false << T::Unchecked << T::Unchecked << false;
        QTest::newRow("valid, never expires")
            << int(S::Valid) << int(S::Valid) << qint64(0) << true << false << T::Valid << T::Valid << false;
        QTest::newRow("valid, 8 days left")
            << int(S::Valid) << int(S::Valid) << 8 * Day << true << false << T::Valid << T::Valid << false;
        QTest::newRow("valid, 6 days left") << int(S::Valid) << int(S::Valid) << 6 * Day << true << false
                                            << T::Expiring << T::Expiring << false;
        QTest::newRow("valid, date passed")
            << int(S::Valid) << int(S::Valid) << -Day << true << false << T::Expired << T::Expired << false;
        QTest::newRow("the Hub said expired") << int(S::Expired) << int(S::Expired) << qint64(0) << false
                                              << false << T::Expired << T::Expired << false;
        QTest::newRow("invalid") << int(S::Invalid) << int(S::Invalid) << qint64(0) << false << false
                                 << T::Invalid << T::Invalid << false;
        QTest::newRow("invalid, then unreachable") << int(S::Invalid) << int(S::Unreachable) << qint64(0)
                                                   << false << false << T::Invalid << T::Invalid << true;
        QTest::newRow("valid, then rate-limited") << int(S::Valid) << int(S::RateLimited) << qint64(0) << true
                                                  << false << T::Valid << T::Valid << true;
        QTest::newRow("nothing known, unreachable") << int(S::Unchecked) << int(S::Unreachable) << qint64(0)
                                                    << false << false << T::Unchecked << T::Unchecked << true;
        QTest::newRow("OAuth expiry soon, never checked")
            << int(S::Unchecked) << int(S::Unchecked) << 2 * Day << false << false << T::Expiring
            << T::Expiring << false;
        QTest::newRow("checking an invalid one") << int(S::Invalid) << int(S::Invalid) << qint64(0) << false
                                                 << true << T::Checking << T::Invalid << false;
    }

    void decides()
    {
        QFETCH(int, verdict);
        QFETCH(int, attempt);
        QFETCH(qint64, expiresIn);
        QFETCH(bool, described);
        QFETCH(bool, checking);
        QFETCH(TokenState, state);
        QFETCH(TokenState, judged);
        QFETCH(bool, notReached);
        TokenRecord record = recordOf(TokenStatus(verdict), TokenStatus(attempt), expiresIn, described);
        if (!described && expiresIn != 0) {
            record.oauth = true;
            record.oauthExpiresAt = Now.addSecs(expiresIn);
        }
        const TokenStateView view = tokenStateView(record, Now, 7, checking);
        QCOMPARE(view.state, state);
        QCOMPARE(view.judged, judged);
        QCOMPARE(view.notReached, notReached);
        QCOMPARE(view.lastAttempt, TokenStatus(attempt));

        // The tray's judgement agrees on every row.
        const TokenHealth health = tokenHealth(record, Now, 7);
        switch (judged) {
        case TokenState::Valid:
            QCOMPARE(health, TokenHealth::Valid);
            break;
        case TokenState::Expiring:
            QCOMPARE(health, TokenHealth::Expiring);
            break;
        case TokenState::Expired:
            QCOMPARE(health, TokenHealth::Invalid);
            QVERIFY(hasExpired(record, Now));
            break;
        case TokenState::Invalid:
            QCOMPARE(health, TokenHealth::Invalid);
            QVERIFY(!hasExpired(record, Now));
            break;
        case TokenState::Unchecked:
        case TokenState::Checking:
            QCOMPARE(health, TokenHealth::Unchecked);
            break;
        }
        // The filter's words: the stable id and the words, and "unreachable" when the Hub was not reached.
        const QStringList words = tokenStateSearchWords(view);
        QVERIFY(words.contains(tokenStateId(state)));
        QVERIFY(words.contains(tokenStateId(judged)));
        QCOMPARE(words.contains(QStringLiteral("unreachable")),
                 TokenStatus(attempt) == TokenStatus::Unreachable);
    }

    void ranksProblemsFirst()
    {
        const auto rank = [](TokenStatus verdict, TokenStatus attempt, qint64 expiresIn = 0) {
            return tokenStateView(recordOf(verdict, attempt, expiresIn, verdict == TokenStatus::Valid), Now,
                                  7)
                .sortRank();
        };
        using S = TokenStatus;
        const QList<int> ranks{rank(S::Invalid, S::Unreachable), rank(S::Invalid, S::Invalid),
                               rank(S::Expired, S::Expired),     rank(S::Valid, S::Valid, 3 * Day),
                               rank(S::Unchecked, S::Unchecked), rank(S::Valid, S::RateLimited),
                               rank(S::Valid, S::Valid)};
        for (qsizetype i = 1; i < ranks.size(); ++i)
            QVERIFY2(ranks.at(i - 1) < ranks.at(i), qPrintable(QString::number(i)));
        // "checking" keeps the rank of what is known: a row does not jump while it is checked.
        const TokenRecord invalid = recordOf(S::Invalid, S::Invalid, 0, false);
        QCOMPARE(tokenStateView(invalid, Now, 7, true).sortRank(),
                 tokenStateView(invalid, Now, 7).sortRank());
    }

    void summary_data()
    {
        QTest::addColumn<QList<int>>(
            "counts"); // total, valid, expiring, expired, invalid, unchecked, notChecked
        QTest::addColumn<QString>("text");
        QTest::newRow("all answered, all valid")
            << QList<int>{25, 25, 0, 0, 0, 0, 0} << QStringLiteral("Validated 25 tokens.");
        QTest::newRow("one valid") << QList<int>{1, 1, 0, 0, 0, 0, 0} << QStringLiteral("Validated 1 token.");
        QTest::newRow("answered with problems")
            << QList<int>{12, 9, 0, 1, 2, 0, 0}
            << QStringLiteral("Validated 12 tokens: 9 valid, 1 expired, 2 invalid.");
        QTest::newRow("the Hub down for 11 of 12")
            << QList<int>{12, 9, 0, 1, 2, 0, 11}
            << QStringLiteral("9 valid, 1 expired, 2 invalid; 11 could not be checked.");
        QTest::newRow("nothing known and nothing reached")
            << QList<int>{3, 0, 0, 0, 0, 3, 3} << QStringLiteral("3 never checked; 3 could not be checked.");
        QTest::newRow("one of each") << QList<int>{5, 1, 1, 1, 1, 1, 1}
                                     << QStringLiteral(
                                            "1 valid, 1 expires soon, 1 expired, 1 invalid, 1 never checked; "
                                            "1 could not be checked.");
        QTest::newRow("two expiring, answered")
            << QList<int>{2, 0, 2, 0, 0, 0, 0} << QStringLiteral("Validated 2 tokens: 2 expire soon.");
    }

    void summary()
    {
        QFETCH(QList<int>, counts);
        QFETCH(QString, text);
        CheckRunCounts c;
        c.total = counts.at(0);
        c.valid = counts.at(1);
        c.expiring = counts.at(2);
        c.expired = counts.at(3);
        c.invalid = counts.at(4);
        c.unchecked = counts.at(5);
        c.notChecked = counts.at(6);
        QCOMPARE(c.text(), text);
    }
};

QTEST_GUILESS_MAIN(TestTokenStateView)
#include "tst_tokenstateview.moc"
