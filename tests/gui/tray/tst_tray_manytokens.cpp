// Issue 12: with 200 tokens the tray menu was a four-column wall over the whole screen. It now lists a
// short list — the active token, the ones with a problem, the recently active ones — and "All 200
// tokens…", which opens a small non-modal picker driven by the keyboard: typing filters, arrows move,
// Enter makes the token active (the token file's bytes change), Esc closes. An invalid or expired token
// is made active from the tray only after the user confirms (MessageBoxes, answered in a callback).
#include "support/TestWorld.h"
#include "ui/common/MessageBoxes.h"
#include "ui/tray/TokenPicker.h"
#include "ui/tray/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSignalSpy>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr int Tokens = 200;

QString nameOf(int i)
{
    return QStringLiteral("team-token-%1").arg(i, 3, 10, QLatin1Char('0'));
}

QByteArray secretOf(int i)
{
    return QStringLiteral("hf_FAKEmanyTrayTokens%1xxxxxxxxxxxxxxx").arg(i, 3, 10, QLatin1Char('0')).toUtf8();
}

int visibleItems(const QMenu *menu)
{
    int count = 0;
    for (const QAction *action : menu->actions())
        count += action->isVisible() && !action->isSeparator() ? 1 : 0;
    return count;
}
} // namespace

