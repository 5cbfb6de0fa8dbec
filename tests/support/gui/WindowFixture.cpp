#include "support/gui/WindowFixture.h"

#include "ui/window/TokenActions.h"
#include "ui/window/TokenTableModel.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

namespace hftm::test {

WindowFixture::WindowFixture(bool installFixtures, std::unique_ptr<SecretStore> keychain)
    : world(installFixtures)
{
    if (keychain) {
        m_pendingSecrets = std::move(keychain);
    } else {
        auto memory = std::make_unique<MemorySecretStore>();
        secrets = memory.get();
        m_pendingSecrets = std::move(memory);
    }
}

WindowFixture::~WindowFixture()
{
    m_window.reset();
    m_context.reset();
}

AppContext &WindowFixture::context()
{
    if (!m_context) {
        AppContext::Parts parts;
        parts.options = world.options();
        parts.secrets = std::move(m_pendingSecrets);
        if (withGit)
            parts.git = world.realGit();
        parts.now = world.clock();
        m_context = std::make_unique<AppContext>(std::move(parts));
        m_context->messages().setScripted(true);
        // The start-up import copies the fixture tokens into the keychain in the background; tests start
        // from the state it reaches, as they did when it was written before the window existed.
        if (m_context->store()->importPending()) {
            QSignalSpy imported(m_context->store(), &TokenStore::importFinished);
            imported.wait(10000);
        }
    }
    return *m_context;
}

MainWindow &WindowFixture::window()
{
    if (!m_window)
        m_window = std::make_unique<MainWindow>(context());
    return *m_window;
}

MainWindow &WindowFixture::shownWindow()
{
    MainWindow &w = window();
    w.show();
    w.activateWindow();
    if (!QTest::qWaitForWindowExposed(&w))
        qWarning("window not exposed");
    return w;
}

void WindowFixture::trigger(QAction *action)
{
    QVERIFY2(action->isEnabled(), qPrintable(action->text()));
    action->trigger();
}

QLineEdit *WindowFixture::nameEditor(MainWindow &window)
{
    QTableView *table = window.table();
    const QModelIndex current = table->currentIndex();
    if (!current.isValid())
        return nullptr;
    return qobject_cast<QLineEdit *>(
        table->indexWidget(current.siblingAtColumn(TokenTableModel::NameColumn)));
}

bool WindowFixture::renameInPlace(MainWindow &window, const QString &typed)
{
    trigger(window.actions()->rename);
    QLineEdit *editor = nameEditor(window);
    if (!editor)
        return false;
    editor->setText(typed);
    QPointer<QLineEdit> open(editor);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits after the editor saw the key (a queued call), then deletes the editor.
    return QTest::qWaitFor([&] { return open.isNull(); }, 5000);
}

QStringList WindowFixture::visibleStrings()
{
    QStringList strings;
    QWidgetList widgets = window().findChildren<QWidget *>();
    widgets << &window();
    for (QWidget *widget : std::as_const(widgets)) {
        strings << widget->windowTitle() << widget->toolTip() << widget->statusTip() << widget->whatsThis()
                << widget->accessibleName() << widget->accessibleDescription();
        if (QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget))
            strings << iface->text(QAccessible::Name) << iface->text(QAccessible::Description);
    }
    for (QAction *action : window().findChildren<QAction *>())
        strings << action->text() << action->toolTip() << action->statusTip();
    strings << window().statusBar()->currentMessage();
    strings.removeAll(QString());
    return strings;
}

} // namespace hftm::test
