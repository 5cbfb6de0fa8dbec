// Issue 12: a revealed token shows a countdown ("Hidden in 9 s") and a Hide button; hiding (by the
// button or the timer) clears the secret from every label of the pane, and nothing logs it.
#include "support/gui/WindowFixture.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
const QDateTime Now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
const QString Secret = QStringLiteral("hf_CANARYrevealCountdownTestOnlyQ7x2k");

QStringList g_logged;
void collect(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged << message;
}

QLabel *labelNamed(QWidget *root, const QString &accessibleName)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->accessibleName() == accessibleName)
            return label;
    }
    return nullptr;
}

QPushButton *hideButton(QWidget *root)
{
    for (QPushButton *button : root->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Hide"))
            return button;
    }
    return nullptr;
}

bool anyLabelHolds(QWidget *root, const QString &text)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->text().contains(text); });
}

TokenRecord record()
{
    TokenRecord r;
    r.name = QStringLiteral("laptop");
    r.masked = QStringLiteral("hf_****Q7x2");
    r.storage = StorageLocation::Keychain;
    return r;
}
} // namespace

class TestDetailsPaneReveal : public QObject {
    Q_OBJECT

private slots:
    void countdownCountsDownThenHides()
    {
        TokenDetailsPane pane([] { return Now; });
        pane.setRecord(record(), QStringLiteral("https://huggingface.co"));
        pane.show();
        QSignalSpy ended(&pane, &TokenDetailsPane::revealEnded);
        QLabel *countdown = labelNamed(&pane, QStringLiteral("Time until the token is hidden"));
        QVERIFY(countdown);
        QVERIFY(!countdown->isVisibleTo(&pane));
        QVERIFY(!hideButton(&pane)->isVisibleTo(&pane));

        pane.revealSecret(Secret, std::chrono::milliseconds(2500));
        QCOMPARE(labelNamed(&pane, QStringLiteral("Revealed token"))->text(), Secret);
        QVERIFY(countdown->isVisibleTo(&pane));
        QVERIFY(hideButton(&pane)->isVisibleTo(&pane));
        QCOMPARE(countdown->text(), QStringLiteral("Hidden in 3 s"));
        QTRY_COMPARE(countdown->text(), QStringLiteral("Hidden in 2 s"));
        QTRY_COMPARE(countdown->text(), QStringLiteral("Hidden in 1 s"));
        QTRY_VERIFY(!pane.isRevealing());
        QCOMPARE(ended.count(), 1);
        QVERIFY(!anyLabelHolds(&pane, Secret));
        QVERIFY(!countdown->isVisibleTo(&pane));
        QVERIFY(labelNamed(&pane, QStringLiteral("Masked token"))->isVisibleTo(&pane));
    }

    void hideClearsTheSecretAndLogsNothing()
    {
        g_logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(collect);
        TokenDetailsPane pane([] { return Now; });
        pane.setRecord(record(), QStringLiteral("https://huggingface.co"));
        pane.show();
        QSignalSpy ended(&pane, &TokenDetailsPane::revealEnded);
        pane.revealSecret(Secret, std::chrono::seconds(60));
        QCOMPARE(labelNamed(&pane, QStringLiteral("Time until the token is hidden"))->text(),
                 QStringLiteral("Hidden in 60 s"));
        QVERIFY(anyLabelHolds(&pane, Secret));
        hideButton(&pane)->click();
        qInstallMessageHandler(previous);
        QCOMPARE(ended.count(), 1);
        QVERIFY(!pane.isRevealing());
        QVERIFY(!anyLabelHolds(&pane, Secret));
        QVERIFY(labelNamed(&pane, QStringLiteral("Revealed token"))->text().isEmpty());
        QVERIFY(!hideButton(&pane)->isVisibleTo(&pane));
        for (const QString &line : std::as_const(g_logged))
            QVERIFY2(!line.contains(Secret), qPrintable(line));
    }

    // The window's Reveal action goes through revealSecret(secret, duration): its countdown is the
    // window's reveal time, and Hide ends it there too.
    void windowRevealCountsDown()
    {
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        w.setRevealDuration(std::chrono::seconds(30));
        WindowFixture::trigger(w.actions()->reveal);
        QTRY_VERIFY(w.details()->isRevealing());
        QCOMPARE(labelNamed(w.details(), QStringLiteral("Time until the token is hidden"))->text(),
                 QStringLiteral("Hidden in 30 s"));
        QVERIFY(anyLabelHolds(&w, CiWriteSecret));
        hideButton(w.details())->click();
        QVERIFY(!w.details()->isRevealing());
        QVERIFY(!anyLabelHolds(&w, CiWriteSecret));
    }
};

QTEST_MAIN(TestDetailsPaneReveal)
#include "tst_detailspane_reveal.moc"
