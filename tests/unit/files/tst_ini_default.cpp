// configparser copies the keys of [DEFAULT] into every section. A stored_tokens whose DEFAULT holds a key
// huggingface_hub reads (hf_token, refresh_token, expires_at) would make Python see other tokens than we
// do: such a file is refused, never rewritten. An empty DEFAULT, or one with other keys, is harmless.
#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/StoredTokensFile.h"

#include <QDir>
#include <QTest>

#include <memory>

using namespace hftm;

class TestIniDefault : public QObject {
    Q_OBJECT

private slots:
    void init() { m_env = std::make_unique<test::ScratchEnvironment>(); }
    void cleanup() { m_env.reset(); }

    void defaultSection_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("refusedKeys"); // empty: the file is read and can be changed
        QTest::addColumn<QString>("dump");        // what is read, when it is

        QTest::newRow("hf_token inherited by a section without one")
            << QByteArray("[DEFAULT]\nhf_token = hf_FAKEdefaultTokenForTestsOnlyxDflt\n\n[a]\nnote = x\n\n"
                          "[b]\nhf_token = hf_B\n\n")
            << QStringLiteral("hf_token") << QString();
        QTest::newRow("refresh_token makes every section look like OAuth")
            << QByteArray("[DEFAULT]\nrefresh_token = FAKE-refresh\n\n[a]\nhf_token = hf_A\n\n")
            << QStringLiteral("refresh_token") << QString();
        QTest::newRow("expires_at") << QByteArray(
                                           "[DEFAULT]\nexpires_at = 1790000000\n\n[a]\nhf_token = hf_A\n\n")
                                    << QStringLiteral("expires_at") << QString();
        QTest::newRow("key names are case-insensitive")
            << QByteArray("[DEFAULT]\nHF_Token: hf_X\n[a]\nhf_token = hf_A\n") << QStringLiteral("hf_token")
            << QString();
        QTest::newRow("two keys, DEFAULT after the sections")
            << QByteArray("[a]\nhf_token = hf_A\n\n[DEFAULT]\nexpires_at = 1\nhf_token = hf_X\n\n")
            << QStringLiteral("hf_token, expires_at") << QString();
        QTest::newRow("empty DEFAULT is harmless") << QByteArray("[DEFAULT]\n\n[a]\nhf_token = hf_A\n\n")
                                                   << QString() << QStringLiteral("a{hf_token=hf_A}");
        QTest::newRow("other DEFAULT keys change nothing hf_hub reads")
            << QByteArray("[DEFAULT]\nshared = 1\n\n[a]\nhf_token = hf_A\n\n") << QString()
            << QStringLiteral("DEFAULT{shared=1}|a{hf_token=hf_A}");
        QTest::newRow("lower-case [default] is an ordinary section")
            << QByteArray("[a]\nhf_token = hf_A\n\n[default]\nhf_token = hf_D\n\n") << QString()
            << QStringLiteral("a{hf_token=hf_A}|default{hf_token=hf_D}");
    }

    void defaultSection()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, refusedKeys);
        QFETCH(QString, dump);
        m_env->writeFile(QStringLiteral("stored_tokens"), file);
        const StoredTokensFile stored(m_env->paths());

        const Result<IniDocument> loaded = stored.load();
        const Result<IniDocument> updated = stored.update([](IniDocument &doc) -> Result<bool> {
            doc.ensureSection(QStringLiteral("added"))
                .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_N"));
            return true;
        });
        if (!refusedKeys.isEmpty()) {
            QVERIFY(!loaded);
            QCOMPARE(loaded.error().code, ErrorCode::FileUnparseable);
            QVERIFY2(loaded.error().message.contains(
                         QStringLiteral("[DEFAULT] section with %1.").arg(refusedKeys)),
                     qPrintable(loaded.error().message));
            QVERIFY(!updated);
            QCOMPARE(updated.error().message, loaded.error().message);
            QCOMPARE(m_env->readFile(QStringLiteral("stored_tokens")), file); // never rewritten
            // Not a broken file that huggingface_hub would drop, so no backup copy is made either.
            QCOMPARE(QDir(m_env->paths().hfHome).entryList({QStringLiteral("*.unparsed*")}, QDir::Files),
                     QStringList());
            return;
        }
        QVERIFY2(loaded, qPrintable(loaded.error().message));
        QCOMPARE(test::dump(*loaded), dump);
        QVERIFY2(updated, qPrintable(updated.error().message));
        const std::optional<IniDocument> written =
            IniDocument::parse(m_env->readFile(QStringLiteral("stored_tokens")));
        QVERIFY(written);
        IniDocument expected = *loaded;
        expected.ensureSection(QStringLiteral("added"))
            .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_N"));
        QVERIFY2(*written == expected, qPrintable(test::dump(*written))); // DEFAULT and every key kept
    }

private:
    std::unique_ptr<test::ScratchEnvironment> m_env;
};

QTEST_GUILESS_MAIN(TestIniDefault)
#include "tst_ini_default.moc"
