// Issue 10 item 12: a token the Hub (or a proxy) echoes in an error text is redacted before the text is
// cut, so no prefix of it survives. The fake Hub answers 401 with the token placed at every position
// around the two cuts (500 characters per message, 2000 per plain-text body), in each place a message is
// read from, glued to the words around it or not; the message the validator returns must hold neither
// the token nor any 8-character piece of it.
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "support/FakeHub.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hftm;
using hftm::test::FakeHub;

namespace {
const QString Token = QStringLiteral("hf_RedactionCanaryQ7wE9rT2yU4iO6pFAKE"); // 37 characters
constexpr int PieceLength = 8;

enum Place { Header, JsonError, PlainBody };

// A padding text of exactly n characters made of words, so there are word boundaries everywhere.
QString padding(int n)
{
    QString text;
    while (text.size() < n)
        text += QStringLiteral("lorem ");
    return text.left(n);
}

QStringList surviving(const QString &message)
{
    QStringList pieces;
    for (qsizetype i = 0; i + PieceLength <= Token.size(); ++i) {
        const QString piece = Token.mid(i, PieceLength);
        if (message.contains(piece))
            pieces << piece;
    }
    return pieces;
}
} // namespace

class TestHubRedaction : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_client = std::make_unique<HubClient>();
        m_validator = std::make_unique<TokenValidator>(m_client.get());
    }

    void noPieceOfTheTokenSurvivesTheCut_data()
    {
        QTest::addColumn<int>("place");
        QTest::addColumn<QString>("before"); // what the token is glued to
        QTest::addColumn<int>("cut");        // where the text is cut
        for (const auto &[name, glue] :
             {std::pair{"spaced", " "}, std::pair{"glued", " token="}, std::pair{"in a word", " Bearer"}}) {
            QTest::addRow("X-Error-Message, %s, 500", name)
                << int(Header) << QString::fromLatin1(glue) << 500;
            QTest::addRow("JSON error, %s, 500", name) << int(JsonError) << QString::fromLatin1(glue) << 500;
            QTest::addRow("plain body, %s, 500", name) << int(PlainBody) << QString::fromLatin1(glue) << 500;
            QTest::addRow("plain body, %s, 2000", name)
                << int(PlainBody) << QString::fromLatin1(glue) << 2000;
        }
    }

    void noPieceOfTheTokenSurvivesTheCut()
    {
        QFETCH(int, place);
        QFETCH(QString, before);
        QFETCH(int, cut);
        // Every start position from "the token ends just before the cut" to "it starts just after it".
        const int tokenLength = int(Token.size());
        for (int start = cut - tokenLength - int(before.size()) - 2; start <= cut + 2; ++start) {
            const QString text =
                padding(start) + before + Token + QStringLiteral(" and more words after it ") + padding(40);
            QList<QPair<QByteArray, QByteArray>> headers;
            QByteArray body;
            switch (Place(place)) {
            case Header:
                headers.append({"X-Error-Message", text.toUtf8()});
                break;
            case JsonError:
                body = QJsonDocument(QJsonObject{{QStringLiteral("error"), text}}).toJson();
                break;
            case PlainBody:
                body = text.toUtf8();
                break;
            }
            m_hub->failNext(401, headers, body);
            const ValidationResult result =
                m_validator->validateAndWait({{QStringLiteral("k"), m_hub->endpoint(), Token, true}})
                    .value(QStringLiteral("k"));
            QCOMPARE(result.httpStatus, 401);
            QVERIFY2(!result.message.isEmpty(), "the Hub's words must still be reported");
            QVERIFY2(surviving(result.message).isEmpty(),
                     qPrintable(QStringLiteral("token at %1: %2 survived in: %3")
                                    .arg(start)
                                    .arg(surviving(result.message).join(QLatin1Char(' ')), result.message)));
        }
    }

    // A server that echoes only part of the credential, or splits it over two lines (a proxy's "token
    // hf_Redact…" or a wrapped log line), must not hand that part on either.
    void echoedPiecesAreRedacted_data()
    {
        QTest::addColumn<QString>("echo");
        QTest::newRow("first 12") << Token.left(12);
        QTest::newRow("middle 9") << Token.mid(14, 9);
        QTest::newRow("last 8") << Token.right(8);
        QTest::newRow("split over lines") << Token.left(20) + QLatin1Char('\n') + Token.mid(20);
        QTest::newRow("split by a tab") << Token.left(9) + QLatin1Char('\t') + Token.mid(9);
    }

    void echoedPiecesAreRedacted()
    {
        QFETCH(QString, echo);
        const QString text = QStringLiteral("Invalid token ") + echo + QStringLiteral(" for this request.");
        m_hub->failNext(401, {}, QJsonDocument(QJsonObject{{QStringLiteral("error"), text}}).toJson());
        const ValidationResult result =
            m_validator->validateAndWait({{QStringLiteral("k"), m_hub->endpoint(), Token, true}})
                .value(QStringLiteral("k"));
        QVERIFY2(surviving(result.message).isEmpty(), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("for this request.")), qPrintable(result.message));
    }

    // The cut still keeps whole words from the Hub: nothing else is lost.
    void wordsBeforeTheCutAreKept()
    {
        const QString text = padding(400) + QStringLiteral(" Invalid username or password.") + padding(300);
        m_hub->failNext(401, {{"X-Error-Message", text.toUtf8()}});
        const ValidationResult result =
            m_validator->validateAndWait({{QStringLiteral("k"), m_hub->endpoint(), Token, true}})
                .value(QStringLiteral("k"));
        QVERIFY2(result.message.contains(QStringLiteral("Invalid username or password.")),
                 qPrintable(result.message));
        QVERIFY(result.message.contains(QChar(0x2026)));
    }

private:
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<TokenValidator> m_validator;
};

QTEST_GUILESS_MAIN(TestHubRedaction)
#include "tst_hub_redaction.moc"
