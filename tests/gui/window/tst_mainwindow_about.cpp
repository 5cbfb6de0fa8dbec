// Help > About HF Token Manager: in the menu bar, reachable by keyboard (Alt+H, then A), opened
// non-modally (one at a time), and saying the project version CMake gives, the Qt version and the
// folders in force.
#include "support/gui/WindowFixture.h"
#include "ui/dialogs/AboutDialog.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
QMenu *menuHolding(QMenuBar *bar, QAction *action)
{
    for (QAction *top : bar->actions()) {
        if (top->menu() && top->menu()->actions().contains(action))
            return top->menu();
    }
    return nullptr;
}
} // namespace

class TestMainWindowAbout : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
    }
    void cleanup() { m_fixture.reset(); }

    void actionIsInTheHelpMenuWithMnemonics()
    {
        MainWindow &window = m_fixture->shownWindow();
        auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QMenu *help = menuHolding(window.menuBar(), about);
        QVERIFY(help);
        QCOMPARE(QString(help->title()).remove(QLatin1Char('&')), QStringLiteral("Help"));
        QCOMPARE(QKeySequence::mnemonic(help->title()), QKeySequence(Qt::ALT | Qt::Key_H));
        QVERIFY(!QKeySequence::mnemonic(about->text()).isEmpty());
        QVERIFY(!QString(about->text()).remove(QLatin1Char('&')).isEmpty()); // what a screen reader says
        // Menu-bar mnemonics stay unique, so Alt+H reaches Help and nothing else.
        QSet<int> keys;
        for (QAction *top : window.menuBar()->actions()) {
            const QKeySequence key = QKeySequence::mnemonic(top->text());
            QVERIFY2(!key.isEmpty(), qPrintable(top->text()));
            QVERIFY2(!keys.contains(key[0].toCombined()), qPrintable(top->text()));
            keys.insert(key[0].toCombined());
        }
    }

    void keyboardOpensItNonModally()
    {
        MainWindow &window = m_fixture->shownWindow();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QMenu *help = menuHolding(window.menuBar(), about);
        QVERIFY(help);
        QTest::keyClick(&window, Qt::Key_H, Qt::AltModifier);
        QTRY_VERIFY(help->isVisible());
        QTest::keyClick(help, Qt::Key_A);
        AboutDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<AboutDialog *>()) && dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QCOMPARE(dialog->windowModality(), Qt::NonModal);
        QVERIFY(window.isEnabled());

        about->trigger(); // a second time brings the same dialog forward
        QCOMPARE(window.findChildren<AboutDialog *>().size(), 1);
        dialog->close();
        QTRY_COMPARE(window.findChildren<AboutDialog *>().size(), 0); // deleted on close
    }

    void saysVersionQtAndFolders()
    {
        MainWindow &window = m_fixture->shownWindow();
        auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        about->trigger();
        AboutDialog *dialog = window.findChild<AboutDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QString text = dialog->text();
        // HFTM_VERSION is CMake's PROJECT_VERSION (hftm_compile_options), the one the packages carry.
        QVERIFY2(text.contains(QStringLiteral(HFTM_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QDir::toNativeSeparators(m_fixture->store()->options().paths.hfHome)),
                 qPrintable(text));
        QVERIFY2(text.contains(QDir::toNativeSeparators(m_fixture->store()->options().configDir)),
                 qPrintable(text));
        QVERIFY(m_fixture->store()->options().paths.hfHome.startsWith(m_fixture->env.root()));
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("About")));
        auto *label = dialog->findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(label && !label->accessibleName().isEmpty());
        QVERIFY(label->height() >= label->sizeHint().height()); // never clipped
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
};

QTEST_MAIN(TestMainWindowAbout)
#include "tst_mainwindow_about.moc"
