// SettingsDialog and HF_ENDPOINT: the environment wins over the saved endpoint (as in huggingface_hub),
// so the dialog says which endpoint is in force whenever the field would suggest another one.
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/StatusLine.h"

#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestSettingsDialogEndpoint : public QObject {
    Q_OBJECT

private slots:
    void hintNamesTheEndpointInForce_data()
    {
        QTest::addColumn<QString>("environment"); // HF_ENDPOINT; empty = unset
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("hint");
        const QString mirror = QStringLiteral("https://mirror.example.org");
        QTest::newRow("HF_ENDPOINT overrides what is typed")
            << mirror << QStringLiteral("https://hub.example.org") << true;
        QTest::newRow("HF_ENDPOINT overrides an empty field") << mirror << QString() << true;
        QTest::newRow("typed the same as HF_ENDPOINT") << mirror << mirror + QStringLiteral("/") << false;
        QTest::newRow("no HF_ENDPOINT") << QString() << QStringLiteral("https://hub.example.org") << false;
    }

    void hintNamesTheEndpointInForce()
    {
        QFETCH(QString, environment);
        QFETCH(QString, typed);
        QFETCH(bool, hint);
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
        edit->setText(typed);
        QCOMPARE(status->kind() == StatusLine::Kind::Warning, hint);
        if (hint) {
            QVERIFY2(status->text().contains(QStringLiteral("In force: %1").arg(environment)),
                     qPrintable(status->text()));
            QVERIFY(status->text().contains(QStringLiteral("HF_ENDPOINT")));
            QCOMPARE(edit->placeholderText(), QStringLiteral("Default: %1").arg(environment));
        }
        // A note, not a refusal: the endpoint can still be saved for when HF_ENDPOINT is unset.
        auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("okButton"));
        QVERIFY(ok && ok->isEnabled());
    }
};

QTEST_MAIN(TestSettingsDialogEndpoint)
#include "tst_settingsdialog_endpoint.moc"
