// Issue 12: the details pane tells one story per state (a headline with the state's icon and one
// explanation, never a second line that contradicts it), keeps the Hub's raw text and request id behind
// "Details…", offers the next steps the state calls for as buttons, renders the account with the add
// dialog's widget and words, and keeps a size hint that does not follow its text.
#include "support/FakeHub.h"
#include "support/gui/DialogTestEnv.h"
#include "support/gui/WindowFixture.h"
#include "ui/common/MessageBoxes.h"
#include "ui/common/RelativeTime.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"
#include "ui/window/TokenDetailsPane.h"
#include "ui/window/TokenTableModel.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
const QDateTime Now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
const QString Endpoint = QStringLiteral("https://huggingface.co");
const QString RequestId = QStringLiteral("Root=1-6751abcd-0123456789abcdef");

// What each state's headline starts with: at most one of them may show at a time.
const QStringList HeadlineStarts{
    QStringLiteral("Valid —"),         QStringLiteral("Expires on"),      QStringLiteral("Expired"),
    QStringLiteral("Rejected by the"), QStringLiteral("Not checked yet"), QStringLiteral("Checking with"),
};

WhoamiInfo whoami(const QString &role, const QDateTime &expires = QDateTime())
{
    WhoamiInfo info;
    info.type = QStringLiteral("user");
    info.user = QStringLiteral("alice-example");
    info.fullname = QStringLiteral("Alice Example");
    info.role = role;
    info.roleKind = parseTokenRole(role);
    info.tokenDisplayName = QStringLiteral("laptop");
    info.expiresAt = expires;
    if (info.roleKind == TokenRole::FineGrained)
        info.scoped << ScopedPermission{QStringLiteral("model"),
                                        QStringLiteral("alice-example/llm"),
                                        {QStringLiteral("repo.content.read")}};
    return info;
}

TokenRecord recordFor(const QString &kase)
{
    TokenRecord record;
    record.name = QStringLiteral("laptop");
    record.masked = QStringLiteral("hf_****Lptp");
    record.storage = StorageLocation::Keychain;
    TokenCheck &check = record.check;
    auto judged = [&](TokenStatus status, qint64 secondsAgo, const QString &message) {
        check.status = check.verdict = status;
        check.checkedAt = check.verdictAt = Now.addSecs(-secondsAgo);
        check.message = message;
    };
    const QString hub401 =
        QStringLiteral("The Hub rejected this token (revoked, deleted or mistyped). Invalid credentials in "
                       "Authorization header (Request ID: %1)")
            .arg(RequestId);
    if (kase == QLatin1String("valid")) {
        // The validator's message spells the Hub's role word: it must never reach the pane's text.
        judged(TokenStatus::Valid, 4 * 60, QStringLiteral("Valid token of alice-example (fineGrained)."));
        check.whoami = whoami(QStringLiteral("fineGrained"));
    } else if (kase == QLatin1String("expiring") || kase == QLatin1String("checking")) {
        judged(TokenStatus::Valid, 4 * 60, QStringLiteral("Valid token of alice-example (write)."));
        check.whoami = whoami(QStringLiteral("write"), Now.addDays(3));
    } else if (kase == QLatin1String("expired by date")) {
        judged(TokenStatus::Expired, 2 * 60,
               QStringLiteral("This token of alice-example expired on 21/06/2026."));
        check.whoami = whoami(QStringLiteral("read"), Now.addDays(-10));
    } else if (kase == QLatin1String("expired by the Hub")) {
        judged(TokenStatus::Expired, 2 * 60,
               QStringLiteral("The Hub says this token has expired. Token is expired (Request ID: %1)")
                   .arg(RequestId));
    } else if (kase == QLatin1String("invalid")) {
        judged(TokenStatus::Invalid, 3600, hub401);
    } else if (kase == QLatin1String("invalid, Hub unreachable since")) {
        judged(TokenStatus::Invalid, 2 * 3600, hub401);
        check.status = TokenStatus::Unreachable;
        check.checkedAt = Now.addSecs(-60);
        check.message = QStringLiteral("Connection refused (Request ID: %1)").arg(RequestId);
    } else if (kase == QLatin1String("unreachable, never judged")) {
        check.status = TokenStatus::Unreachable;
        check.checkedAt = Now.addSecs(-60);
        check.message = QStringLiteral("Host huggingface.co not found (Request ID: %1)").arg(RequestId);
    }
    return record;
}

