// The tray menu is not rebuilt per check result: a validation run's answers change the icon's state at
// once, but the token items are relabelled only when the menu is about to show (or looked at), so 200
// answers do not touch a 200-item menu 200 times.
#include "support/TestWorld.h"
#include "ui/tray/TrayController.h"

#include <QAction>
#include <QActionEvent>
#include <QMenu>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
// Counts what reaches a menu about its items: every setText / setChecked / insert / remove does.
class ActionEventCounter : public QObject {
public:
    int count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ActionChanged || event->type() == QEvent::ActionAdded ||
            event->type() == QEvent::ActionRemoved)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};
} // namespace

class TrayControllerMenuTest : public QObject {
    Q_OBJECT
private slots:
    void init() { m_world = std::make_unique<TestWorld>(); }
    void cleanup() { m_world.reset(); }

    void checkResultsDoNotTouchTheMenuUntilItShows()
    {
        TokenStore *store = m_world->store();
        const QDateTime now = m_world->now;
        TrayController tray(store, m_world->clock());
        QMenu *menu = tray.menu();
        QCOMPARE(tray.tokenActions().size(), 5);
        ActionEventCounter counter;
        menu->installEventFilter(&counter);

        // Ten answers, each one relabelling a token ("⚠ invalid") and the active one changing the icon.
        const QStringList names{QStringLiteral("laptop-read"), QStringLiteral("ci-write"),
                                QStringLiteral("bob-finegrained")};
        for (int i = 0; i < 10; ++i) {
            const QString &name = names.at(i % names.size());
            QVERIFY(!store->recordCheck(name, TokenCheck{TokenStatus::Invalid,
                                                         now.addSecs(i),
                                                         QStringLiteral("Invalid credentials"),
                                                         {},
                                                         {},
                                                         std::nullopt}));
        }
        QCOMPARE(counter.count, 0);
        QCOMPARE(tray.trayState(), TrayState::Invalid); // the icon is not lazy: ci-write is active

        // About to show: now, once, the items say what the store says.
        Q_EMIT menu->aboutToShow();
        QVERIFY(counter.count > 0);
        QVERIFY(counter.count <= 2 * 5); // each item relabelled once at most, not once per answer
        const QAction *laptop = tray.tokenAction(QStringLiteral("laptop-read"));
        QVERIFY(laptop);
        QVERIFY2(laptop->text().endsWith(QStringLiteral("\u26A0 invalid")), qPrintable(laptop->text()));
    }

private:
    std::unique_ptr<TestWorld> m_world;
};

QTEST_MAIN(TrayControllerMenuTest)
#include "tst_traycontroller_menu.moc"
