// Issue 10 item 12: what the Hub says about a token (user name, full name, token display name) reaches a
// terminal without control characters, bidi overrides or zero-width characters, so a server can neither
// drive the terminal nor make a line read as something it is not. A display name that would become a
// token name with such characters is refused, like a typed one.
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {
const QString Secret = QStringLiteral("hf_FAKEterminalTextTokenForTestsOnlyTt");

QString withChar(const QString &before, char16_t c, const QString &after)
{
    return before + QChar(c) + after;
}

// Nothing that can steer a terminal or reorder a line, anywhere in what was printed.
QStringList unsafeCharacters(const QByteArray &printed)
{
    QStringList found;
    for (const char32_t c : QString::fromUtf8(printed).toUcs4()) {
        const bool control = (c < 0x20 && c != u'\n') || (c >= 0x7f && c <= 0x9f);
        const bool bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
        const bool zeroWidth = (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff;
        if (control || bidi || zeroWidth)
            found << QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    return found;
}
} // namespace

class TestCliTerminalText : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_env->set(QStringLiteral("HF_ENDPOINT"), m_hub->endpoint());
    }

    void cleanup()
    {
        QVERIFY2(!m_cli->transcript().contains(Secret.toUtf8()), "the token leaked into output");
    }

    void whoamiFieldsPrintedSafely_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("shown"); // what the USER column must read
        QTest::newRow("OSC title + bell")
            << QStringLiteral("alice\x1b]0;pwned\x07") << QStringLiteral("alice]0;pwned");
        QTest::newRow("ANSI clear screen")
            << QStringLiteral("\x1b[2J\x1b[Halice") << QStringLiteral("[2J[Halice");
        QTest::newRow("C1 CSI") << QStringLiteral("al") + QChar(0x9b) + QStringLiteral("31mice")
                                << QStringLiteral("al31mice");
        QTest::newRow("fake row via newline")
            << QStringLiteral("alice\nroot  Valid") << QStringLiteral("aliceroot  Valid");
        QTest::newRow("RLO") << withChar(QStringLiteral("alice"), 0x202e, QStringLiteral("nimda"))
                             << QStringLiteral("alicenimda");
        QTest::newRow("isolate") << withChar(QStringLiteral("alice"), 0x2067, QStringLiteral("x"))
                                 << QStringLiteral("alicex");
        QTest::newRow("zero-width joiner")
            << withChar(QStringLiteral("ali"), 0x200d, QStringLiteral("ce")) << QStringLiteral("alice");
    }

    void whoamiFieldsPrintedSafely()
    {
        QFETCH(QString, user);
        QFETCH(QString, shown);
        QJsonObject whoami = FakeHub::fixture(QStringLiteral("whoami_read_token.json"));
        whoami.insert(QStringLiteral("name"), user);
        whoami.insert(QStringLiteral("fullname"), user);
        m_hub->addToken(Secret, whoami);

        const CliRunner::Run added =
            m_cli->run({QStringLiteral("add"), QStringLiteral("laptop")}, Secret.toUtf8());
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(unsafeCharacters(added.all()).isEmpty(),
                 qPrintable(unsafeCharacters(added.all()).join(QLatin1Char(' '))));

        for (const QString &command : {QStringLiteral("list"), QStringLiteral("check")}) {
            const CliRunner::Run run = m_cli->run({command});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QVERIFY2(
                unsafeCharacters(run.all()).isEmpty(),
                qPrintable(command + QLatin1Char(' ') + unsafeCharacters(run.all()).join(QLatin1Char(' '))));
            QVERIFY2(QString::fromUtf8(run.out).contains(shown), run.out.constData());
        }
    }

    // With no NAME, `add` names the token after its display name on the Hub: that name is checked too.
    void displayNameWithInvisibleCharactersRefused_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::newRow("RLO") << withChar(QStringLiteral("laptop"), 0x202e, QStringLiteral("daer"));
        QTest::newRow("LRI") << withChar(QStringLiteral("laptop"), 0x2066, QStringLiteral("read"));
        QTest::newRow("zero-width space")
            << withChar(QStringLiteral("laptop"), 0x200b, QStringLiteral("read"));
    }

    void displayNameWithInvisibleCharactersRefused()
    {
        QFETCH(QString, displayName);
        QJsonObject whoami = FakeHub::fixture(QStringLiteral("whoami_read_token.json"));
        QJsonObject auth = whoami.value(QStringLiteral("auth")).toObject();
        QJsonObject accessToken = auth.value(QStringLiteral("accessToken")).toObject();
        accessToken.insert(QStringLiteral("displayName"), displayName);
        auth.insert(QStringLiteral("accessToken"), accessToken);
        whoami.insert(QStringLiteral("auth"), auth);
        m_hub->addToken(Secret, whoami);

        const CliRunner::Run added = m_cli->run({QStringLiteral("add")}, Secret.toUtf8());
        QCOMPARE(added.exitCode, 1);
        QVERIFY2(added.err.contains("token name"), added.err.constData());
        QVERIFY2(unsafeCharacters(added.all()).isEmpty(),
                 qPrintable(unsafeCharacters(added.all()).join(QLatin1Char(' '))));
        QVERIFY(!QFile::exists(m_env->paths().storedTokensPath));
        QVERIFY(CliRunner::keychainLookup(displayName).isEmpty());
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestCliTerminalText)
#include "tst_cli_terminaltext.moc"