// The texts a reader sees in the pane right now.
QStringList visibleTexts(QWidget *root)
{
    QStringList texts;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->isVisibleTo(root) && !label->text().isEmpty())
            texts << label->text();
    }
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (button->isVisibleTo(root))
            texts << button->text();
    }
    return texts;
}

QStringList visibleButtons(QWidget *root)
{
    QStringList texts;
    for (QPushButton *button : root->findChildren<QPushButton *>()) {
        if (button->isVisibleTo(root))
            texts << button->text();
    }
    texts.sort();
    return texts;
}

QPushButton *buttonNamed(QWidget *root, const QString &text)
{
    for (QPushButton *button : root->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

QLabel *labelNamed(QWidget *root, const QString &accessibleName)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->accessibleName() == accessibleName)
            return label;
    }
    return nullptr;
}

const QString Replace = QStringLiteral("Replace…");
const QString Remove = QStringLiteral("Remove");
const QString OpenPage = QStringLiteral("Open the Hub’s token page");
} // namespace

class TestDetailsPaneStory : public QObject {
    Q_OBJECT

private slots:
    void oneStoryPerState_data()
    {
        QTest::addColumn<QString>("headline");
        QTest::addColumn<QString>("sentence"); // a part of the explanation
        QTest::addColumn<QStringList>("buttons");
        const QStringList replaceRemoveOpen = QStringList{OpenPage, Remove, Replace};
        QTest::newRow("valid") << QStringLiteral("Valid — checked 4 min ago")
                               << QStringLiteral("The Hub accepts this token; it never expires.")
                               << QStringList();
        QTest::newRow("expiring")
            << QStringLiteral("Expires on %1 (in 3 days)").arg(RelativeTime::shortDate(Now.addDays(3)))
            << QStringLiteral("replace this one before it stops working") << QStringList{OpenPage, Replace};
        QTest::newRow("checking") << QStringLiteral("Checking with the Hub…")
                                  << QStringLiteral("the last known state stands: Expires on")
                                  << QStringList{OpenPage, Replace};
        QTest::newRow("expired by date")
            << QStringLiteral("Expired on %1").arg(RelativeTime::shortDate(Now.addDays(-10)))
            << QStringLiteral("The Hub no longer accepts it") << replaceRemoveOpen;
        QTest::newRow("expired by the Hub")
            << QStringLiteral("Expired — the Hub said so 2 min ago")
            << QStringLiteral("The Hub no longer accepts it") << replaceRemoveOpen;
        QTest::newRow("invalid") << QStringLiteral("Rejected by the Hub 1 h ago")
                                 << QStringLiteral(
                                        "The Hub no longer accepts this token (revoked, or the secret is "
                                        "wrong)")
                                 << replaceRemoveOpen;
        QTest::newRow("invalid, Hub unreachable since")
            << QStringLiteral("Rejected by the Hub 2 h ago")
            << QStringLiteral(
                   "The last check, 1 min ago, got no answer (Hub unreachable), so this is what the Hub "
                   "said before.")
            << replaceRemoveOpen;
        QTest::newRow("unreachable, never judged")
            << QStringLiteral("Not checked yet") << QStringLiteral("got no answer (Hub unreachable)")
            << QStringList();
        QTest::newRow("unchecked") << QStringLiteral("Not checked yet")
                                   << QStringLiteral("Validate it to see the account") << QStringList();
    }

    void oneStoryPerState()
    {
        QFETCH(QString, headline);
        QFETCH(QString, sentence);
        QFETCH(QStringList, buttons);
        const QString kase = QString::fromLatin1(QTest::currentDataTag());
        const TokenRecord record = recordFor(kase);
        TokenDetailsPane pane([] { return Now; });
        pane.setStateSource([&](const TokenRecord &r) {
            return tokenStateView(r, Now, 7, kase == QLatin1String("checking"));
        });
        pane.setRecord(record, Endpoint);
        pane.resize(420, 900);
        pane.show();

        QLabel *shownHeadline = labelNamed(&pane, QStringLiteral("Token state"));
        QVERIFY(shownHeadline);
        QCOMPARE(shownHeadline->text(), headline);
        const QStringList texts = visibleTexts(&pane);
        QVERIFY2(texts.join(QLatin1Char('\n')).contains(sentence), qPrintable(texts.join(QLatin1Char('\n'))));
        // No second line tells another state: every text that starts like a headline is this one, or for
        // "checking" the known state it quotes.
        for (const QString &text : texts) {
            for (const QString &start : HeadlineStarts) {
                if (text.startsWith(start))
                    QVERIFY2(headline.startsWith(start), qPrintable(text));
            }
        }
        const bool unchecked = headline == QLatin1String("Not checked yet");
        for (const QString &text : texts) {
            if (!unchecked)
                QVERIFY2(!text.contains(QStringLiteral("not checked"), Qt::CaseInsensitive),
                         qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("fineGrained")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("No expiry known")), qPrintable(text));
        }
        QCOMPARE(visibleButtons(&pane), buttons);

