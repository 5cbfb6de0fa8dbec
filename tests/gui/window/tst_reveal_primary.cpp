// Checklist row 29: a revealed token never lingers in the X11 PRIMARY selection. The revealed label
// cannot be selected at all (a mouse drag over it selects nothing), and should the secret be in a
// PRIMARY selection this program owns when the reveal ends, it is cleared; anything else is left alone.
// Runs twice: offscreen (no PRIMARY there: the selection checks are skipped, the label checks run) and
// under Xvfb with the xcb platform, where PRIMARY is real.
#include "support/gui/WindowFixture.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
QLabel *revealedLabel(QWidget *root)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->accessibleName() == QLatin1String("Revealed token"))
            return label;
    }
    return nullptr;
}

// A mouse drag across the whole label, as a user selecting the text would do.
void dragAcross(QLabel *label)
{
    const QPoint from(2, label->height() / 2);
    const QPoint to(label->width() - 2, label->height() / 2);
    QTest::mousePress(label, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(label, QPoint(label->width() / 2, label->height() / 2));
    QTest::mouseMove(label, to);
    QTest::mouseRelease(label, Qt::LeftButton, Qt::NoModifier, to);
}
} // namespace

class TestRevealPrimary : public QObject {
    Q_OBJECT

private slots:
    void revealedTextCannotBeSelected()
    {
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        w.setRevealDuration(std::chrono::seconds(60));
        WindowFixture::trigger(w.actions()->reveal);
        QLabel *label = revealedLabel(&w);
        QVERIFY(label);
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(label->text(), CiWriteSecret);
        dragAcross(label);
        QVERIFY(!label->hasSelectedText());
        QVERIFY(label->selectedText().isEmpty());
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (clipboard->supportsSelection())
            QVERIFY(!clipboard->text(QClipboard::Selection).contains(CiWriteSecret));
        QVERIFY(!label->textInteractionFlags().testFlag(Qt::TextSelectableByMouse));
        QVERIFY(!label->textInteractionFlags().testFlag(Qt::TextSelectableByKeyboard));
    }

    void endOfRevealTakesTheSecretBackFromPrimary_data()
    {
        QTest::addColumn<bool>("ours");    // the selection holds the revealed secret
        QTest::addColumn<bool>("timeout"); // the reveal ends by its timer, else by choosing another token
        QTest::newRow("secret, timer") << true << true;
        QTest::newRow("secret, other token chosen") << true << false;
        QTest::newRow("other text, timer") << false << true;
    }

    void endOfRevealTakesTheSecretBackFromPrimary()
    {
        QFETCH(bool, ours);
        QFETCH(bool, timeout);
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (!clipboard->supportsSelection())
            QSKIP("This platform has no PRIMARY selection; the xcb run (tst_reveal_primary_x11) checks "
                  "it.");
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        w.setRevealDuration(timeout ? std::chrono::milliseconds(200) : std::chrono::milliseconds(60000));
        QSignalSpy ended(w.details(), &TokenDetailsPane::revealEnded);
        WindowFixture::trigger(w.actions()->reveal);
        QTRY_VERIFY(w.details()->isRevealing()); // the keychain answers on a later turn
        // However it got there (a widget that let it be selected, an accessibility tool), PRIMARY holds it.
        const QString other = QStringLiteral("a note the user selected, not a secret");
        clipboard->setText(ours ? CiWriteSecret : other, QClipboard::Selection);
        QTRY_COMPARE(clipboard->text(QClipboard::Selection), ours ? CiWriteSecret : other);
        if (timeout)
            QVERIFY(ended.wait(5000));
        else
            QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
        QCOMPARE(ended.count(), 1);
        if (ours)
            QTRY_VERIFY(!clipboard->text(QClipboard::Selection).contains(CiWriteSecret));
        else
            QCOMPARE(clipboard->text(QClipboard::Selection), other);
    }
};

QTEST_MAIN(TestRevealPrimary)
#include "tst_reveal_primary.moc"
