#include "core/files/TokenText.h"

#include <QTest>

using namespace hftm;

namespace {
const QString Good = QStringLiteral("hf_CanaryTokenTextAbcdefghijklmnopqr"); // 37 chars, like a real token
}

// Pasted tokens are trimmed like huggingface_hub trims and refused when they could not be a token,
// without ever echoing the pasted text back (security checklist rows 9 and 10).
class TestTokenText : public QObject {
    Q_OBJECT

private slots:
    void validatePasted_data();
    void validatePasted();
    void clean_data();
    void clean();
    void looksLikeHfToken_data();
    void looksLikeHfToken();
    void validateName_data();
    void validateName();
    void mask_data();
    void mask();
    void fingerprint();
};

void TestTokenText::validatePasted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("accepted"); // empty: refused
    QTest::addColumn<QString>("reason");   // a word the refusal message must contain

    const QString g = Good;
    QTest::newRow("plain") << g << g << QString();
    QTest::newRow("surrounding spaces") << QStringLiteral("  ") + g + QStringLiteral("  ") << g << QString();
    QTest::newRow("trailing newline") << g + QStringLiteral("\n") << g << QString();
    QTest::newRow("CRLF and tabs around")
        << QStringLiteral("\t\r\n") + g + QStringLiteral("\r\n\t") << g << QString();
    QTest::newRow("exactly 512 chars") << QStringLiteral("hf_") + QString(509, QLatin1Char('a'))
                                       << QStringLiteral("hf_") + QString(509, QLatin1Char('a')) << QString();
    QTest::newRow("other shapes are accepted")
        << QStringLiteral("custom-token.v2") << QStringLiteral("custom-token.v2") << QString();

    QTest::newRow("empty") << QString() << QString() << QStringLiteral("empty");
    QTest::newRow("only whitespace") << QStringLiteral(" \n\t ") << QString() << QStringLiteral("empty");
    QTest::newRow("600 chars") << QStringLiteral("hf_") + QString(597, QLatin1Char('a')) << QString()
                               << QStringLiteral("too long");
    QTest::newRow("inner space") << g.left(10) + QLatin1Char(' ') + g.mid(10) << QString()
                                 << QStringLiteral("space");
    QTest::newRow("inner no-break space")
        << g.left(10) + QChar(0xa0) + g.mid(10) << QString() << QStringLiteral("space");
    QTest::newRow("inner LF") << g.left(10) + QLatin1Char('\n') + g.mid(10) << QString()
                              << QStringLiteral("line break");
    QTest::newRow("inner CR") << g.left(10) + QLatin1Char('\r') + g.mid(10) << QString()
                              << QStringLiteral("line break");
    QTest::newRow("git protocol injection")
        << g + QStringLiteral("\nhost=evil.example") << QString() << QStringLiteral("line break");
    QTest::newRow("inner tab") << g.left(10) + QLatin1Char('\t') + g.mid(10) << QString()
                               << QStringLiteral("control");
    QTest::newRow("NUL") << g.left(10) + QChar(0) + g.mid(10) << QString() << QStringLiteral("control");
    QTest::newRow("DEL") << g.left(10) + QChar(0x7f) + g.mid(10) << QString() << QStringLiteral("control");
    QTest::newRow("C1 control") << g.left(10) + QChar(0x9b) + g.mid(10) << QString()
                                << QStringLiteral("control");
    QTest::newRow("non-ASCII letter")
        << g.left(10) + QChar(0xe9) + g.mid(10) << QString() << QStringLiteral("non-ASCII");
    QTest::newRow("zero-width space")
        << g.left(10) + QChar(0x200b) + g.mid(10) << QString() << QStringLiteral("non-ASCII");
    QTest::newRow("organization token") << QStringLiteral("api_org_CanaryOrgTokenAbcdefghijklmn") << QString()
                                        << QStringLiteral("organization");
}

void TestTokenText::validatePasted()
{
    QFETCH(QString, input);
    QFETCH(QString, accepted);
    QFETCH(QString, reason);
    const Result<QString> result = TokenText::validatePasted(input);
    if (!accepted.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(*result, accepted);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    const QString message = result.error().message;
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
    // The pasted text may be a real secret: no message may quote it, nor any recognisable part of it.
    const QString core = TokenText::pythonStrip(input);
    for (qsizetype i = 0; i + 8 <= core.size(); ++i)
        QVERIFY2(!message.contains(core.mid(i, 8)), qPrintable(message));
}

void TestTokenText::clean_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("cleaned");
    QTest::newRow("as written") << QStringLiteral("hf_abc") << QStringLiteral("hf_abc");
    QTest::newRow("trailing newline") << QStringLiteral("hf_abc\n") << QStringLiteral("hf_abc");
    QTest::newRow("CR/LF anywhere") << QStringLiteral("\r\nhf_a\r\nbc\n") << QStringLiteral("hf_abc");
    QTest::newRow("spaces trimmed, inner kept") << QStringLiteral("  hf a  ") << QStringLiteral("hf a");
    QTest::newRow("python whitespace") << QStringLiteral("\x1c hf_x \x1f\x0b") << QStringLiteral("hf_x");
    QTest::newRow("only newlines") << QStringLiteral("\n\r\n") << QString();
}

