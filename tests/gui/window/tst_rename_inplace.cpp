// Issue 12: Rename… (F2, the Token menu, the toolbar) edits the token's Name cell in place. A name that
// cannot be used (empty, control characters, taken, taken meanwhile by another program) is refused with
// the reason, and the cell opens again with what was typed, to be corrected instead of typed again.
#include "core/store/StoreEditor.h"
#include "support/gui/WindowFixture.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenTableModel.h"

#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
// The Name cell opened again after a refusal (it says why), not the editor that was just committed.
QLineEdit *refusedEditor(MainWindow &w)
{
    QLineEdit *editor = WindowFixture::nameEditor(w);
    return editor && !editor->toolTip().isEmpty() ? editor : nullptr;
}
} // namespace

class RenameInPlaceTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
    }
    void cleanup() { m_fixture.reset(); }

    void f2EditsTheNameCell()
    {
        MainWindow &w = m_fixture->shownWindow();
        QVERIFY(w.selectToken(LaptopRead));
        QTest::keyClick(w.table(), Qt::Key_F2);
        QLineEdit *editor = WindowFixture::nameEditor(w);
        QVERIFY(editor);
        QCOMPARE(editor->text(), LaptopRead);
        QVERIFY(editor->hasFocus());
        QVERIFY(!editor->accessibleName().isEmpty());
        editor->setText(QStringLiteral("laptop"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(w.currentName(), QStringLiteral("laptop"));
        QVERIFY(m_fixture->sectionsOnDisk().contains(QStringLiteral("laptop")));
        QVERIFY(!m_fixture->sectionsOnDisk().contains(LaptopRead));
        QVERIFY(!WindowFixture::nameEditor(w));
        QVERIFY(m_fixture->context().messages().asked().isEmpty()); // no prompt box any more
    }

    void escapeChangesNothing()
    {
        MainWindow &w = m_fixture->shownWindow();
        const QByteArray before = m_fixture->world.storedTokens();
        QVERIFY(w.selectToken(LaptopRead));
        WindowFixture::trigger(w.actions()->rename);
        QLineEdit *editor = WindowFixture::nameEditor(w);
        QVERIFY(editor);
        editor->setText(QStringLiteral("something else"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!WindowFixture::nameEditor(w));
        QVERIFY(!StoreEditor::of(m_fixture->store())->isBusy());
        QCOMPARE(m_fixture->world.storedTokens(), before);
    }

    void refusedNameReopensWithWhatWasTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QStringLiteral("   ") << QStringLiteral("empty");
        QTest::newRow("control character")
            << QStringLiteral("lap\u0007top") << QStringLiteral("control character");
        QTest::newRow("brackets") << QStringLiteral("lap[top]") << QStringLiteral("'['");
        QTest::newRow("taken") << CiWrite << QStringLiteral("already stored");
    }
    void refusedNameReopensWithWhatWasTyped()
    {
        QFETCH(QString, typed);
        QFETCH(QString, reason);
        MainWindow &w = m_fixture->shownWindow();
        const QByteArray before = m_fixture->world.storedTokens();
        QVERIFY(w.selectToken(LaptopRead));
        QVERIFY(WindowFixture::renameInPlace(w, typed));
        // Open again on the same token, with the typed text and the reason.
        QTRY_VERIFY(refusedEditor(w));
        QLineEdit *editor = refusedEditor(w);
        QCOMPARE(w.currentName(), LaptopRead);
        QCOMPARE(editor->text(), typed);
        QVERIFY2(editor->toolTip().contains(reason), qPrintable(editor->toolTip()));
        QCOMPARE(editor->accessibleDescription(), editor->toolTip());
        QVERIFY2(w.statusBar()->currentMessage().contains(reason),
                 qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(m_fixture->world.storedTokens(), before);

        // Corrected in the same editor, it goes through.
        editor->setText(QStringLiteral("laptop"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(m_fixture->sectionsOnDisk().contains(QStringLiteral("laptop")));
        QVERIFY(!m_fixture->sectionsOnDisk().contains(LaptopRead));
    }

    void nameTakenMeanwhileKeepsTheTypedName()
    {
        MainWindow &w = m_fixture->shownWindow();
        QVERIFY(w.selectToken(LaptopRead));
        WindowFixture::trigger(w.actions()->rename);
        QLineEdit *editor = WindowFixture::nameEditor(w);
        QVERIFY(editor);
        // Another program stores a token under that name while the cell is being edited; the window has
        // not looked at the files since, so only the rename itself finds it.
        m_fixture->env.writeFile(
            QStringLiteral("stored_tokens"),
            m_fixture->world.storedTokens() +
                "[taken meanwhile]\nhf_token = hf_FAKEtakenMeanwhileTokenForTestsTkMw\n\n");
        QVERIFY(!m_fixture->store()->token(QStringLiteral("taken meanwhile")));
        QSignalSpy busy(StoreEditor::of(m_fixture->store()), &StoreEditor::busyChanged);
        editor->setText(QStringLiteral("taken meanwhile"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(busy.count(), 2); // it went to the store (the name looked free) and came back
        QTRY_VERIFY(refusedEditor(w));
        editor = refusedEditor(w);
        QCOMPARE(editor->text(), QStringLiteral("taken meanwhile"));
        QVERIFY2(editor->toolTip().contains(QStringLiteral("already stored")), qPrintable(editor->toolTip()));
        QCOMPARE(w.currentName(), LaptopRead);
        QVERIFY(m_fixture->sectionsOnDisk().contains(LaptopRead));
        QVERIFY(m_fixture->context().messages().asked().isEmpty()); // said beside the cell, no box
    }

    void menuItemStartsTheEditToo()
    {
        MainWindow &w = m_fixture->shownWindow();
        QVERIFY(w.selectToken(Colab));
        QMenu menu;
        w.actions()->fillContextMenu(&menu);
        QVERIFY(menu.actions().contains(w.actions()->rename));
        w.actions()->rename->trigger();
        QLineEdit *editor = WindowFixture::nameEditor(w);
        QVERIFY(editor);
        QCOMPARE(editor->text(), Colab);
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
};

QTEST_MAIN(RenameInPlaceTest)
#include "tst_rename_inplace.moc"
