// Main window commands driven like a user would: toolbar actions, keyboard shortcuts, answers to the
// confirmation through the message-box wrapper. Checks the files on disk, not just the widgets.
#include "support/gui/WindowFixture.h"
#include "ui/access/AccessGridModel.h"
#include "ui/access/AccessWindow.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"
#include "ui/window/TokenTableModel.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class WindowActionsTest : public QObject {
    Q_OBJECT
private slots:
    void startsOnTheActiveToken();
    void makeActiveRewritesTheTokenFile();
    void renameKeepsTheSelection();
    void removeAsksNamingEveryPlaceThenRemoves();
    void removeReportsWhatFailed();
    void revealShowsTheSecretThenDropsIt();
    void keyboardAlone();
    void everyControlHasAnAccessibleName();
    void canaryNeverLeaks();
    void checkAccessOpensOneAccessWindow();

private:
    static bool anyLabelShows(QWidget *root, const QString &text);
};

bool WindowActionsTest::anyLabelShows(QWidget *root, const QString &text)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *l) { return l->text().contains(text); });
}

void WindowActionsTest::startsOnTheActiveToken()
{
    WindowFixture f;
    MainWindow &w = f.window();
    QCOMPARE(w.currentName(), QStringLiteral("ci-write"));
    QCOMPARE(w.details()->shownName(), QStringLiteral("ci-write"));
    QVERIFY(!w.actions()->makeActive->isEnabled()); // already active
    QVERIFY(w.actions()->copy->isEnabled());
    QCOMPARE(w.windowTitle(), QStringLiteral("HF Token Manager"));
}

void WindowActionsTest::makeActiveRewritesTheTokenFile()
{
    WindowFixture f;
    MainWindow &w = f.window();
    QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
    QVERIFY(w.actions()->makeActive->isEnabled());
    WindowFixture::trigger(w.actions()->makeActive);
    QTRY_COMPARE(f.store()->active().name, QStringLiteral("laptop-read")); // written off the GUI thread
    QCOMPARE(QString::fromUtf8(f.env.readFile(QStringLiteral("token"))).trimmed(), LaptopReadSecret);
    const QModelIndex marker =
        w.model()->index(w.model()->rowOf(QStringLiteral("laptop-read")), TokenTableModel::ActiveColumn);
    QCOMPARE(marker.data().toString(), QStringLiteral("\u25CF"));
    QCOMPARE(w.currentName(), QStringLiteral("laptop-read"));
    QVERIFY(!w.actions()->makeActive->isEnabled());
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("laptop-read")));
}

void WindowActionsTest::renameKeepsTheSelection()
{
    WindowFixture f;
    MainWindow &w = f.window();
    QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
    QVERIFY(WindowFixture::renameInPlace(w, QStringLiteral("laptop"))); // edited in the Name cell
    QTRY_COMPARE(w.currentName(), QStringLiteral("laptop")); // once the edit has finished
    QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop")));
    QVERIFY(!f.sectionsOnDisk().contains(QStringLiteral("laptop-read")));
    QVERIFY(f.secrets->entries().contains(QStringLiteral("laptop")));
    QCOMPARE(w.details()->shownName(), QStringLiteral("laptop"));

    // A refused name changes nothing and says why (beside the Name cell, which opens again).
    QVERIFY(WindowFixture::renameInPlace(w, QStringLiteral("bad]name")));
    QTRY_VERIFY(WindowFixture::nameEditor(w));
    QVERIFY(WindowFixture::nameEditor(w)->toolTip().contains(QStringLiteral("cannot contain")));
    QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop")));
}

