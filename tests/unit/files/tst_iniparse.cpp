#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/IniDocument.h"

#include <QTest>

using namespace hftm;

// IniDocument::parse must accept exactly what Python 3.11's configparser (strict, no interpolation) accepts,
// with the same values, and refuse what it refuses at the same line. Expected values were produced by
// configparser itself.
class TestIniParse : public QObject {
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void fixture();
    void defaultIsNotATokenSection();
    void lineBreakStyles();
    void errorMessagesNeverQuoteTheLine();
};

void TestIniParse::accepted_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fixture-like") << QByteArray("[a]\nhf_token = hf_x\n\n")
                                  << QString::fromUtf8("a{hf_token=hf_x}");
    QTest::newRow("colon separator") << QByteArray("[a]\nkey: value\n") << QString::fromUtf8("a{key=value}");
    QTest::newRow("no spaces") << QByteArray("[a]\nkey=value\n") << QString::fromUtf8("a{key=value}");
    QTest::newRow("wide spaces") << QByteArray("[a]\n  key   =    value   \n")
                                 << QString::fromUtf8("a{key=value}");
    QTest::newRow("first separator wins")
        << QByteArray("[a]\nk = b = c\nx:y = z\n") << QString::fromUtf8("a{k=b = c;x=y = z}");
    QTest::newRow("keys lower-cased")
        << QByteArray("[a]\nHF_Token = v\n") << QString::fromUtf8("a{hf_token=v}");
    QTest::newRow("hash comment") << QByteArray("# top\n[a]\n# c\nk = v\n") << QString::fromUtf8("a{k=v}");
    QTest::newRow("semicolon comment")
        << QByteArray("; top\n[a]\n  ; indented\nk = v\n") << QString::fromUtf8("a{k=v}");
    QTest::newRow("inline hash kept")
        << QByteArray("[a]\nk = v # not a comment\n") << QString::fromUtf8("a{k=v # not a comment}");
    QTest::newRow("continuation") << QByteArray("[a]\nk = one\n  two\n\tthree\nz = 1\n")
                                  << QString::fromUtf8("a{k=one\ntwo\nthree;z=1}");
    QTest::newRow("empty lines inside value")
        << QByteArray("[a]\nk = one\n\n  two\n\n\n") << QString::fromUtf8("a{k=one\n\ntwo}");
    QTest::newRow("comment inside value")
        << QByteArray("[a]\nk = one\n# c\n  two\n") << QString::fromUtf8("a{k=one\ntwo}");
    QTest::newRow("trailing empty lines stripped")
        << QByteArray("[a]\nk = v\n\n\n[b]\nq = w\n") << QString::fromUtf8("a{k=v}|b{q=w}");
    QTest::newRow("crlf") << QByteArray("[a]\r\nk = v\r\n  more\r\n\r\n[b]\r\nx = y\r\n")
                          << QString::fromUtf8("a{k=v\nmore}|b{x=y}");
    QTest::newRow("lone cr") << QByteArray("[a]\rk = v\r") << QString::fromUtf8("a{k=v}");
    QTest::newRow("header junk ignored")
        << QByteArray("[a] trailing\nk = v\n") << QString::fromUtf8("a{k=v}");
    QTest::newRow("header greedy") << QByteArray("[a] b]\nk = v\n") << QString::fromUtf8("a] b{k=v}");
    QTest::newRow("header inner spaces kept")
        << QByteArray("  [ spaced name ]  \nk = v\n") << QString::fromUtf8(" spaced name {k=v}");
    QTest::newRow("header nested brackets") << QByteArray("[[x]]\nk = v\n") << QString::fromUtf8("[x]{k=v}");
    QTest::newRow("indented header continues value")
        << QByteArray("[a]\nk = v\n  [b]\n") << QString::fromUtf8("a{k=v\n[b]}");
    QTest::newRow("empty value") << QByteArray("[a]\nk =\nj = \n") << QString::fromUtf8("a{k=;j=}");
    QTest::newRow("section names case-sensitive")
        << QByteArray("[a]\nk = 1\n[A]\nk = 2\n") << QString::fromUtf8("a{k=1}|A{k=2}");
    QTest::newRow("default kept") << QByteArray("[DEFAULT]\nd = 1\n[a]\nk = v\n")
                                  << QString::fromUtf8("DEFAULT{d=1}|a{k=v}");
    QTest::newRow("default twice merges") << QByteArray("[DEFAULT]\nd = 1\n[a]\nk = v\n[DEFAULT]\ne = 2\n")
                                          << QString::fromUtf8("DEFAULT{d=1;e=2}|a{k=v}");
    QTest::newRow("empty file") << QByteArray("") << QString::fromUtf8("");
    QTest::newRow("only comments") << QByteArray("# a\n; b\n\n") << QString::fromUtf8("");
    QTest::newRow("python whitespace stripped")
        << QByteArray("[a]\nk = \x1cv\x1f\n") << QString::fromUtf8("a{k=v}");
    QTest::newRow("indented key after header")
        << QByteArray("[a]\n  k = v\nj = w\n  more\n") << QString::fromUtf8("a{k=v;j=w\nmore}");
    QTest::newRow("value with percent") << QByteArray("[a]\nk = 100%\n") << QString::fromUtf8("a{k=100%}");
    QTest::newRow("non-bmp") << QByteArray("[\xf0\x9f\x98\x80"
                                           " emoji]\nk = \xc3\xa9"
                                           "\n")
                             << QString::fromUtf8("\xf0\x9f\x98\x80"
                                                  " emoji{k=\xc3\xa9"
                                                  "}");
    QTest::newRow("no final newline") << QByteArray("[a]\nk = v") << QString::fromUtf8("a{k=v}");
    QTest::newRow("oauth fields")
        << QByteArray("[oauth-x]\nhf_token = hf_oauth_x\nrefresh_token = r\nexpires_at = 1790000000\n")
        << QString::fromUtf8("oauth-x{hf_token=hf_oauth_x;refresh_token=r;expires_at=1790000000}");
}

