#include "support/Files.h"
#include "support/ScratchEnvironment.h"

#include "core/files/IniDocument.h"

#include <QTest>

using namespace hftm;

// IniDocument::serialize must produce the bytes huggingface_hub writes, and edits must keep everything the
// app does not own (OAuth fields, unknown keys and sections, DEFAULT).
class TestIniWrite : public QObject {
    Q_OBJECT

private slots:
    void fixtureRoundTripIsByteIdentical();
    void fileAsHuggingfaceHubWritesIt();
    void sortOrder_data();
    void sortOrder();
    void layout();
    void emptyDocuments();
    void foreignDataSurvivesEdits();
    void renameSection_data();
    void renameSection();
    void trickyValuesRoundTrip_data();
    void trickyValuesRoundTrip();
    void equalityIsAboutMeaning();
    void sectionEditing();
};

void TestIniWrite::fixtureRoundTripIsByteIdentical()
{
    const QByteArray bytes = test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
    const auto doc = IniDocument::parse(bytes);
    QVERIFY(doc);
    QCOMPARE(doc->serialize(), bytes);
}

void TestIniWrite::fileAsHuggingfaceHubWritesIt()
{
    // Produced by huggingface_hub's _save_stored_tokens (sorted names, configparser.write).
    const QByteArray hub =
        "[Zeta]\nhf_token = hf_Z\n\n[alpha beta]\nhf_token = hf_A\n\n"
        "[oauth-carol]\nhf_token = hf_oauth_C\nrefresh_token = R\nexpires_at = 1790000000\n\n";
    IniDocument built;
    IniSection &oauth = built.ensureSection(QStringLiteral("oauth-carol"));
    oauth.setValue(QStringLiteral("hf_token"), QStringLiteral("hf_oauth_C"));
    oauth.setValue(QStringLiteral("refresh_token"), QStringLiteral("R"));
    oauth.setValue(QStringLiteral("expires_at"), QStringLiteral("1790000000"));
    built.ensureSection(QStringLiteral("alpha beta"))
        .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_A"));
    built.ensureSection(QStringLiteral("Zeta")).setValue(QStringLiteral("hf_token"), QStringLiteral("hf_Z"));

    const auto parsed = IniDocument::parse(hub);
    QVERIFY(parsed);
    QVERIFY(*parsed == built);
    QCOMPARE(built.serialize(), hub);
    QCOMPARE(parsed->serialize(), hub);
}

void TestIniWrite::sortOrder_data()
{
    QTest::addColumn<QStringList>("inserted");
    QTest::addColumn<QStringList>("written");

    // Python's sorted(): code points.
    QTest::newRow("uppercase before lowercase")
        << QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("A")}
        << QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("space before letters")
        << QStringList{QStringLiteral("ab"), QStringLiteral("a b"), QStringLiteral("a")}
        << QStringList{QStringLiteral("a"), QStringLiteral("a b"), QStringLiteral("ab")};
    QTest::newRow("punctuation and digits")
        << QStringList{QStringLiteral("x"), QStringLiteral("_"), QStringLiteral("1"), QStringLiteral("-")}
        << QStringList{QStringLiteral("-"), QStringLiteral("1"), QStringLiteral("_"), QStringLiteral("x")};
    QTest::newRow("accented after ASCII")
        << QStringList{QString::fromUtf8("\xc3\xa9"), QStringLiteral("z"), QStringLiteral("E")}
        << QStringList{QStringLiteral("E"), QStringLiteral("z"), QString::fromUtf8("\xc3\xa9")};
    // U+1F600 is stored as the surrogate 0xD83D, which a UTF-16 compare would put before U+FF21.
    QTest::newRow("non-BMP by code point")
        << QStringList{QString::fromUtf8("\xf0\x9f\x98\x80"), QString::fromUtf8("\xef\xbc\xa1"),
                       QStringLiteral("z")}
        << QStringList{QStringLiteral("z"), QString::fromUtf8("\xef\xbc\xa1"),
                       QString::fromUtf8("\xf0\x9f\x98\x80")};
}

void TestIniWrite::sortOrder()
{
    QFETCH(QStringList, inserted);
    QFETCH(QStringList, written);
    IniDocument doc;
    for (const QString &name : inserted)
        doc.ensureSection(name).setValue(QStringLiteral("hf_token"),
                                         QStringLiteral("hf_") + QString::number(name.size()));
    QCOMPARE(doc.sectionNames(), inserted); // insertion order in memory, sorted only on disk
    const auto reread = IniDocument::parse(doc.serialize());
    QVERIFY(reread);
    QCOMPARE(reread->sectionNames(), written);
}

