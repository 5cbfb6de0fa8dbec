// `hftoken list` says a token's state as the window and the tray do (core/notify/TokenStateView): after
// a check the Hub answered and one it could not (its port refuses), each token keeps its last verdict,
// marked "(unreachable)" in the table, and --json carries it as "state" next to the attempt's "status".
#include "support/CliRunner.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using hftm::test::CliRunner;
using hftm::test::FakeHub;
using hftm::test::ScratchEnvironment;

namespace {
const QStringList Names{QStringLiteral("list-valid"), QStringLiteral("list-expired"),
                        QStringLiteral("list-invalid")};
const QStringList States{QStringLiteral("valid"), QStringLiteral("expired"), QStringLiteral("invalid")};

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEcliListStateToken%1xxxxxxxxxxx").arg(i, 3, 10, QLatin1Char('0'));
}
} // namespace

class TestCliListState : public QObject {
    Q_OBJECT

private slots:
    void listKeepsTheLastVerdictWhenTheHubIsDown()
    {
        CliRunner::keychainClear();
        auto hub = std::make_unique<FakeHub>();
        QVERIFY(hub->start());
        ScratchEnvironment env;
        env.set(QStringLiteral("HF_ENDPOINT"), hub->endpoint());
        QByteArray ini;
        for (int i = 0; i < Names.size(); ++i)
            ini += '[' + Names.at(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
        env.writeFile(QStringLiteral("stored_tokens"), ini);
        hub->addToken(secretOf(0), QStringLiteral("whoami_read_token.json"));
        hub->addToken(secretOf(1), QStringLiteral("whoami_read_token.json"));
        hub->setTokenExpired(secretOf(1));
        // secretOf(2) is unknown to the Hub: 401, invalid.
        CliRunner cli(env);
        QCOMPARE(cli.run({QStringLiteral("check"), QStringLiteral("--all")}).exitCode, 1); // refusals

        hub.reset(); // nobody listens on its port any more
        QCOMPARE(cli.run({QStringLiteral("check"), QStringLiteral("--all")}).exitCode, 4); // Hub unreachable

        const QString table = QString::fromUtf8(cli.run({QStringLiteral("list")}).out);
        const QStringList lines = table.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int i = 0; i < Names.size(); ++i) {
            const auto line = std::find_if(lines.begin(), lines.end(), [i](const QString &l) {
                return l.contains(Names.at(i) + QLatin1Char(' '));
            });
            QVERIFY2(line != lines.end(), qPrintable(table));
            QVERIFY2(line->contains(States.at(i) + QStringLiteral(" (unreachable)")), qPrintable(*line));
        }

        const QJsonArray listed =
            QJsonDocument::fromJson(cli.run({QStringLiteral("list"), QStringLiteral("--json")}).out).array();
        QCOMPARE(listed.size(), Names.size());
        for (const QJsonValue &value : listed) {
            const QJsonObject entry = value.toObject();
            const int i = int(Names.indexOf(entry.value(QStringLiteral("name")).toString()));
            QVERIFY(i >= 0);
            QCOMPARE(entry.value(QStringLiteral("state")).toString(), States.at(i));
            QCOMPARE(entry.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
        }
    }
};

QTEST_MAIN(TestCliListState)
#include "tst_cli_list_state.moc"
