// Issue 11, start-up: the toolbar's and menus' theme icons are looked up after the window's first frame,
// not inside it (the first lookup reads the icon theme's index). With a real icon theme in a temporary
// folder that has two of the icons: at the first paint no action has an icon yet; right after it the two
// the theme has are there, and the others stay without one, as before.
#include "support/ScratchEnvironment.h"
#include "ui/app/AppContext.h"
#include "ui/app/AppController.h"
#include "ui/window/MainWindow.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QDir>
#include <QIcon>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace hftm;

namespace {

// Whether the window's actions had icons when its first Paint arrived, before anything queued after it.
class FirstPaintWitness : public QObject {
public:
    explicit FirstPaintWitness(MainWindow *window)
        : QObject(window)
        , m_window(window)
    {
        window->installEventFilter(this);
    }
    bool painted = false;
    int withIcon = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !painted) {
            painted = true;
            withIcon = 0;
            for (QAction *action : m_window->QWidget::actions()) // every command, menus' and toolbar's
                withIcon += action->icon().isNull() ? 0 : 1;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    MainWindow *m_window;
};

// An icon theme with list-add and edit-copy only, as a desktop installs one.
bool writeTheme(const QString &root)
{
    QDir dir(root);
    if (!dir.mkpath(QStringLiteral("hftm-test/16x16")))
        return false;
    QFile index(dir.filePath(QStringLiteral("hftm-test/index.theme")));
    if (!index.open(QIODevice::WriteOnly))
        return false;
    index.write("[Icon Theme]\nName=hftm-test\nDirectories=16x16\n\n[16x16]\nSize=16\nType=Fixed\n");
    index.close();
    QImage image(16, 16, QImage::Format_ARGB32);
    image.fill(Qt::red);
    return image.save(dir.filePath(QStringLiteral("hftm-test/16x16/list-add.png"))) &&
           image.save(dir.filePath(QStringLiteral("hftm-test/16x16/edit-copy.png")));
}

} // namespace

class TestStartupLazyIcons : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_themes;
    test::ScratchEnvironment m_env;

    std::unique_ptr<AppContext> appContext() const
    {
        std::unique_ptr<AppContext> context = AppContext::fromEnvironment(m_env.environment());
        context->messages().setScripted(true);
        return context;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_themes.isValid());
        QVERIFY(writeTheme(m_themes.path()));
        QIcon::setThemeSearchPaths({m_themes.path()});
        QIcon::setThemeName(QStringLiteral("hftm-test"));
    }

    // The app's own start-up path over an empty HF_HOME (the icons do not depend on the tokens).
    void iconsFollowTheFirstFrame()
    {
        QVERIFY(m_env.isValid());
        const std::unique_ptr<AppContext> context = appContext();
        MainWindow window(*context);
        auto *witness = new FirstPaintWitness(&window);
        AppController controller(*context, &window, AppOptions{.watchNetwork = false});
        controller.start();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(witness->painted);

        QCOMPARE(witness->withIcon, 0); // the first frame looked up no theme icon

        TokenActions *actions = window.actions();
        QTRY_VERIFY(actions->iconsLoaded());
        QVERIFY(!actions->add->icon().isNull());
        QVERIFY(!actions->copy->icon().isNull());
        QVERIFY(!actions->add->icon().pixmap(16, 16).isNull());
        // The theme has no picture for these: text alone, never the style's generic ones.
        QVERIFY(actions->remove->icon().isNull());
        QVERIFY(actions->settings->icon().isNull());
    }

    void aWindowNeverShownLooksNothingUp()
    {
        QVERIFY(m_env.isValid());
        const std::unique_ptr<AppContext> context = appContext();
        MainWindow window(*context); // as started into the tray: never painted
        QCoreApplication::processEvents();
        TokenActions *actions = window.actions();
        QVERIFY(!actions->iconsLoaded());
        QVERIFY(actions->add->icon().isNull());
        // Shown later, its first frame brings them.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(actions->iconsLoaded());
        QVERIFY(!actions->add->icon().isNull());
    }
};

QTEST_MAIN(TestStartupLazyIcons)
#include "tst_startup_lazy_icons.moc"