void TestIniParse::accepted()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    IniDocument::ParseError error;
    const auto doc = IniDocument::parse(text, &error);
    QVERIFY2(doc, qPrintable(QStringLiteral("line %1: %2").arg(error.line).arg(error.message)));
    QCOMPARE(test::dump(*doc), expected);
}

void TestIniParse::refused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("mentions");

    // configparser: DuplicateSectionError / DuplicateOptionError / MissingSectionHeaderError are raised at
    // once; ParsingError only after the last line, naming the first bad one.
    QTest::newRow("duplicate section")
        << QByteArray("[a]\nk = v\n\n[b]\nk = v\n[a]\nx = y\n") << 6 << QStringLiteral("[a]");
    QTest::newRow("duplicate key, other case")
        << QByteArray("[a]\nhf_token = 1\nrefresh_token = 2\nHF_TOKEN = 3\n") << 4
        << QStringLiteral("hf_token");
    QTest::newRow("duplicate key across DEFAULT headers")
        << QByteArray("[DEFAULT]\nd = 1\n[a]\nk = v\n[DEFAULT]\nD = 2\n") << 6 << QStringLiteral("\"d\"");
    QTest::newRow("key before header")
        << QByteArray("\n# c\nhf_token = x\n[a]\n") << 3 << QStringLiteral("before the first");
    QTest::newRow("junk line") << QByteArray("[a]\nk = v\njunk\n") << 3 << QStringLiteral("neither");
    QTest::newRow("empty brackets") << QByteArray("[a]\n[]\n") << 2 << QStringLiteral("neither");
    QTest::newRow("unclosed header") << QByteArray("[a]\n[b\n") << 2 << QStringLiteral("neither");
    QTest::newRow("empty key") << QByteArray("[a]\n= v\n") << 2 << QStringLiteral("no key");
    QTest::newRow("junk then duplicate section")
        << QByteArray("[a]\njunk\n[a]\n") << 3 << QStringLiteral("[a]");
    QTest::newRow("two junk lines: first reported")
        << QByteArray("[a]\nk = v\nfirst junk\nsecond junk\n") << 3 << QStringLiteral("neither");
    QTest::newRow("byte-order mark") << QByteArray("\xef\xbb\xbf[a]\nk = v\n") << 1
                                     << QStringLiteral("byte-order mark");
    // Only a BOM at the very start gets the dedicated message; later ones are ordinary junk to Python.
    QTest::newRow("byte-order mark on a later line")
        << QByteArray("[a]\nk = v\n\xef\xbb\xbf[b]\n") << 3 << QStringLiteral("neither");
    QTest::newRow("crlf duplicate section")
        << QByteArray("[a]\r\nk = v\r\n[a]\r\n") << 3 << QStringLiteral("[a]");
    QTest::newRow("invalid UTF-8") << QByteArray("[a]\nk = v\n[b\xff]\n") << 3 << QStringLiteral("UTF-8");
    QTest::newRow("lone CR counts as a line")
        << QByteArray("[a]\rk = v\rjunk\r") << 3 << QStringLiteral("neither");
}

