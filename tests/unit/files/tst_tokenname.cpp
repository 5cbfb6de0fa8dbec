// Issue 10 item 12: a token name cannot hide or reorder what a person reads (bidi overrides and isolates,
// zero-width characters), and text from the Hub printed on a terminal loses controls and those
// characters. Names imported from stored_tokens go through the same validateName.
#include "core/files/DisplayText.h"
#include "core/files/TokenText.h"

#include <QTest>

using namespace hftm;

namespace {
// One code point as text. Not QString::fromUcs4(), which drops a U+FEFF it takes for a byte-order mark.
QString oneChar(char32_t c)
{
    if (!QChar::requiresSurrogates(c))
        return QString(QChar(char16_t(c)));
    const QChar pair[2] = {QChar(QChar::highSurrogate(c)), QChar(QChar::lowSurrogate(c))};
    return QString(pair, 2);
}

QString with(char32_t c)
{
    return QStringLiteral("work") + oneChar(c) + QStringLiteral("evil");
}
} // namespace

class TestTokenName : public QObject {
    Q_OBJECT

private slots:
    void invisibleCharactersRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("why"); // a word the message must use
        const struct {
            const char *row;
            char32_t c;
            const char *why;
        } rows[] = {
            {"LRE U+202A", 0x202a, "direction"},   {"RLE U+202B", 0x202b, "direction"},
            {"PDF U+202C", 0x202c, "direction"},   {"LRO U+202D", 0x202d, "direction"},
            {"RLO U+202E", 0x202e, "direction"},   {"LRI U+2066", 0x2066, "direction"},
            {"RLI U+2067", 0x2067, "direction"},   {"FSI U+2068", 0x2068, "direction"},
            {"PDI U+2069", 0x2069, "direction"},   {"ZWSP U+200B", 0x200b, "zero-width"},
            {"ZWNJ U+200C", 0x200c, "zero-width"}, {"ZWJ U+200D", 0x200d, "zero-width"},
            {"WJ U+2060", 0x2060, "zero-width"},   {"BOM U+FEFF", 0xfeff, "zero-width"},
        };
        for (const auto &row : rows)
            QTest::newRow(row.row) << with(row.c) << QString::fromLatin1(row.why);
        const char32_t rlo = 0x202e;
        QTest::newRow("RLO first") << oneChar(rlo) + QStringLiteral("daer") << QStringLiteral("direction");
        const char32_t bom = 0xfeff;
        QTest::newRow("BOM last") << QStringLiteral("work") + oneChar(bom) << QStringLiteral("zero-width");
    }

    void invisibleCharactersRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, why);
        const Error error = TokenText::validateName(name);
        QVERIFY(error.isError());
        QCOMPARE(error.code, ErrorCode::InvalidInput);
        QVERIFY2(error.message.contains(why), qPrintable(error.message));
        QVERIFY2(!error.message.contains(QStringLiteral("evil")), "the message must not quote the name");
    }

    // Visible characters near the refused ranges, and right-to-left letters, stay usable.
    void visibleNeighboursAccepted_data()
    {
        QTest::addColumn<QString>("name");
        for (const char32_t c : {char32_t(0x2010), char32_t(0x2030), char32_t(0x2070), char32_t(0x00e9),
                                 char32_t(0x05d0), char32_t(0x1f600)})
            QTest::newRow(qPrintable(QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0'))))
                << with(c);
    }

    void visibleNeighboursAccepted()
    {
        QFETCH(QString, name);
        const Error error = TokenText::validateName(name);
        QVERIFY2(!error.isError(), qPrintable(error.message));
    }

    void forTerminal_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("printed");
        QTest::newRow("plain") << QStringLiteral("Ada Lovelace") << QStringLiteral("Ada Lovelace");
        QTest::newRow("non-ASCII kept")
            << QString::fromUtf8("Zo\xc3\xab \xd7\x90") << QString::fromUtf8("Zo\xc3\xab \xd7\x90");
        QTest::newRow("ANSI colour") << QStringLiteral("\x1b[31mred\x1b[0m") << QStringLiteral("[31mred[0m");
        QTest::newRow("OSC title") << QStringLiteral("a\x1b]0;pwned\x07z") << QStringLiteral("a]0;pwnedz");
        QTest::newRow("CSI C1") << QStringLiteral("a") + QChar(0x9b) + QStringLiteral("2Jz")
                                << QStringLiteral("a2Jz");
        QTest::newRow("newline and CR")
            << QStringLiteral("line\r\nfake row") << QStringLiteral("linefake row");
        QTest::newRow("tab and NUL") << QStringLiteral("a\tb") + QChar(0) + QStringLiteral("c")
                                     << QStringLiteral("abc");
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a");
        QTest::newRow("RLO") << with(0x202e) << QStringLiteral("workevil");
        QTest::newRow("isolates") << with(0x2066) + with(0x2069) << QStringLiteral("workevilworkevil");
        QTest::newRow("zero-width") << with(0x200b) + with(0xfeff) << QStringLiteral("workevilworkevil");
        QTest::newRow("only controls") << QStringLiteral("\x1b\x07\n") << QString();
    }

    void forTerminal()
    {
        QFETCH(QString, text);
        QFETCH(QString, printed);
        QCOMPARE(DisplayText::forTerminal(text), printed);
    }
};

QTEST_GUILESS_MAIN(TestTokenName)
#include "tst_tokenname.moc"