void WindowActionsTest::removeAsksNamingEveryPlaceThenRemoves()
{
    WindowFixture f;
    MainWindow &w = f.window();
    QVERIFY(w.selectToken(QStringLiteral("ci-write"))); // the active one: the token file goes too
    f.context().messages().queueAnswer(false);
    WindowFixture::trigger(w.actions()->remove);
    const QString question = f.context().messages().asked().value(0);
    QVERIFY2(question.contains(QStringLiteral("the keychain")), qPrintable(question));
    QVERIFY(question.contains(f.env.paths().storedTokensPath));
    QVERIFY(question.contains(f.env.paths().tokenPath));
    QVERIFY(!question.contains(CiWriteSecret));
    QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("ci-write"))); // declined: untouched

    f.context().messages().queueAnswer(true);
    WindowFixture::trigger(w.actions()->remove);
    QTRY_VERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Removed"))); // edit finished
    QVERIFY(!f.sectionsOnDisk().contains(QStringLiteral("ci-write")));
    QVERIFY(!f.secrets->entries().contains(QStringLiteral("ci-write")));
    QVERIFY(f.env.readFile(QStringLiteral("token")).isEmpty());
    QCOMPARE(w.model()->rowOf(QStringLiteral("ci-write")), -1);
    QVERIFY(!w.currentName().isEmpty()); // a neighbour took the current row
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Removed")));
}

void WindowActionsTest::removeReportsWhatFailed()
{
    WindowFixture f;
    MainWindow &w = f.window();
    QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
    f.secrets->setUnavailable(true);
    f.context().messages().queueAnswer(true);
    WindowFixture::trigger(w.actions()->remove);
    QTRY_COMPARE(f.context().messages().asked().size(), 2); // the warning comes when the edit finished
    const QStringList asked = f.context().messages().asked();
    QCOMPARE(asked.size(), 2);
    QVERIFY2(asked.at(1).startsWith(QStringLiteral("keychain:")), qPrintable(asked.at(1)));
    QVERIFY(!f.sectionsOnDisk().contains(QStringLiteral("laptop-read"))); // the file part did happen
    QVERIFY(w.model()->rowOf(QStringLiteral("laptop-read")) >= 0);        // still listed: rerun finishes it
}

void WindowActionsTest::revealShowsTheSecretThenDropsIt()
{
    WindowFixture f;
    MainWindow &w = f.shownWindow();
    w.setRevealDuration(std::chrono::milliseconds(150));
    QVERIFY(!anyLabelShows(&w, CiWriteSecret)); // masked by default
    QVERIFY(anyLabelShows(&w, QStringLiteral("hf_****CiWr")));
    QSignalSpy ended(w.details(), &TokenDetailsPane::revealEnded);
    WindowFixture::trigger(w.actions()->reveal);
    QTRY_VERIFY(anyLabelShows(&w, CiWriteSecret)); // the keychain answers on a later turn
    QVERIFY(w.details()->isRevealing());
    QVERIFY(ended.wait(2000));
    QVERIFY(!anyLabelShows(&w, CiWriteSecret));

    // Moving to another token drops a revealed secret at once.
    w.setRevealDuration(std::chrono::seconds(60));
    WindowFixture::trigger(w.actions()->reveal);
    QTRY_VERIFY(anyLabelShows(&w, CiWriteSecret));
    QVERIFY(w.selectToken(QStringLiteral("laptop-read")));
    QVERIFY(!anyLabelShows(&w, CiWriteSecret));
    QVERIFY(!anyLabelShows(&w, LaptopReadSecret));
}

