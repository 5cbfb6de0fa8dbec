#pragma once

// Twelve stored tokens of every kind a user has — valid for ever, expiring soon, expired, refused,
// fine-grained with scopes, never checked, one whose last check did not reach the Hub — under names of
// the lengths people give them, the longest a 57-character one and one without a place to wrap.
#include "core/hub/WhoamiParser.h"
#include "support/ScratchEnvironment.h"
#include "support/gui/WindowFixture.h"

#include <QTest>

namespace hftm::test {

inline const QStringList &twelveNames()
{
    static const QStringList names{
        QStringLiteral("research-very-long-token-name-for-the-shared-eval-cluster"),
        QStringLiteral("ci-write"),
        QStringLiteral("Colab notebooks"),
        QStringLiteral("laptop-read"),
        QStringLiteral("bob-finegrained"),
        QStringLiteral("org-acme-finetune"),
        QStringLiteral("pulp-cache"),
        QStringLiteral("space-demo"),
        QStringLiteral("dataset_writer_for_the_nightly_export"),
        QStringLiteral("sweep-2026-11"),
        QStringLiteral("old-expired"),
        QStringLiteral("offline-check"),
    };
    return names;
}

inline QString twelveSecret(int i)
{
    return QStringLiteral("hf_FAKEtwelveTokensLayout%1xxxxxxxxxxxx").arg(i, 2, 10, QLatin1Char('0'));
}

inline std::optional<WhoamiInfo> twelveWhoami(const char *fixture)
{
    const Result<WhoamiInfo> parsed =
        WhoamiParser::parse(ScratchEnvironment::fixture(QStringLiteral("hub/") + QLatin1String(fixture)));
    return parsed ? std::optional<WhoamiInfo>(*parsed) : std::nullopt;
}

// Writes stored_tokens and the active token file, then records the Hub's answers in the fixture's store.
inline void seedTwelveTokens(WindowFixture &f)
{
    QByteArray ini;
    for (int i = 0; i < twelveNames().size(); ++i)
        ini += "[" + twelveNames().at(i).toUtf8() + "]\nhf_token = " + twelveSecret(i).toUtf8() + "\n\n";
    f.env.writeFile(QStringLiteral("stored_tokens"), ini);
    f.env.writeFile(QStringLiteral("token"), twelveSecret(1).toUtf8());
    TokenStore *store = f.store();
    const QDateTime now = f.now;
    const auto record = [&](int i, TokenStatus status, qint64 ago, std::optional<WhoamiInfo> who,
                            TokenStatus verdict = TokenStatus::Unchecked) {
        TokenCheck check;
        check.status = status;
        check.checkedAt = now.addSecs(-ago);
        check.verdict = verdict == TokenStatus::Unchecked ? status : verdict;
        check.verdictAt = check.checkedAt;
        check.whoami = std::move(who);
        if (status == TokenStatus::Invalid)
            check.message = QStringLiteral("Invalid credentials in Authorization header");
        const Error error = store->recordCheck(twelveNames().at(i), check);
        QVERIFY2(!error, qPrintable(error.message));
    };
    std::optional<WhoamiInfo> soon = twelveWhoami("whoami_fine_grained.json");
    QVERIFY(soon);
    soon->expiresAt = now.addDays(5).addSecs(3600);
    record(0, TokenStatus::Valid, 60, twelveWhoami("whoami_write_token.json"));
    record(1, TokenStatus::Valid, 4 * 60, twelveWhoami("whoami_write_token.json"));
    record(2, TokenStatus::Valid, 3 * 86400, twelveWhoami("whoami_org_member.json"));
    record(3, TokenStatus::Invalid, 90, std::nullopt);
    record(4, TokenStatus::Valid, 2 * 3600, soon);
    record(5, TokenStatus::Valid, 40 * 86400, twelveWhoami("whoami_read_token.json"));
    record(10, TokenStatus::Expired, 30, std::nullopt);
    record(11, TokenStatus::Unreachable, 60, std::nullopt, TokenStatus::Invalid);
}

// A window fixture over the twelve tokens (for a test's init()).
inline std::unique_ptr<WindowFixture> twelveTokenFixture()
{
    auto f = std::make_unique<WindowFixture>(false);
    seedTwelveTokens(*f);
    return f;
}

} // namespace hftm::test
