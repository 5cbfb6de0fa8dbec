// The watch list through the window: what a paste becomes (or the refusal the user reads), dedupe,
// remove and reorder by toolbar and keyboard, and persistence across windows.
#include "support/gui/AccessFixture.h"

#include "core/access/WatchList.h"
#include "ui/access/AccessGridModel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestAccessWatchList : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AccessFixture> f;

    QStringList rows()
    {
        QStringList ids;
        for (int r = 0; r < f->window().model()->rowCount(); ++r)
            ids << f->window().model()->repo(r).displayId();
        return ids;
    }

private slots:
    void init()
    {
        f = std::make_unique<AccessFixture>(false);
        QVERIFY(f->isValid());
    }
    void cleanup() { f.reset(); }

    void pasteIntoTheField_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("row");     // empty: refused
        QTest::addColumn<QString>("message"); // what the user reads under the field
        auto add = [](const char *name, const char *text, const char *row, const char *message) {
            QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(row)
                                << QString::fromUtf8(message);
        };
        add("id", "openai-community/gpt2", "openai-community/gpt2", "Added openai-community/gpt2.");
        add("dataset link", "https://huggingface.co/datasets/org/name", "datasets/org/name",
            "Added datasets/org/name.");
        add("space link", "https://huggingface.co/spaces/org/app", "spaces/org/app", "Added spaces/org/app.");
        add("model link with tree", "https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main",
            "meta-llama/Llama-3.1-8B", "Added meta-llama/Llama-3.1-8B.");
        add("file link", "https://huggingface.co/datasets/org/name/blob/main/data/train.csv",
            "datasets/org/name", "Added datasets/org/name.");
        add("typed with prefix", "models/org/m", "org/m", "Added org/m.");
        add("address bar copy", "hf.co/org/m", "org/m", "Added org/m.");
        add("name only", "gpt2", "", "Not added: Expected owner/name");
        add("prefix without name", "datasets/org", "", "Not added: Expected datasets/owner/name.");
        add("spaces inside", "org/my model", "", "Not added: A repository id cannot contain spaces");
        add("bad characters", "org/na$me", "", "Not added: \"org/na$me\" is not a valid repository id");
        add("not a web link", "ftp://huggingface.co/org/m", "",
            "Not added: This is not a web link to a repository.");
        add("empty", "   ", "", "Not added: No repository given.");
    }

    void pasteIntoTheField()
    {
        QFETCH(QString, text);
        QFETCH(QString, row);
        QFETCH(QString, message);
        AccessWindow &w = f->window();
        w.repoField()->setText(text);
        QTest::keyClick(w.repoField(), Qt::Key_Return);
        QVERIFY2(w.feedback()->text().startsWith(message), qPrintable(w.feedback()->text()));
        QVERIFY(w.feedback()->isVisibleTo(&w));
        if (row.isEmpty()) {
            QCOMPARE(w.model()->rowCount(), 0);
            QCOMPARE(w.repoField()->text(), text); // kept, so the user can fix it
        } else {
            QCOMPARE(rows(), QStringList{row});
            QVERIFY(w.repoField()->text().isEmpty());
        }
    }

    void duplicatesAreSelectedNotAdded()
    {
        AccessWindow &w = f->window();
        QVERIFY(w.addRepo(QStringLiteral("org/a")));
        QVERIFY(w.addRepo(QStringLiteral("org/b")));
        QVERIFY(w.addRepo(QStringLiteral("https://huggingface.co/ORG/a/tree/main")));
        QCOMPARE(rows(), (QStringList{QStringLiteral("org/a"), QStringLiteral("org/b")}));
        QCOMPARE(w.feedback()->text(), QStringLiteral("org/a is already in the list."));
        QCOMPARE(w.view()->currentIndex().row(), 0);
    }

    void removeAndReorderPersist()
    {
        {
            AccessWindow &w = f->window();
            QAbstractItemModelTester tester(w.model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            for (const QString &repo : RepoTable)
                QVERIFY(w.addRepo(repo));
            w.view()->setCurrentIndex(w.model()->index(0, 0));
            w.actions().moveDown->trigger();
            w.actions().moveDown->trigger();
            QCOMPARE(w.view()->currentIndex().row(), 2);
            w.view()->setCurrentIndex(w.model()->index(4, 1));
            QVERIFY(!w.actions().moveDown->isEnabled());
            w.actions().moveUp->trigger();
            w.view()->setCurrentIndex(w.model()->index(1, 0));
            w.actions().removeRepo->trigger();
        }
        const QStringList expected{RepoTable.at(1), RepoTable.at(0), RepoTable.at(4), RepoTable.at(3)};
        QCOMPARE(rows(), expected);
        QVERIFY(QFile::exists(WatchList::defaultPath(f->store->options().configDir)));
        // A new window (the app restarted) shows the same list in the same order.
        AccessWindow again(f->store.get(), f->client.get());
        QStringList reopened;
        for (int r = 0; r < again.model()->rowCount(); ++r)
            reopened << again.model()->repo(r).displayId();
        QCOMPARE(reopened, expected);
    }

    void keyboardEditsTheList()
    {
        AccessWindow &w = f->window();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(w.repoField()->hasFocus());
        QTest::keyClicks(w.repoField(), QStringLiteral("org/one"));
        QTest::keyClick(w.repoField(), Qt::Key_Return);
        QTest::keyClicks(w.repoField(), QStringLiteral("org/two"));
        QTest::keyClick(w.repoField(), Qt::Key_Return);
        QTest::keyClick(w.repoField(), Qt::Key_Delete); // edits the empty field, removes nothing
        QCOMPARE(rows(), (QStringList{QStringLiteral("org/one"), QStringLiteral("org/two")}));
        w.view()->setFocus();
        w.view()->setCurrentIndex(w.model()->index(1, 0));
        QTest::keyClick(w.view(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(rows(), (QStringList{QStringLiteral("org/two"), QStringLiteral("org/one")}));
        QTest::keyClick(w.view(), Qt::Key_Delete);
        QCOMPARE(rows(), QStringList{QStringLiteral("org/one")});
    }

    void brokenWatchListFileIsReportedAndKept()
    {
        const QString path = WatchList::defaultPath(f->store->options().configDir);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[oops");
        file.close();
        AccessWindow &w = f->window();
        QVERIFY2(w.feedback()->text().contains(QLatin1String("could not be read")),
                 qPrintable(w.feedback()->text()));
        QCOMPARE(QDir(QFileInfo(path).path()).entryList({QStringLiteral("watchlist.json.unparsed-*")}).size(),
                 1);
    }
};

QTEST_MAIN(TestAccessWatchList)
#include "tst_access_watchlist.moc"