void TestTokenText::clean()
{
    QFETCH(QString, raw);
    QFETCH(QString, cleaned);
    QCOMPARE(TokenText::clean(raw), cleaned);
}

void TestTokenText::looksLikeHfToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("looks");
    QTest::newRow("user token") << Good << true;
    QTest::newRow("oauth token") << QStringLiteral("hf_oauth_abc123") << true;
    QTest::newRow("prefix only") << QStringLiteral("hf_") << false;
    QTest::newRow("other prefix") << QStringLiteral("api_abc") << false;
    QTest::newRow("uppercase prefix") << QStringLiteral("HF_abc") << false;
    QTest::newRow("dash") << QStringLiteral("hf_ab-c") << false;
    QTest::newRow("non-ASCII digit") << QStringLiteral("hf_ab") + QChar(0x0661) << false;
    QTest::newRow("empty") << QString() << false;
}

void TestTokenText::looksLikeHfToken()
{
    QFETCH(QString, token);
    QFETCH(bool, looks);
    QCOMPARE(TokenText::looksLikeHfToken(token), looks);
}

void TestTokenText::validateName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::newRow("simple") << QStringLiteral("laptop-read") << true;
    QTest::newRow("spaces inside") << QStringLiteral("Colab notebooks") << true;
    QTest::newRow("punctuation") << QStringLiteral("a:b=c #1 (x)") << true;
    QTest::newRow("unicode") << QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80") << true;
    QTest::newRow("200 chars") << QString(200, QLatin1Char('n')) << true;
    QTest::newRow("lower-case default") << QStringLiteral("defaults") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("201 chars") << QString(201, QLatin1Char('n')) << false;
    QTest::newRow("LF") << QStringLiteral("a\nb") << false;
    QTest::newRow("CR") << QStringLiteral("a\rb") << false;
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << false;
    QTest::newRow("tab") << QStringLiteral("a\tb") << false;
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << false;
    QTest::newRow("open bracket") << QStringLiteral("a[b") << false;
    QTest::newRow("close bracket") << QStringLiteral("a]b") << false;
    QTest::newRow("percent") << QStringLiteral("100%") << false;
    QTest::newRow("DEFAULT") << QStringLiteral("DEFAULT") << false;
    QTest::newRow("default any case") << QStringLiteral("Default") << false;
    QTest::newRow("leading space") << QStringLiteral(" a") << false;
    QTest::newRow("trailing space") << QStringLiteral("a ") << false;
    QTest::newRow("trailing no-break space") << QStringLiteral("a") + QChar(0xa0) << false;
}

void TestTokenText::validateName()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    const Error error = TokenText::validateName(name);
    QCOMPARE(!error.isError(), ok);
    if (!ok) {
        QCOMPARE(error.code, ErrorCode::InvalidInput);
        QVERIFY(!error.message.isEmpty());
    }
}

void TestTokenText::mask_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("masked");
    QTest::newRow("hf token") << QStringLiteral("hf_abcdefghijKgGD") << QStringLiteral("hf_****KgGD");
    QTest::newRow("8 chars") << QStringLiteral("abcdefgh") << QStringLiteral("abc****efgh");
    QTest::newRow("7 chars") << QStringLiteral("abcdefg") << QStringLiteral("****");
    QTest::newRow("empty") << QString() << QStringLiteral("****");
}

void TestTokenText::mask()
{
    QFETCH(QString, token);
    QFETCH(QString, masked);
    QCOMPARE(TokenText::mask(token), masked);
}

void TestTokenText::fingerprint()
{
    // The first 16 hex digits of sha256("hf_test"), computed independently (Python hashlib).
    QCOMPARE(TokenText::fingerprint(QStringLiteral("hf_test")), QStringLiteral("49f7a88eca6c8c5b"));
    QCOMPARE(TokenText::fingerprint(QStringLiteral("hf_test")).size(), 16);
    QVERIFY(TokenText::fingerprint(QStringLiteral("hf_test")) !=
            TokenText::fingerprint(QStringLiteral("hf_tesu")));
    QVERIFY(!TokenText::fingerprint(Good).contains(Good.mid(3, 6)));
}

QTEST_GUILESS_MAIN(TestTokenText)
#include "tst_tokentext.moc"