class TestTrayManyTokens : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>(false);
        QByteArray ini;
        for (int i = 0; i < Tokens; ++i)
            ini += "[" + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i) + "\n\n";
        m_world->env.writeFile(QStringLiteral("stored_tokens"), ini);
        m_world->env.writeFile(QStringLiteral("token"), secretOf(150));
        QCOMPARE(int(m_world->store()->tokens().size()), Tokens);
        m_world->setWarningDays(7);
        m_world->recordVerdict(nameOf(42), TokenStatus::Invalid);
        m_world->recordVerdict(nameOf(7), TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(3));
        m_boxes.setScripted(true);
    }
    void cleanup()
    {
        m_world.reset();
        m_boxes = MessageBoxes();
    }

    void theMenuIsAShortListWithTheActiveAndTheProblemsFirst()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QMenu *menu = tray.menu();
        const QList<QAction *> tokens = tray.tokenActions();
        QVERIFY2(tokens.size() <= 10, qPrintable(QString::number(tokens.size())));
        QVERIFY2(visibleItems(menu) <= 14, qPrintable(QString::number(visibleItems(menu))));
        QCOMPARE(tokens.first()->data().toString(), nameOf(150)); // the active one, checked
        QVERIFY(tokens.first()->isChecked());
        QCOMPARE(tokens.at(1)->data().toString(), nameOf(42)); // invalid before expiring
        QCOMPARE(tokens.at(2)->data().toString(), nameOf(7));
        QVERIFY(tokens.at(1)->text().contains(QStringLiteral("invalid")));
        QVERIFY(tokens.at(2)->text().contains(QStringLiteral("expires in 3 days")));
        QVERIFY(tray.allTokensAction()->isVisible());
        QCOMPARE(tray.allTokensAction()->text(), QStringLiteral("All 200 tokens\u2026"));
        // After the tokens, before the commands.
        const QList<QAction *> all = menu->actions();
        QVERIFY(all.indexOf(tray.allTokensAction()) > all.indexOf(tokens.last()));
        QVERIFY(all.indexOf(tray.allTokensAction()) < all.indexOf(tray.validateAllAction()));
        // Fits a 1280×800 screen in one column.
        menu->ensurePolished();
        QVERIFY2(menu->sizeHint().height() < 800, qPrintable(QString::number(menu->sizeHint().height())));
    }

    void aTokenMadeActiveElsewhereMovesUpAsRecent()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QVERIFY(!tray.tokenAction(nameOf(199)));
        QSignalSpy switched(&tray, &TrayController::switched);
        tray.activate(nameOf(199)); // never checked: no question
        QTRY_COMPARE(switched.count(), 1);
        QCOMPARE(m_world->tokenFile(), secretOf(199));
        tray.activate(nameOf(100));
        QTRY_COMPARE(switched.count(), 2);
        const QList<QAction *> tokens = tray.tokenActions();
        QCOMPARE(tokens.at(0)->data().toString(), nameOf(100));
        QCOMPARE(tokens.at(1)->data().toString(), nameOf(42)); // problems before the recent ones
        QCOMPARE(tokens.at(2)->data().toString(), nameOf(7));
        QCOMPARE(tokens.at(3)->data().toString(), nameOf(199)); // recently active
        QCOMPARE(tokens.at(4)->data().toString(), nameOf(150));
        QVERIFY(tokens.size() <= 10);
    }

    void thePickerFindsATokenByTypingAndEnterMakesItActive()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QSignalSpy switched(&tray, &TrayController::switched);
        tray.allTokensAction()->trigger();
        TokenPicker *picker = tray.tokenPicker();
        QVERIFY(picker);
        QVERIFY(picker->isVisible());
        QVERIFY(!picker->isModal()); // the tray and the window keep working
        QCOMPARE(picker->shownNames().size(), Tokens);
        QVERIFY(QTest::qWaitForWindowExposed(picker));
        QTRY_VERIFY(picker->filterEdit()->hasFocus());

        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("token-12"));
        QStringList expected; // team-token-120 … team-token-129
        for (int i = 120; i < 130; ++i)
            expected << nameOf(i);
        QCOMPARE(picker->shownNames(), expected);
        QCOMPARE(picker->currentName(), nameOf(120)); // the first match: one Enter away
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QCOMPARE(picker->currentName(), nameOf(122));
        QVERIFY(picker->filterEdit()->hasFocus()); // typing goes on filtering
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(switched.count(), 1);
        QCOMPARE(m_world->tokenFile(), secretOf(122));
        QVERIFY(!picker->isVisible());
        QCOMPARE(tray.tokenActions().first()->data().toString(), nameOf(122));

        // Opened again: the filter is empty, the states are searchable, Esc closes it.
        tray.showTokenPicker();
        QVERIFY(picker->isVisible());
        QVERIFY(picker->filterEdit()->text().isEmpty());
        QTest::keyClicks(picker->filterEdit(), QStringLiteral("invalid"));
        QCOMPARE(picker->shownNames(), QStringList{nameOf(42)});
        QTest::keyClick(picker->filterEdit(), Qt::Key_Escape);
        QVERIFY(!picker->isVisible());
        QCOMPARE(m_world->tokenFile(), secretOf(122));
    }

    void anInvalidTokenIsMadeActiveOnlyAfterTheUserConfirms()
    {
        TrayController tray(m_world->store(), m_world->clock());
        tray.setMessageBoxes(&m_boxes);
        QSignalSpy switched(&tray, &TrayController::switched);
        QAction *invalid = tray.tokenAction(nameOf(42));
        QVERIFY(invalid);
        invalid->trigger(); // scripted: no answer queued is "Cancel"
        QCOMPARE(m_boxes.asked().size(), 1);
        QVERIFY2(m_boxes.asked().first().contains(nameOf(42)), qPrintable(m_boxes.asked().first()));
        QCOMPARE(m_world->tokenFile(), secretOf(150));
        QVERIFY(tray.tokenAction(nameOf(150))->isChecked()); // the click's check is taken back
        QVERIFY(!tray.tokenAction(nameOf(42))->isChecked());

        // From the picker too, and this time confirmed.
        m_boxes.queueAnswer(true);
        tray.showTokenPicker();
        QTest::keyClicks(tray.tokenPicker()->filterEdit(), nameOf(42));
        QTest::keyClick(tray.tokenPicker()->filterEdit(), Qt::Key_Return);
        QCOMPARE(m_boxes.asked().size(), 2);
        QTRY_COMPARE(switched.count(), 1);
        QCOMPARE(m_world->tokenFile(), secretOf(42));

        // A valid or never-checked token switches without a question.
        tray.tokenAction(nameOf(7))->trigger();
        QTRY_COMPARE(switched.count(), 2);
        QCOMPARE(m_boxes.asked().size(), 2);
        QCOMPARE(m_world->tokenFile(), secretOf(7));
    }

private:
    std::unique_ptr<TestWorld> m_world;
    MessageBoxes m_boxes;
};

QTEST_MAIN(TestTrayManyTokens)
#include "tst_tray_manytokens.moc"
