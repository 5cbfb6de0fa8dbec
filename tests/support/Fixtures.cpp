#include "support/Fixtures.h"

#include "support/FakeHub.h"

namespace hftm::test {

const QList<FixtureToken> &fixtureTokenList()
{
    static const QList<FixtureToken> tokens{
        {fixture::Colab, ColabSecret, QStringLiteral("whoami_org_member.json")},
        {fixture::BobFine, BobSecret, QStringLiteral("whoami_fine_grained.json")},
        {fixture::CiWrite, CiWriteSecret, QStringLiteral("whoami_write_token.json")},
        {fixture::LaptopRead, LaptopReadSecret, QStringLiteral("whoami_read_token.json")},
        {fixture::OauthCarol, OauthSecret, QString()},
    };
    return tokens;
}

const QList<std::pair<QString, QString>> &fixtureTokens()
{
    static const QList<std::pair<QString, QString>> pairs = [] {
        QList<std::pair<QString, QString>> out;
        for (const FixtureToken &token : fixtureTokenList())
            out.append({token.name, token.secret});
        return out;
    }();
    return pairs;
}

QStringList fixtureNames()
{
    QStringList names;
    for (const FixtureToken &token : fixtureTokenList())
        names << token.name;
    return names;
}

QString fixtureSecret(const QString &name)
{
    for (const FixtureToken &token : fixtureTokenList()) {
        if (token.name == name)
            return token.secret;
    }
    return {};
}

void addFixtureTokens(FakeHub &hub)
{
    for (const FixtureToken &token : fixtureTokenList()) {
        if (!token.whoami.isEmpty())
            hub.addToken(token.secret, token.whoami);
    }
}

QStringList namesOf(const QList<TokenRecord> &records)
{
    QStringList names;
    for (const TokenRecord &record : records)
        names << record.name;
    return names;
}

} // namespace hftm::test