void TestIniWrite::layout()
{
    auto doc = IniDocument::parse("[DEFAULT]\nshared = yes\n");
    QVERIFY(doc);
    IniSection &b = doc->ensureSection(QStringLiteral("b"));
    b.setValue(QStringLiteral("hf_token"), QStringLiteral("hf_B"));
    b.setValue(QStringLiteral("note"), QStringLiteral("line one\n\nline three"));
    b.setValue(QStringLiteral("empty"), QString());
    doc->ensureSection(QStringLiteral("a")).setValue(QStringLiteral("hf_token"), QStringLiteral("hf_A"));
    // What configparser.write() gives for the same content (continuation lines tab-indented).
    QCOMPARE(doc->serialize(),
             QByteArray("[DEFAULT]\nshared = yes\n\n[a]\nhf_token = hf_A\n\n[b]\nhf_token = hf_B\n"
                        "note = line one\n\t\n\tline three\nempty = \n\n"));
}

void TestIniWrite::emptyDocuments()
{
    QCOMPARE(IniDocument().serialize(), QByteArray());
    const auto onlyComments = IniDocument::parse("# nothing\n");
    QVERIFY(onlyComments);
    QCOMPARE(onlyComments->serialize(), QByteArray());
    // configparser.write() skips a DEFAULT section without keys.
    const auto emptyDefault = IniDocument::parse("[DEFAULT]\n");
    QVERIFY(emptyDefault);
    QCOMPARE(emptyDefault->serialize(), QByteArray());
    QVERIFY(*emptyDefault == IniDocument());
}

void TestIniWrite::foreignDataSurvivesEdits()
{
    const QByteArray original = "[DEFAULT]\nshared = from-default\n\n" +
                                test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")) +
                                "[zz-other-tool]\ncustom = 1\nmulti = a\n\tb\n\n";
    auto doc = IniDocument::parse(original);
    QVERIFY(doc);
    doc->ensureSection(QStringLiteral("bob-finegrained"))
        .setValue(QStringLiteral("Note"), QStringLiteral("kept"));

    doc->ensureSection(QStringLiteral("ci-write"))
        .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_NEW"));
    QVERIFY(doc->removeSection(QStringLiteral("laptop-read")));
    doc->ensureSection(QStringLiteral("added"))
        .setValue(QStringLiteral("hf_token"), QStringLiteral("hf_ADD"));
    QVERIFY(doc->renameSection(QStringLiteral("oauth-carol-example"), QStringLiteral("carol")));

    const auto reread = IniDocument::parse(doc->serialize());
    QVERIFY(reread);
    QVERIFY(*reread == *doc);
    QCOMPARE(reread->sectionNames(),
             (QStringList{QStringLiteral("Colab notebooks"), QStringLiteral("added"),
                          QStringLiteral("bob-finegrained"), QStringLiteral("carol"),
                          QStringLiteral("ci-write"), QStringLiteral("zz-other-tool")}));
    const IniSection *carol = reread->section(QStringLiteral("carol"));
    QVERIFY(carol);
    QCOMPARE(carol->value(QStringLiteral("hf_token")),
             QStringLiteral("hf_oauth_FAKEoauthCarolTokenForTestsOnlOaCa"));
    QCOMPARE(carol->value(QStringLiteral("refresh_token")),
             QStringLiteral("FAKE-refresh-token-carol-example-0001"));
    QCOMPARE(carol->value(QStringLiteral("expires_at")), QStringLiteral("1790000000"));
    QCOMPARE(reread->section(QStringLiteral("bob-finegrained"))->value(QStringLiteral("note")),
             QStringLiteral("kept"));
    QCOMPARE(reread->section(QStringLiteral("zz-other-tool"))->value(QStringLiteral("multi")),
             QStringLiteral("a\nb"));
    QCOMPARE(reread->section(QStringLiteral("zz-other-tool"))->value(QStringLiteral("custom")),
             QStringLiteral("1"));
    QVERIFY(reread->defaults());
    QCOMPARE(reread->defaults()->value(QStringLiteral("shared")), QStringLiteral("from-default"));
    QCOMPARE(reread->section(QStringLiteral("ci-write"))->value(QStringLiteral("hf_token")),
             QStringLiteral("hf_NEW"));
}

void TestIniWrite::renameSection_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("renamed");
    QTest::addColumn<QString>("after");

    QTest::newRow("to a free name") << QStringLiteral("b") << QStringLiteral("c") << true
                                    << QStringLiteral(
                                           "DEFAULT{d=1}|a{hf_token=A}|c{hf_token=B;refresh_token=R}");
    QTest::newRow("to an existing name")
        << QStringLiteral("b") << QStringLiteral("a") << false
        << QStringLiteral("DEFAULT{d=1}|a{hf_token=A}|b{hf_token=B;refresh_token=R}");
    QTest::newRow("missing source") << QStringLiteral("x") << QStringLiteral("y") << false
                                    << QStringLiteral(
                                           "DEFAULT{d=1}|a{hf_token=A}|b{hf_token=B;refresh_token=R}");
    QTest::newRow("to DEFAULT") << QStringLiteral("b") << QStringLiteral("DEFAULT") << false
                                << QStringLiteral("DEFAULT{d=1}|a{hf_token=A}|b{hf_token=B;refresh_token=R}");
    QTest::newRow("from DEFAULT") << QStringLiteral("DEFAULT") << QStringLiteral("z") << false
                                  << QStringLiteral(
                                         "DEFAULT{d=1}|a{hf_token=A}|b{hf_token=B;refresh_token=R}");
    QTest::newRow("case matters") << QStringLiteral("b") << QStringLiteral("A") << true
                                  << QStringLiteral(
                                         "DEFAULT{d=1}|a{hf_token=A}|A{hf_token=B;refresh_token=R}");
}