void TestIniParse::refused()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, mentions);
    IniDocument::ParseError error;
    QVERIFY(!IniDocument::parse(text, &error));
    QCOMPARE(error.line, line);
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
    QVERIFY(!IniDocument::parse(text)); // the error out-parameter is optional
}

void TestIniParse::fixture()
{
    const auto doc =
        IniDocument::parse(test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    QVERIFY(doc);
    QCOMPARE(doc->sectionNames(),
             (QStringList{QStringLiteral("Colab notebooks"), QStringLiteral("bob-finegrained"),
                          QStringLiteral("ci-write"), QStringLiteral("laptop-read"),
                          QStringLiteral("oauth-carol-example")}));
    const IniSection *oauth = doc->section(QStringLiteral("oauth-carol-example"));
    QVERIFY(oauth);
    QCOMPARE(oauth->value(QStringLiteral("hf_token")),
             QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa"));
    QCOMPARE(oauth->value(QStringLiteral("refresh_token")),
             QStringLiteral("FAKE-refresh-token-carol-example-0001"));
    QCOMPARE(oauth->value(QStringLiteral("EXPIRES_AT")),
             QStringLiteral("1790000000")); // keys are case-insensitive
    QCOMPARE(oauth->value(QStringLiteral("missing")), std::nullopt);
    QVERIFY(!doc->defaults());
}

void TestIniParse::defaultIsNotATokenSection()
{
    const auto doc = IniDocument::parse("[a]\nk = 1\n[DEFAULT]\nshared = x\n[default]\nk = 2\n");
    QVERIFY(doc);
    QCOMPARE(doc->sectionNames(), (QStringList{QStringLiteral("a"), QStringLiteral("default")}));
    QVERIFY(!doc->hasSection(QStringLiteral("DEFAULT")));
    QVERIFY(doc->defaults());
    QCOMPARE(doc->defaults()->value(QStringLiteral("shared")), QStringLiteral("x"));
    // DEFAULT is written first even though it came second.
    QVERIFY(doc->serialize().startsWith("[DEFAULT]\nshared = x\n\n[a]\n"));
}

void TestIniParse::lineBreakStyles()
{
    const QByteArray lf = test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    const auto a = IniDocument::parse(lf);
    const auto b = IniDocument::parse(crlf);
    QVERIFY(a && b);
    QVERIFY(*a == *b);
    QCOMPARE(b->serialize(), lf); // written back with LF, as huggingface_hub does on Linux
}

void TestIniParse::errorMessagesNeverQuoteTheLine()
{
    const QByteArray secret = "hf_CanaryJunkLineMustNotLeak0123456";
    IniDocument::ParseError error;
    QVERIFY(!IniDocument::parse("[a]\n" + secret + "\n", &error));
    QCOMPARE(error.line, 2);
    QVERIFY(!error.message.contains(QString::fromLatin1(secret)));
    QVERIFY(!IniDocument::parse(secret + "\n[a]\n", &error));
    QCOMPARE(error.line, 1);
    QVERIFY(!error.message.contains(QString::fromLatin1(secret)));
}

QTEST_GUILESS_MAIN(TestIniParse)
#include "tst_iniparse.moc"
