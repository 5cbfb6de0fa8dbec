// LoginDialog against the fake Hub over real sockets: each verdict is explained, Save is enabled only
// when it is safe, the name comes from the Hub, and saving writes huggingface_hub's files + keychain.
#include "support/FakeHub.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/StatusLine.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"

#include <QCheckBox>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString ReadToken = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
const QString FineToken = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
const QString UnknownToken = QStringLiteral("hf_FAKEunknownTokenForTestsOnlyxxUnkn");
const QString Canary = QStringLiteral("hf_CANARYloginHubTestOnlyDoNotLeakQ7x2");
const QDateTime Now = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC); // before the fixture's expiry
} // namespace

class TestLoginDialogHub : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_env = std::make_unique<DialogTestEnv>();
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(ReadToken, QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(FineToken, QStringLiteral("whoami_fine_grained.json"));
        m_env->client.setClock([] { return Now; });
        QVERIFY(!m_env->setEndpoint(m_hub->endpoint()));
        m_dialog = makeDialog();
    }
    void cleanup()
    {
        m_dialog.reset();
        m_hub.reset();
        m_env.reset();
    }

    void validTokenIsShownNamedAndSaved()
    {
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        QVERIFY(tokenStatus()->text().contains(QStringLiteral("alice-example")));
        QVERIFY(summary()->isVisibleTo(m_dialog.get()));
        QVERIFY(summary()->userText().contains(QStringLiteral("alice-example")));
        QCOMPARE(summary()->roleText(), QStringLiteral("read"));
        QCOMPARE(nameEdit()->text(), QStringLiteral("laptop-read")); // the Hub's displayName
        QVERIFY(saveButton()->isEnabled());
        QCOMPARE(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), 1); // debounced: one call

        saveButton()->click();
        QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted)); // stored off the GUI thread
        QCOMPARE(m_dialog->savedName(), QStringLiteral("laptop-read"));
        const QByteArray stored = m_env->scratch.readFile(QStringLiteral("stored_tokens"));
        QVERIFY2(stored.contains("[laptop-read]\nhf_token = " + ReadToken.toLatin1()), stored.constData());
        QVERIFY(m_env->secrets.entries().values().contains(ReadToken));
        QCOMPARE(m_env->scratch.readFile(QStringLiteral("token")), ReadToken.toLatin1()); // first = active
        const std::optional<TokenRecord> record = m_env->makeStore()->token(QStringLiteral("laptop-read"));
        QVERIFY(record);
        QCOMPARE(record->user(), QStringLiteral("alice-example"));
    }

    void fineGrainedShowsScopeTree()
    {
        paste(FineToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        QCOMPARE(summary()->roleText(), QStringLiteral("fine-grained"));
        QVERIFY2(summary()->expiryText().contains(QStringLiteral("in 60 days")),
                 qPrintable(summary()->expiryText()));
        QTreeWidget *tree = summary()->scopeTree();
        QVERIFY(tree->isVisibleTo(m_dialog.get()));
        QCOMPARE(tree->topLevelItemCount(), 3);
        QTreeWidgetItem *model = tree->topLevelItem(2);
        QCOMPARE(model->text(0), QStringLiteral("Model acme-research/private-llm-7b"));
        QCOMPARE(model->childCount(), 3);
        QCOMPARE(model->child(0)->text(0), QStringLiteral("repo.content.read"));
        QVERIFY(!model->child(0)->text(1).isEmpty()); // explained in words
        QCOMPARE(nameEdit()->text(), QStringLiteral("bob-finegrained"));
    }

    void expiredIsExplained()
    {
        m_hub->setTokenExpired(ReadToken);
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        QVERIFY2(tokenStatus()->text().contains(QStringLiteral("expired")),
                 qPrintable(tokenStatus()->text()));
        nameEdit()->setText(QStringLiteral("anything"));
        QVERIFY(!saveButton()->isEnabled());
        QVERIFY(!unvalidatedBox()->isVisibleTo(m_dialog.get()));
    }

    void invalidIsExplained()
    {
        paste(UnknownToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        QVERIFY(tokenStatus()->text().contains(QStringLiteral("refused")));
        nameEdit()->setText(QStringLiteral("anything"));
        QVERIFY(!saveButton()->isEnabled());
        QVERIFY(!unvalidatedBox()->isVisibleTo(m_dialog.get()));
        QVERIFY(!summary()->isVisibleTo(m_dialog.get()));
    }

    void unreachableNeedsExplicitChoice()
    {
        m_hub.reset(); // nothing listens on the endpoint any more: connection refused
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Warning);
        QVERIFY(tokenStatus()->text().contains(QStringLiteral("not marked invalid")));
        QVERIFY(nameEdit()->text().isEmpty()); // nothing to suggest without the Hub
        nameEdit()->setText(QStringLiteral("offline"));
        QVERIFY(unvalidatedBox()->isVisibleTo(m_dialog.get()));
        QVERIFY(!unvalidatedBox()->isChecked());
        QVERIFY(!saveButton()->isEnabled()); // never saved silently
        unvalidatedBox()->click();
        QVERIFY(saveButton()->isEnabled());
        saveButton()->click();
        QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted)); // stored off the GUI thread
        const std::optional<TokenRecord> record = m_env->store->token(QStringLiteral("offline"));
        QVERIFY(record);
        QVERIFY(record->check.verdict != TokenStatus::Invalid);
    }

    void rateLimitedNeedsExplicitChoice()
    {
        m_hub->rateLimitNext(55);
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Warning);
        QVERIFY(unvalidatedBox()->isVisibleTo(m_dialog.get()));
        nameEdit()->setText(QStringLiteral("later"));
        QVERIFY(!saveButton()->isEnabled());
    }

    void duplicateNameRequiresReplace()
    {
        QVERIFY(m_env->store->add(QStringLiteral("laptop-read"), FineToken, AddOptions{}).ok());
        m_dialog = makeDialog();
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        QCOMPARE(nameEdit()->text(), QStringLiteral("laptop-read"));
        auto *replace = m_dialog->findChild<QCheckBox *>(QStringLiteral("replaceBox"));
        QVERIFY(replace->isVisibleTo(m_dialog.get()));
        QVERIFY(replace->text().contains(QStringLiteral("laptop-read")));
        QCOMPARE(nameStatus()->kind(), StatusLine::Kind::Warning);
        QVERIFY(!saveButton()->isEnabled());
        replace->click();
        QVERIFY(saveButton()->isEnabled());
        // Consent is per name: another taken name must be confirmed again.
        QVERIFY(m_env->store->add(QStringLiteral("other"), UnknownToken, AddOptions{}).ok());
        QTest::keyClicks(nameEdit(), QStringLiteral("x"));
        QVERIFY(!replace->isVisibleTo(m_dialog.get()));
        QVERIFY(saveButton()->isEnabled());
        nameEdit()->setText(QStringLiteral("laptop-read"));
        QVERIFY(!replace->isChecked());
        replace->click();
        saveButton()->click();
        QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted)); // stored off the GUI thread
        QCOMPARE(m_env->store->secret(QStringLiteral("laptop-read")).value(), ReadToken);
    }

    void editedNameIsKept()
    {
        QTest::keyClicks(nameEdit(), QStringLiteral("mine"));
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        QCOMPARE(nameEdit()->text(), QStringLiteral("mine"));
    }

    void answerForReplacedTextIsIgnored()
    {
        m_hub->setLatencyMs(200);
        paste(FineToken);
        QTRY_COMPARE(m_hub->inFlight(), 1); // the valid token's check is on the wire
        paste(UnknownToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        QTRY_COMPARE(m_hub->inFlight(), 0);
        // Had the first (valid) answer been applied, the name would say "bob-finegrained".
        QVERIFY(nameEdit()->text().isEmpty());
        QVERIFY(!summary()->isVisibleTo(m_dialog.get()));
        QCOMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
    }

    void canaryNeverExposed()
    {
        m_hub->addToken(Canary, QStringLiteral("whoami_fine_grained.json"));
        m_dialog->show();
        paste(Canary);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        m_dialog->findChild<QToolButton *>(QStringLiteral("revealButton"))->click();
        QCOMPARE(m_hub->requests().constLast().header("authorization"), "Bearer " + Canary.toLatin1());
        const QString middle = Canary.mid(6, 20);
        for (const QString &text : exposedStrings(m_dialog.get(), QStringLiteral("tokenEdit")))
            QVERIFY2(!text.contains(middle), qPrintable(text));
        saveButton()->click();
        QTRY_COMPARE(m_dialog->result(), int(QDialog::Accepted)); // stored off the GUI thread
        for (const QString &text : exposedStrings(m_dialog.get()))
            QVERIFY2(!text.contains(middle), qPrintable(text)); // after save, not even the field has it
    }

private:
    std::unique_ptr<LoginDialog> makeDialog()
    {
        auto dialog = std::make_unique<LoginDialog>(m_env->store.get(), &m_env->validator);
        dialog->setDebounceInterval(1);
        dialog->setUrlOpener([](const QUrl &) { return false; });
        dialog->findChild<WhoamiSummaryWidget *>()->setClock([] { return Now; });
        return dialog;
    }
    void paste(const QString &text)
    {
        m_dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(text + QLatin1Char('\n'));
    }
    QLineEdit *nameEdit() { return m_dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")); }
    QPushButton *saveButton() { return m_dialog->findChild<QPushButton *>(QStringLiteral("saveButton")); }
    QCheckBox *unvalidatedBox() { return m_dialog->findChild<QCheckBox *>(QStringLiteral("unvalidatedBox")); }
    StatusLine *tokenStatus() { return m_dialog->findChild<StatusLine *>(QStringLiteral("tokenStatus")); }
    StatusLine *nameStatus() { return m_dialog->findChild<StatusLine *>(QStringLiteral("nameStatus")); }
    WhoamiSummaryWidget *summary() { return m_dialog->findChild<WhoamiSummaryWidget *>(); }

    std::unique_ptr<DialogTestEnv> m_env;
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<LoginDialog> m_dialog;
};

QTEST_MAIN(TestLoginDialogHub)
#include "tst_logindialog_hub.moc"