void TestIniWrite::renameSection()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, renamed);
    QFETCH(QString, after);
    auto doc =
        IniDocument::parse("[DEFAULT]\nd = 1\n[a]\nhf_token = A\n[b]\nhf_token = B\nrefresh_token = R\n");
    QVERIFY(doc);
    QCOMPARE(doc->renameSection(from, to), renamed);
    QCOMPARE(test::dump(*doc), after);
}

void TestIniWrite::trickyValuesRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("separator inside") << QStringLiteral("a = b: c");
    QTest::newRow("hash and semicolon inside") << QStringLiteral("x # y ; z");
    QTest::newRow("multi-line") << QStringLiteral("one\ntwo");
    QTest::newRow("blank line inside") << QStringLiteral("one\n\nthree");
    QTest::newRow("brackets") << QStringLiteral("[not a header]");
    QTest::newRow("empty") << QString();
    QTest::newRow("unicode") << QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x98\x80");
}

void TestIniWrite::trickyValuesRoundTrip()
{
    QFETCH(QString, value);
    IniDocument doc;
    doc.ensureSection(QStringLiteral("s")).setValue(QStringLiteral("k"), value);
    const auto reread = IniDocument::parse(doc.serialize());
    QVERIFY(reread);
    QCOMPARE(reread->section(QStringLiteral("s"))->value(QStringLiteral("k")), value);
    QCOMPARE(reread->serialize(), doc.serialize());
}

void TestIniWrite::equalityIsAboutMeaning()
{
    const auto a = IniDocument::parse("[x]\nk1 = 1\nk2 = 2\n[y]\nk = v\n");
    const auto b = IniDocument::parse("# other layout\n[y]\nK = v\n\n[x]\nk2=2\nk1:1\n");
    const auto c = IniDocument::parse("[x]\nk1 = 1\nk2 = 3\n[y]\nk = v\n");
    const auto d = IniDocument::parse("[x]\nk1 = 1\nk2 = 2\n[y]\nk = v\n[z]\n");
    const auto e = IniDocument::parse("[DEFAULT]\nq = 1\n[x]\nk1 = 1\nk2 = 2\n[y]\nk = v\n");
    QVERIFY(a && b && c && d && e);
    QVERIFY(*a == *b);
    QVERIFY(!(*a == *c));
    QVERIFY(!(*a == *d));
    QVERIFY(!(*a == *e));
}

void TestIniWrite::sectionEditing()
{
    IniSection s{QStringLiteral("n"), {}};
    s.setValue(QStringLiteral("HF_TOKEN"), QStringLiteral("1"));
    s.setValue(QStringLiteral("expires_at"), QStringLiteral("2"));
    s.setValue(QStringLiteral("hf_token"), QStringLiteral("3")); // same key: keeps its position
    QCOMPARE(s.entries.size(), 2);
    QCOMPARE(s.entries.at(0).key, QStringLiteral("hf_token"));
    QCOMPARE(s.entries.at(0).value, QStringLiteral("3"));
    QCOMPARE(s.value(QStringLiteral("Hf_Token")), QStringLiteral("3"));
    QVERIFY(s.removeKey(QStringLiteral("EXPIRES_AT")));
    QVERIFY(!s.removeKey(QStringLiteral("expires_at")));
    QCOMPARE(s.entries.size(), 1);

    IniDocument doc;
    IniSection &first = doc.ensureSection(QStringLiteral("x"));
    first.setValue(QStringLiteral("k"), QStringLiteral("v"));
    QCOMPARE(&doc.ensureSection(QStringLiteral("x")), doc.section(QStringLiteral("x"))); // no duplicate
    QCOMPARE(doc.sectionNames().size(), 1);
    QVERIFY(doc.hasSection(QStringLiteral("x")));
    QVERIFY(!doc.hasSection(QStringLiteral("X")));
    QVERIFY(doc.removeSection(QStringLiteral("x")));
    QVERIFY(!doc.removeSection(QStringLiteral("x")));
    QVERIFY(doc.sectionNames().isEmpty());
}

QTEST_GUILESS_MAIN(TestIniWrite)
#include "tst_iniwrite.moc"
