// Questions, notices and menus never block: confirm(), askText(), warning() return at once with a
// window-modal box open, the answer arrives in the callback after the user clicked (never on cancel, never
// once the window is gone), the main window's Remove and Rename work through the real boxes, and the
// table's context menu pops up without a nested event loop.
#include "support/gui/WindowFixture.h"

#include "ui/app/AppContext.h"
#include "ui/common/MessageBoxes.h"
#include "ui/window/TokenActions.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace hftm;
using namespace hftm::test;

namespace {

// The one box of this kind open on parent, or null.
template <typename Box> Box *openBox(QWidget *parent)
{
    const QList<Box *> boxes = parent->findChildren<Box *>();
    for (Box *box : boxes) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

} // namespace

class TestMessageBoxesOpen : public QObject {
    Q_OBJECT

private slots:
    void confirmReturnsAtOnceAndAnswersOnClick()
    {
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MessageBoxes boxes;
        int accepted = 0;
        boxes.confirm(&window, QStringLiteral("Remove Token"), QStringLiteral("Remove it?"),
                      QStringLiteral("Remove"), MessageBoxes::Confirm::Destructive, [&] { ++accepted; });
        // Back here with the box open and the event loop free: a timer set now still fires.
        QCOMPARE(accepted, 0);
        QMessageBox *box = openBox<QMessageBox>(&window);
        QVERIFY(box);
        QCOMPARE(box->windowModality(), Qt::WindowModal);
        bool ticked = false;
        QTimer::singleShot(0, this, [&] { ticked = true; });
        QTRY_VERIFY(ticked);
        QCOMPARE(accepted, 0);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
        QTRY_COMPARE(accepted, 1);
        QTRY_VERIFY(!openBox<QMessageBox>(&window)); // closed and deleted
    }

    void cancelAnswersNothing()
    {
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MessageBoxes boxes;
        int accepted = 0;
        boxes.confirm(&window, QStringLiteral("Remove"), QStringLiteral("Remove it?"),
                      QStringLiteral("Remove"), MessageBoxes::Confirm::Plain, [&] { ++accepted; });
        QMessageBox *box = openBox<QMessageBox>(&window);
        QVERIFY(box);
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!openBox<QMessageBox>(&window));
        QCOMPARE(accepted, 0);
    }

    void aWindowClosedFirstGetsNoAnswer()
    {
        auto window = std::make_unique<QWidget>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        MessageBoxes boxes;
        int answered = 0;
        boxes.confirm(window.get(), QStringLiteral("Remove"), QStringLiteral("Remove it?"),
                      QStringLiteral("Remove"), MessageBoxes::Confirm::Plain, [&] { ++answered; });
        boxes.askText(window.get(), QStringLiteral("Rename"), QStringLiteral("New name:"),
                      QStringLiteral("a"), [&](const QString &) { ++answered; });
        QVERIFY(openBox<QMessageBox>(window.get()) && openBox<QInputDialog>(window.get()));
        window.reset(); // the boxes go with their window, and nothing runs
        QCoreApplication::processEvents();
        QCOMPARE(answered, 0);
    }

    void askTextHandsOverWhatWasTyped()
    {
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MessageBoxes boxes;
        QStringList typed;
        boxes.askText(&window, QStringLiteral("Rename Token"), QStringLiteral("New name:"),
                      QStringLiteral("old"), [&](const QString &text) { typed << text; });
        QInputDialog *dialog = openBox<QInputDialog>(&window);
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), QStringLiteral("old"));
        dialog->findChild<QLineEdit *>()->setText(QStringLiteral("new name"));
        dialog->accept();
        QTRY_COMPARE(typed, QStringList{QStringLiteral("new name")});
    }

    void warningReturnsWithTheBoxOpen()
    {
        QWidget window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MessageBoxes boxes;
        boxes.warning(&window, QStringLiteral("Could not remove"), QStringLiteral("The keychain said no."));
        QMessageBox *box = openBox<QMessageBox>(&window);
        QVERIFY(box);
        QCOMPARE(box->text(), QStringLiteral("The keychain said no."));
        QCOMPARE(box->icon(), QMessageBox::Warning);
        box->button(QMessageBox::Ok)->click();
        QTRY_VERIFY(!openBox<QMessageBox>(&window));
    }

    void theWindowRemovesAndRenamesThroughRealBoxes()
    {
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        f.context().messages().setScripted(false);

        QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
        WindowFixture::trigger(w.actions()->remove);
        QMessageBox *box = openBox<QMessageBox>(&w);
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("laptop-read")));
        QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop-read"))); // nothing before the answer
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_VERIFY(!f.sectionsOnDisk().contains(QStringLiteral("laptop-read")));

        QVERIFY(w.selectToken(QStringLiteral("Colab notebooks")));
        QTRY_VERIFY(w.actions()->rename->isEnabled()); // edits are held back until the removal finished
        // Rename edits the Name cell in place: no box at all.
        QVERIFY(WindowFixture::renameInPlace(w, QStringLiteral("  colab  ")));
        QVERIFY(!openBox<QInputDialog>(&w));
        QTRY_VERIFY(f.sectionsOnDisk().contains(QStringLiteral("colab")));
        QVERIFY(!f.sectionsOnDisk().contains(QStringLiteral("Colab notebooks")));
    }

    void theContextMenuPopsUpWithoutWaiting()
    {
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
        // Emitted as a right click would: with exec() this call would not return until the menu closed.
        emit w.table()->customContextMenuRequested(QPoint(10, 10));
        QMenu *menu = nullptr;
        for (QMenu *candidate : w.findChildren<QMenu *>()) {
            if (candidate->isVisible())
                menu = candidate;
        }
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(w.actions()->rename));
        QPointer<QMenu> guard(menu);
        menu->close();
        QTRY_VERIFY(guard.isNull()); // it deletes itself once closed
    }
};

QTEST_MAIN(TestMessageBoxesOpen)
#include "tst_messageboxes_open.moc"
