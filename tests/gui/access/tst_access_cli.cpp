// "`hftoken access --all REPO…` gives the same answer": the grid and the CLI, run as a separate process
// against the same fake Hub and the same scratch HF_HOME, agree on the state id and the explanation of
// every repo × token, and so does the CSV export.
#include "support/CliRunner.h"
#include "support/gui/AccessFixture.h"

#include "ui/access/AccessGridModel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestAccessCli : public QObject {
    Q_OBJECT

private slots:
    void gridEqualsCliJson()
    {
        AccessFixture f;
        QVERIFY(f.isValid());
        AccessWindow &w = f.window();
        w.actions().checkAll->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f.allAnswered(), 20000);

        CliRunner cli(f.env);
        const CliRunner::Run run =
            cli.run(QStringList{QStringLiteral("access"), QStringLiteral("--all"), QStringLiteral("--json")} +
                    RepoTable);
        QCOMPARE(run.exitCode, 1); // some refusals
        const QJsonArray entries = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(entries.size(), w.model()->rowCount() * w.model()->columnCount());

        QTemporaryDir dir;
        f.nextSavePath = dir.filePath(QStringLiteral("grid.csv"));
        w.actions().exportCsv->trigger();
        QFile csvFile(f.nextSavePath);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(csvFile.readAll());

        QSet<QString> states;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            const QString repo = entry.value(QStringLiteral("repo")).toString();
            const QString token = entry.value(QStringLiteral("token")).toString();
            const QString state = entry.value(QStringLiteral("state")).toString();
            const QString explanation = entry.value(QStringLiteral("explanation")).toString();
            const QString where = repo + QStringLiteral(" × ") + token;
            QVERIFY2(f.row(repo) >= 0 && f.column(token) >= 0, qPrintable(where));
            QCOMPARE(f.stateId(repo, token), state);
            QCOMPARE(f.explanation(repo, token), explanation);
            const QModelIndex index = w.model()->index(f.row(repo), f.column(token));
            QCOMPARE(index.data(AccessGridModel::RequestAccessUrlRole).toUrl().toString(),
                     entry.value(QStringLiteral("requestAccessUrl")).toString());
            // The export's line for this pair carries the same state id and words.
            QVERIFY2(csv.contains(QStringLiteral("%1,%2,%3,").arg(repo, token, state)), qPrintable(where));
            QVERIFY2(csv.contains(explanation), qPrintable(where));
            states << state;
        }
        QCOMPARE(states, (QSet<QString>{QStringLiteral("readable"), QStringLiteral("gated"),
                                        QStringLiteral("no-access"), QStringLiteral("not-found"),
                                        QStringLiteral("token-invalid")}));
        for (const QString &secret : {LaptopReadSecret, CiWriteSecret, BobSecret, ColabSecret, OauthSecret})
            QVERIFY2(!cli.transcript().contains(secret.toUtf8()), "a token leaked into the CLI output");
    }
};

QTEST_MAIN(TestAccessCli)
#include "tst_access_cli.moc"
