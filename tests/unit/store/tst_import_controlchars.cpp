// Python's configparser accepts "[work\0evil]" and control characters in values. Imported from
// stored_tokens, such a section must never reach the keychain (a name cut at the NUL would replace
// "work"), never be listed, and stay in the file byte for byte: through `list` and `config storage
// keychain-only`, with the real `hftoken` and the real gnome-keyring.
#include "support/CliRunner.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::freshCliWorld;
using hftm::test::ScratchEnvironment;

namespace {

const QByteArray WorkSecret = "hf_FAKEworkTokenForTestsOnlyxxxxxWork";

// Every secret of this program's keychain items, as libsecret's own tool prints them.
QByteArray allKeychainSecrets()
{
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("--unlock"),
                QStringLiteral("application"), QStringLiteral("hf-token-manager")});
    tool.closeWriteChannel();
    tool.waitForFinished(20000);
    return tool.readAll();
}

QStringList listedNames(const CliRunner &cli)
{
    QStringList names;
    const CliRunner::Run run = cli.run({QStringLiteral("list"), QStringLiteral("--json")});
    for (const QJsonValue &value : QJsonDocument::fromJson(run.out).array())
        names << value.toObject().value(QStringLiteral("name")).toString();
    return names;
}

} // namespace

class TestImportControlChars : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        freshCliWorld(m_env, m_cli);
    }
    void cleanup()
    {
        m_cli.reset();
        m_env.reset();
    }

    void refusedSectionNeverReachesTheKeychain_data()
    {
        QTest::addColumn<QByteArray>("badName");  // UTF-8 bytes of the section name
        QTest::addColumn<QByteArray>("badValue"); // its hf_token value
        QTest::addColumn<QString>("shownAs");     // how the note names it

        const QByteArray evil = "hf_FAKEevilTokenForTestsOnlyxxxxxEvil";
        QTest::newRow("NUL in the name")
            << QByteArray("work\0evil", 9) << evil << QStringLiteral("work\\x00evil");
        QTest::newRow("ESC in the name")
            << QByteArray("work\x1b[2Jevil") << evil << QStringLiteral("work\\x1b");
        QTest::newRow("DEL in the name") << QByteArray("work\x7f") << evil << QStringLiteral("work\\x7f");
        QTest::newRow("bidi override in the name")
            << QByteArray("work\xe2\x80\xae") << evil << QStringLiteral("work\\u202e");
        QTest::newRow("zero-width space in the name")
            << QByteArray("work\xe2\x80\x8b") << evil << QStringLiteral("work\\u200b");
        QTest::newRow("NUL in the value")
            << QByteArray("other") << QByteArray("hf_FAKEevil\0TokenForTestsOnlyxx", 31)
            << QStringLiteral("other");
        QTest::newRow("tab in the value")
            << QByteArray("other") << QByteArray("hf_FAKEevil\tTokenForTestsOnlyx")
            << QStringLiteral("other");
        QTest::newRow("bidi override in the value")
            << QByteArray("other") << QByteArray("hf_FAKEevil\xe2\x80\xaeTokenForTestsOnly")
            << QStringLiteral("other");
    }

    void refusedSectionNeverReachesTheKeychain()
    {
        QFETCH(QByteArray, badName);
        QFETCH(QByteArray, badValue);
        QFETCH(QString, shownAs);
        // The order huggingface_hub writes: sorted by code point, "key = value", a blank line after each.
        const QByteArray work = "[work]\nhf_token = " + WorkSecret + "\n\n";
        const QByteArray bad = "[" + badName + "]\nhf_token = " + badValue + "\n\n";
        const QByteArray file = badName < QByteArray("work") ? bad + work : work + bad;
        m_env->writeFile(QStringLiteral("stored_tokens"), file);

        const CliRunner::Run listed = m_cli->run({QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("work")), WorkSecret);
        QVERIFY(!allKeychainSecrets().contains("FAKEevil"));
        const QString said = QString::fromUtf8(listed.all());
        QVERIFY2(said.contains(QStringLiteral("[%1").arg(shownAs)) &&
                     said.contains(QStringLiteral("not imported")),
                 qPrintable(said));
        QVERIFY2(!listed.all().contains(badName) || badName == "other", "the raw name reached the terminal");
        QCOMPARE(listedNames(*m_cli), QStringList{QStringLiteral("work")});
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), file);

        const CliRunner::Run moved = m_cli->run(
            {QStringLiteral("config"), QStringLiteral("storage"), QStringLiteral("keychain-only")});
        QVERIFY2(moved.exitCode == 0, moved.all().constData());
        m_cli->run({QStringLiteral("list")});
        QCOMPARE(CliRunner::keychainLookup(QStringLiteral("work")), WorkSecret);
        QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), file);
        QCOMPARE(listedNames(*m_cli), QStringList{QStringLiteral("work")});

        // Nothing of the refused section is anywhere in the keychain, under any name.
        const QByteArray keychain = allKeychainSecrets();
        QVERIFY2(keychain.contains(WorkSecret), keychain.constData());
        QVERIFY(!keychain.contains("FAKEevil"));
    }

private:
    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<CliRunner> m_cli;
};

QTEST_GUILESS_MAIN(TestImportControlChars)
#include "tst_import_controlchars.moc"
