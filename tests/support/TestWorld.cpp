#include "support/TestWorld.h"

#include "core/base/TokenRole.h"
#include "core/store/MetadataFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace hftm::test {

TestWorld::TestWorld(bool installFixtures)
{
    if (installFixtures) {
        env.installFixture(QStringLiteral("files/stored_tokens"));
        env.installFixture(QStringLiteral("files/token"));
    }
}

// Out of line: the store goes before the keychain and hub it uses.
TestWorld::~TestWorld()
{
    m_store.reset();
    m_hub.reset();
}

std::unique_ptr<TokenStore> TestWorld::makeStore(GitCredential *git, SecretStore *keychain)
{
    return std::make_unique<TokenStore>(options(), keychain ? keychain : &secrets, git);
}

TokenStore *TestWorld::store(GitCredential *git)
{
    if (!m_store) {
        m_store = makeStore(git);
        m_store->reload();
    }
    return m_store.get();
}

FakeHub &TestWorld::hub()
{
    if (!m_hub)
        m_hub = std::make_unique<FakeHub>();
    return *m_hub;
}

bool TestWorld::startHub(bool fixtureTokens)
{
    if (!hub().start())
        return false;
    if (fixtureTokens)
        addFixtureTokens(hub());
    env.set(QStringLiteral("HF_ENDPOINT"), hub().endpoint());
    return true;
}

std::unique_ptr<GitCredential> TestWorld::realGit() const
{
    QProcessEnvironment gitEnv = env.environment();
    gitEnv.insert(QStringLiteral("HOME"), env.root());
    gitEnv.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    return std::make_unique<GitCredential>(QStringLiteral("git"), gitEnv);
}

QStringList TestWorld::sectionsOnDisk() const
{
    QStringList names;
    static const QRegularExpression header(QStringLiteral("^\\[(.+)\\]\\s*$"),
                                           QRegularExpression::MultilineOption);
    auto it = header.globalMatch(QString::fromUtf8(storedTokens()));
    while (it.hasNext())
        names << it.next().captured(1);
    return names;
}

QString TestWorld::metadataPath() const
{
    return MetadataFile(env.configDir()).path();
}

QByteArray TestWorld::metadataBytes() const
{
    QFile file(metadataPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestWorld::writeMetadata(const QByteArray &bytes) const
{
    QDir().mkpath(env.configDir());
    QFile file(metadataPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(metadataPath()));
    file.write(bytes);
}

void TestWorld::recordVerdict(const QString &name, TokenStatus status, const QString &user,
                              const QString &role, const QDateTime &expires)
{
    TokenCheck check;
    check.status = status;
    check.checkedAt = now;
    if (status == TokenStatus::Valid) {
        WhoamiInfo whoami;
        whoami.type = QStringLiteral("user");
        whoami.user = user;
        whoami.role = role;
        whoami.roleKind = parseTokenRole(role); // as WhoamiParser does
        whoami.expiresAt = expires;
        check.whoami = whoami;
    }
    const Error error = store()->recordCheck(name, check);
    QVERIFY2(!error, qPrintable(error.message));
}

void TestWorld::setWarningDays(int days)
{
    Settings settings = store()->settings();
    settings.expiryWarningDays = days;
    QVERIFY(!store()->saveSettings(settings));
}

} // namespace hftm::test
