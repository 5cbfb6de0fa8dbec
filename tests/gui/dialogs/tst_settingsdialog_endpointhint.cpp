// SettingsDialog's endpoint hint always names the endpoint in force once OK is pressed: the Hub's default
// for an empty field, the typed one, or HF_ENDPOINT's (which wins, as in huggingface_hub), saying
// whether HF_ENDPOINT is set.
#include "core/hub/HubClient.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/StatusLine.h"

#include <QLineEdit>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestSettingsDialogEndpointHint : public QObject {
    Q_OBJECT

private slots:
    void hintSaysWhatIsInForce_data()
    {
        QTest::addColumn<QString>("environment"); // HF_ENDPOINT; empty = unset
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("words");
        const QString mirror = QStringLiteral("https://mirror.example.org");
        const QString hub = QStringLiteral("https://hub.example.org");
        QTest::newRow("empty, no HF_ENDPOINT")
            << QString() << QString() << int(StatusLine::Kind::Info)
            << QStringList{QStringLiteral("Empty: %1 is used").arg(HubClient::defaultEndpoint()),
                           QStringLiteral("HF_ENDPOINT is not set")};
        QTest::newRow("typed, no HF_ENDPOINT")
            << QString() << hub + QStringLiteral("/") << int(StatusLine::Kind::Info)
            << QStringList{QStringLiteral("%1 is used").arg(hub), QStringLiteral("HF_ENDPOINT is not set")};
        QTest::newRow("typed the same as HF_ENDPOINT")
            << mirror << mirror << int(StatusLine::Kind::Info)
            << QStringList{QStringLiteral("HF_ENDPOINT=%1 is in force").arg(mirror)};
        QTest::newRow("HF_ENDPOINT overrides what is typed")
            << mirror << hub << int(StatusLine::Kind::Warning)
            << QStringList{QStringLiteral("In force: %1").arg(mirror), QStringLiteral("HF_ENDPOINT")};
        QTest::newRow("invalid") << QString() << QStringLiteral("ftp://hub.example.org")
                                 << int(StatusLine::Kind::Error) << QStringList{};
    }

    void hintSaysWhatIsInForce()
    {
        QFETCH(QString, environment);
        QFETCH(QString, typed);
        QFETCH(int, kind);
        QFETCH(QStringList, words);
        DialogTestEnv env;
        if (environment.isEmpty())
            env.scratch.unset(QStringLiteral("HF_ENDPOINT"));
        else
            env.scratch.set(QStringLiteral("HF_ENDPOINT"), environment);
        const std::unique_ptr<TokenStore> store = env.makeStore();
        SettingsDialog dialog(store.get());
        auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("endpointEdit"));
        auto *status = dialog.findChild<StatusLine *>(QStringLiteral("endpointStatus"));
        QVERIFY(edit && status);
        edit->setText(QStringLiteral("https://other.example.org")); // the hint follows every edit
        edit->setText(typed);
        QCOMPARE(int(status->kind()), kind);
        QVERIFY(status->isVisibleTo(&dialog));
        for (const QString &word : words)
            QVERIFY2(status->text().contains(word), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestSettingsDialogEndpointHint)
#include "tst_settingsdialog_endpointhint.moc"