        // The request id (and the Hub's raw text with it) shows only when asked for.
        const QString joined = texts.join(QLatin1Char('\n'));
        QVERIFY2(!joined.contains(RequestId), qPrintable(joined));
        QVERIFY(!joined.contains(QStringLiteral("Request ID")));
        auto *details = pane.findChild<QToolButton *>(QStringLiteral("detailsToggle"));
        QVERIFY(details);
        // Offered where the last attempt has words of its own; a plain "valid" has none worth showing.
        const bool hasDiagnostic =
            record.check.status != TokenStatus::Valid && record.check.status != TokenStatus::Unchecked;
        QCOMPARE(details->isVisibleTo(&pane), hasDiagnostic);
        if (hasDiagnostic) {
            details->click();
            const QString asked = visibleTexts(&pane).join(QLatin1Char('\n'));
            QVERIFY(asked.contains(record.check.message));
            // Another token, or this one again, starts with it folded away.
            pane.setRecord(std::nullopt, QString());
            pane.setRecord(record, Endpoint);
            QVERIFY(!visibleTexts(&pane).join(QLatin1Char('\n')).contains(RequestId));
        }
    }

    void buttonsSayWhatToDo()
    {
        TokenDetailsPane pane([] { return Now; });
        QSignalSpy replace(&pane, &TokenDetailsPane::replaceRequested);
        QSignalSpy remove(&pane, &TokenDetailsPane::removeRequested);
        QSignalSpy open(&pane, &TokenDetailsPane::openUrlRequested);
        pane.setRecord(recordFor(QStringLiteral("invalid")), QStringLiteral("https://hub.example.org/"));
        pane.show();
        buttonNamed(&pane, Replace)->click();
        QCOMPARE(replace.count(), 1);
        QCOMPARE(replace.first().first().toString(), QStringLiteral("laptop"));
        buttonNamed(&pane, Remove)->click();
        QCOMPARE(remove.count(), 1);
        QCOMPARE(remove.first().first().toString(), QStringLiteral("laptop"));
        buttonNamed(&pane, OpenPage)->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toUrl(),
                 QUrl(QStringLiteral("https://hub.example.org/settings/tokens")));

        // A plain-http endpoint is never opened in a browser from here.
        pane.setRecord(recordFor(QStringLiteral("invalid")), QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(!buttonNamed(&pane, OpenPage)->isVisibleTo(&pane));
        QVERIFY(!pane.tokenPageUrl().isValid());
        QVERIFY(buttonNamed(&pane, Replace)->isVisibleTo(&pane));
    }

    void sizeHintDoesNotFollowTheText()
    {
        TokenDetailsPane pane([] { return Now; });
        pane.setRecord(recordFor(QStringLiteral("unchecked")), Endpoint);
        const QSize small = pane.sizeHint();
        TokenRecord big = recordFor(QStringLiteral("valid"));
        big.name = QString(120, QLatin1Char('n'));
        for (int i = 0; i < 30; ++i)
            big.check.whoami->scoped << ScopedPermission{
                QStringLiteral("model"),
                QStringLiteral("org/a-rather-long-model-name-%1").arg(i),
                {QStringLiteral("repo.content.read"), QStringLiteral("repo.write")}};
        big.check.whoami->orgs << OrgMembership{
            QStringLiteral("an-organization-with-a-long-name"), QString(), QStringLiteral("admin"), {}};
        pane.setRecord(big, QStringLiteral("https://a-very-long-endpoint-name.internal.example.org"));
        QCOMPARE(pane.sizeHint(), small);
        pane.setRecord(std::nullopt, QString());
        QCOMPARE(pane.sizeHint(), small);
    }

    // The add dialog and the pane show one whoami in the same words: the same widget, the same texts.
    void sameWordsAsTheAddDialog()
    {
        const QString fineToken = BobSecret;
        const QDateTime now = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
        DialogTestEnv env;
        FakeHub hub;
        QVERIFY(hub.start());
        hub.addToken(fineToken, QStringLiteral("whoami_fine_grained.json"));
        env.client.setClock([now] { return now; });
        QVERIFY(!env.setEndpoint(hub.endpoint()));
        LoginDialog dialog(env.store.get(), &env.validator);
        dialog.setDebounceInterval(1);
        dialog.setUrlOpener([](const QUrl &) { return false; });
        auto *dialogSummary = dialog.findChild<WhoamiSummaryWidget *>();
        QVERIFY(dialogSummary);
        dialogSummary->setClock([now] { return now; });
        dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(fineToken);
        QTRY_VERIFY(dialogSummary->isVisibleTo(&dialog));
        const QStringList inDialog = dialogSummary->shownTexts();
        QVERIFY(inDialog.contains(QStringLiteral("fine-grained")));

        dialog.findChild<QPushButton *>(QStringLiteral("saveButton"))->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        const std::optional<TokenRecord> stored =
            env.makeStore()->token(dialog.savedName()); // from the files
        QVERIFY(stored);
        QVERIFY(stored->check.whoami);
        TokenDetailsPane pane([now] { return now; });
        pane.setRecord(stored, hub.endpoint());
        pane.show();
        auto *paneSummary = pane.findChild<WhoamiSummaryWidget *>();
        QVERIFY(paneSummary);
        QVERIFY(paneSummary->isVisibleTo(&pane));
        QCOMPARE(paneSummary->shownTexts(), inDialog);
        for (const QString &text : visibleTexts(&pane))
            QVERIFY2(!text.contains(QStringLiteral("fineGrained")), qPrintable(text));
    }

    // In the window: Remove goes through the Remove action's confirmation, Replace… opens the add
    // dialog, and a check going on shows as "checking", as in the Status column.
    void windowCarriesOutTheSteps()
    {
        WindowFixture f;
        TokenCheck rejected;
        rejected.status = TokenStatus::Invalid;
        rejected.message = QStringLiteral("The Hub rejected this token. (Request ID: %1)").arg(RequestId);
        QVERIFY(!f.store()->recordCheck(LaptopRead, rejected));
        MainWindow &w = f.shownWindow();
        QVERIFY(w.selectToken(LaptopRead));
        TokenDetailsPane *pane = w.details();
        QCOMPARE(pane->shownName(), LaptopRead);
        QVERIFY(
            labelNamed(pane, QStringLiteral("Token state"))->text().startsWith(QStringLiteral("Rejected")));

        w.model()->setChecking({LaptopRead});
        QTRY_COMPARE(labelNamed(pane, QStringLiteral("Token state"))->text(),
                     QStringLiteral("Checking with the Hub…"));
        w.model()->setChecking({});
        QTRY_VERIFY(
            labelNamed(pane, QStringLiteral("Token state"))->text().startsWith(QStringLiteral("Rejected")));

        buttonNamed(pane, Replace)->click();
        QTRY_VERIFY(w.findChild<LoginDialog *>() && w.findChild<LoginDialog *>()->isVisible());
        // Replace… means this token: its name is filled in and replacing it is already ticked.
        LoginDialog *dialog = w.findChild<LoginDialog *>();
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), LaptopRead);
        auto *replaceBox = dialog->findChild<QCheckBox *>(QStringLiteral("replaceBox"));
        QVERIFY(replaceBox->isVisible());
        QVERIFY(replaceBox->isChecked());
        dialog->reject();

        MessageBoxes &messages = f.context().messages();
        messages.queueAnswer(true);
        buttonNamed(pane, Remove)->click();
        QCOMPARE(messages.asked().size(), 1);
        QVERIFY(messages.asked().first().contains(LaptopRead));
        QTRY_VERIFY(!f.store()->token(LaptopRead));
        QVERIFY(!f.sectionsOnDisk().contains(LaptopRead));
    }
};

QTEST_MAIN(TestDetailsPaneStory)
#include "tst_detailspane_story.moc"