void WindowActionsTest::keyboardAlone()
{
    WindowFixture f;
    MainWindow &w = f.shownWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTRY_VERIFY(w.table()->hasFocus());
    QTest::keyClick(w.table(), Qt::Key_Down); // ci-write -> the next row by name
    QCOMPARE(w.currentName(), QStringLiteral("Colab notebooks"));

    // Ctrl+F, type, Enter: the filter narrows the list and the table takes the keys again.
    QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(w.searchField()->hasFocus());
    QTest::keyClicks(w.searchField(), QStringLiteral("laptop"));
    QCOMPARE(w.table()->model()->rowCount(), 1);
    QTest::keyClick(w.searchField(), Qt::Key_Return);
    QTRY_VERIFY(w.table()->hasFocus());
    QCOMPARE(w.currentName(), QStringLiteral("laptop-read"));

    QTest::keyClick(w.table(), Qt::Key_F2); // the Name cell opens for editing
    QLineEdit *editor = WindowFixture::nameEditor(w);
    QVERIFY(editor);
    QVERIFY(editor->hasFocus());
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("laptop-2"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!WindowFixture::nameEditor(w));    // committed: the rename has started
    QTRY_VERIFY(w.actions()->rename->isEnabled()); // the rename has finished: edits are offered again
    QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop-2")));
    QTest::keyClick(w.table(), Qt::Key_Return, Qt::ControlModifier); // make active
    QTRY_COMPARE(f.store()->active().name, QStringLiteral("laptop-2"));
    QTRY_VERIFY(w.actions()->remove->isEnabled());
    f.context().messages().clearAsked();
    QTest::keyClick(w.table(), Qt::Key_Delete); // asks; the scripted answer is "no"
    QCOMPARE(f.context().messages().asked().size(), 1);
    QVERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop-2")));
}

void WindowActionsTest::everyControlHasAnAccessibleName()
{
    WindowFixture f;
    MainWindow &w = f.shownWindow();
    QStringList unnamed;
    for (QWidget *widget : w.findChildren<QWidget *>()) {
        const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
                             qobject_cast<QAbstractItemView *>(widget);
        if (!control || !widget->isVisibleTo(&w) || widget->focusPolicy() == Qt::NoFocus)
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
        if (!iface || iface->text(QAccessible::Name).isEmpty())
            unnamed << QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char('/') +
                           widget->objectName();
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void WindowActionsTest::canaryNeverLeaks()
{
    const QString canary = QStringLiteral("hf_CANARYcanaryCANARYcanary0123456789");
    WindowFixture f(false);
    f.env.writeFile(QStringLiteral("stored_tokens"), "[canary]\nhf_token = " + canary.toUtf8() + "\n");
    f.env.writeFile(QStringLiteral("token"), canary.toUtf8());
    MainWindow &w = f.shownWindow();
    w.setRevealDuration(std::chrono::milliseconds(100));
    auto leaks = [&] {
        const QStringList strings = f.visibleStrings();
        return std::any_of(strings.cbegin(), strings.cend(),
                           [&](const QString &s) { return s.contains(canary); });
    };
    QVERIFY(!leaks());
    WindowFixture::trigger(w.actions()->copy);
    QTRY_VERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Copied"))); // answered later
    QVERIFY(!leaks());
    QSignalSpy ended(w.details(), &TokenDetailsPane::revealEnded);
    WindowFixture::trigger(w.actions()->reveal);
    QTRY_VERIFY(w.details()->isRevealing());
    QVERIFY(!leaks()); // shown as text while revealed, but never as a name, tooltip or status
    QVERIFY(ended.wait(2000));
    QVERIFY(!leaks());
    QVERIFY(!anyLabelShows(&w, canary));
}

QTEST_MAIN(WindowActionsTest)
#include "tst_windowactions.moc"

void WindowActionsTest::checkAccessOpensOneAccessWindow()
{
    WindowFixture f;
    MainWindow &window = f.shownWindow();
    QAction *action = window.findChild<QAction *>(QStringLiteral("checkAccess"));
    if (!action) { // actions are found by their text when they carry no object name
        for (QAction *candidate : window.findChildren<QAction *>()) {
            if (candidate->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A))
                action = candidate;
        }
    }
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    WindowFixture::trigger(action);
    QList<AccessWindow *> opened = window.findChildren<AccessWindow *>();
    QCOMPARE(opened.size(), 1);
    QTRY_VERIFY(opened.first()->isVisible());
    // Its columns are the stored tokens: the access view sees the same store.
    QCOMPARE(opened.first()->model()->columnCount(), f.store()->tokens().size());
    WindowFixture::trigger(action); // again: brought forward, not duplicated
    QCOMPARE(window.findChildren<AccessWindow *>().size(), 1);
}
