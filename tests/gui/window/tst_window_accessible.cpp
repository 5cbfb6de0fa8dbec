// Keyboard-only and screen-reader use of the main window and its dialogs: every control a user can
// reach has a name an assistive technology reads, Tab visits every one of them and comes back, every
// toolbar action is also in the menu bar (reachable with Alt + mnemonic), and the menu bar's mnemonics
// are unique. Run over the test world's tokens, the window shown and loaded as a user sees it.
#include "support/gui/WindowFixture.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/window/TokenActions.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTest>
#include <QToolBar>

using namespace hftm;
using namespace hftm::test;

namespace {
// What a screen reader announces for a widget: its accessible name, else what Qt derives (button text,
// a label's buddy, a line edit's placeholder is NOT a name).
QString spokenName(QWidget *widget)
{
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
    return accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
}

bool reachableByTab(const QWidget *widget)
{
    return widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus) &&
           widget->focusProxy() == nullptr;
}

QList<QWidget *> tabStops(QWidget *top)
{
    QList<QWidget *> stops;
    for (QWidget *widget : top->findChildren<QWidget *>()) {
        // Inner parts of composite widgets (a spin box's line edit, a view's viewport) are announced
        // through their owner.
        if (reachableByTab(widget) && widget->window() == top && !qobject_cast<QMenu *>(widget))
            stops << widget;
    }
    return stops;
}

QString describe(QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(widget->metaObject()->className()),
                                           widget->objectName());
}

void collectMenuActions(QMenu *menu, QSet<QAction *> &into)
{
    for (QAction *action : menu->actions()) {
        into.insert(action);
        if (action->menu())
            collectMenuActions(action->menu(), into);
    }
}

// Presses Tab from the first stop until focus comes back to it, and returns every widget focus went to.
QSet<QWidget *> tabCycle(QWidget *first)
{
    QSet<QWidget *> visited;
    first->setFocus(Qt::TabFocusReason);
    for (int presses = 0; presses < 200; ++presses) {
        QWidget *focused = QApplication::focusWidget();
        if (!focused || (presses > 0 && focused == first))
            break;
        visited.insert(focused);
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    return visited;
}
} // namespace

class TestWindowAccessible : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
    }
    void cleanup() { m_fixture.reset(); }

    void everyControlHasASpokenName()
    {
        MainWindow &window = m_fixture->shownWindow();
        window.loadStore();
        QTRY_VERIFY(!m_fixture->store()->tokens().isEmpty());
        QStringList unnamed;
        for (QWidget *widget : tabStops(&window)) {
            if (spokenName(widget).isEmpty())
                unnamed << describe(widget);
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void tabVisitsEveryControl()
    {
        MainWindow &window = m_fixture->shownWindow();
        window.loadStore();
        QTRY_VERIFY(!m_fixture->store()->tokens().isEmpty());
        const QList<QWidget *> stops = tabStops(&window);
        QVERIFY(stops.size() >= 3);
        const QSet<QWidget *> visited = tabCycle(stops.first());
        QStringList missed;
        for (QWidget *widget : stops) {
            if (!visited.contains(widget))
                missed << describe(widget);
        }
        QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("Tab never reaches: ") + missed.join(QStringLiteral(", "))));
    }

    void everyToolbarActionIsInTheMenuBar()
    {
        MainWindow &window = m_fixture->shownWindow();
        QSet<QAction *> inMenus;
        for (QAction *top : window.menuBar()->actions()) {
            if (top->menu())
                collectMenuActions(top->menu(), inMenus);
        }
        const QList<QToolBar *> toolbars = window.findChildren<QToolBar *>();
        QVERIFY(!toolbars.isEmpty());
        QStringList missing;
        for (QToolBar *toolbar : toolbars) {
            for (QAction *action : toolbar->actions()) {
                if (action->isSeparator() || action->text().isEmpty())
                    continue; // spacers and separators
                if (!inMenus.contains(action))
                    missing << QString(action->text()).remove(QLatin1Char('&'));
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("only on the toolbar: ") + missing.join(QStringLiteral(", "))));
    }

    void menuBarMnemonicsAreUnique()
    {
        MainWindow &window = m_fixture->shownWindow();
        QSet<QKeySequence> seen;
        for (QAction *top : window.menuBar()->actions()) {
            const QKeySequence mnemonic = QKeySequence::mnemonic(top->text());
            QVERIFY2(!mnemonic.isEmpty(), qPrintable(top->text()));
            QVERIFY2(!seen.contains(mnemonic), qPrintable(top->text()));
            seen.insert(mnemonic);
        }
    }

    void dialogsNameEveryControl_data()
    {
        QTest::addColumn<QString>("dialog");
        QTest::newRow("add token") << QStringLiteral("add");
        QTest::newRow("settings") << QStringLiteral("settings");
    }

    void dialogsNameEveryControl()
    {
        QFETCH(QString, dialog);
        MainWindow &window = m_fixture->shownWindow();
        window.loadStore();
        auto *actions = window.findChild<TokenActions *>();
        QVERIFY(actions);
        WindowFixture::trigger(dialog == QLatin1String("add") ? actions->add : actions->settings);
        QDialog *opened = nullptr;
        if (dialog == QLatin1String("add"))
            QTRY_VERIFY((opened = window.findChild<LoginDialog *>()) && opened->isVisible());
        else
            QTRY_VERIFY((opened = window.findChild<SettingsDialog *>()) && opened->isVisible());
        QStringList unnamed;
        const QList<QWidget *> stops = tabStops(opened);
        QVERIFY(!stops.isEmpty());
        for (QWidget *widget : stops) {
            if (spokenName(widget).isEmpty())
                unnamed << describe(widget);
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        opened->reject();
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
};

QTEST_MAIN(TestWindowAccessible)
#include "tst_window_accessible.moc"
