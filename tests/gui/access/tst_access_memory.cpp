// What the repo access view keeps and says beyond one check: its answers come back when it is opened
// again (and after a restart), a replaced secret starts unchecked, an unreadable results file is kept
// aside; a pasted link from another Hub is flagged at once; the three red states differ in shape, not
// only in words; and its keys mean what they mean in the main window.
#include "support/gui/AccessFixture.h"

#include "core/access/AccessResults.h"
#include "core/runs/AccessRun.h"
#include "ui/access/AccessGlyphs.h"
#include "ui/access/AccessGridModel.h"
#include "ui/access/AccessLegend.h"
#include "ui/window/TokenActions.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {

// Every cell's state and words, row by row, of a window's grid.
QStringList cellsOf(AccessWindow &w)
{
    QStringList out;
    AccessGridModel *m = w.model();
    for (int row = 0; row < m->rowCount(); ++row) {
        for (int column = 0; column < m->columnCount(); ++column) {
            const QModelIndex index = m->index(row, column);
            out << index.data(AccessGridModel::StateIdRole).toString() + QLatin1Char('|') +
                       index.data(AccessGridModel::ExplanationRole).toString();
        }
    }
    return out;
}

QImage cellImage(AccessState state, const QString &label)
{
    QImage image(120, 28, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    // The same colours for all: only the mark and the words may tell the states apart here.
    AccessGlyphs::drawCell(&painter, image.rect(), state, label, QFont(), QColor("#f6cdca"),
                           QColor("#6b100b"));
    return image;
}

} // namespace

class TestAccessMemory : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AccessFixture> f;

    void checkEverything(AccessWindow &w)
    {
        QSignalSpy finished(w.runner(), &AccessRun::finished);
        w.actions().checkAll->trigger();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), false);
    }

    QString resultsPath() const { return AccessResults::defaultPath(f->store->options().configDir); }

private slots:
    void init()
    {
        f = std::make_unique<AccessFixture>();
        QVERIFY(f->isValid());
    }
    void cleanup() { f.reset(); }

    void answersComeBackWhenTheViewOpensAgain()
    {
        AccessWindow &first = f->window();
        checkEverything(first);
        const QStringList answered = cellsOf(first);
        QCOMPARE(answered.size(), 25);
        QVERIFY(!answered.join(QLatin1Char('\n')).contains(QLatin1String("not-checked|")));
        QVERIFY(QFile::exists(resultsPath()));

        // A new view on the same store (the main window makes one each time it is opened, and at every
        // start): the same answers, in the same words, without asking the Hub again.
        f->hub.resetStats();
        AccessWindow again(f->store.get(), f->client.get());
        QCOMPARE(cellsOf(again), answered);
        QCOMPARE(f->hub.requestCount(), 0);

        // The file holds answers, never a secret.
        QFile file(resultsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const TokenRecord &record : f->store->tokens()) {
            const Result<QString> secret = f->store->secret(record.name);
            QVERIFY(secret);
            QVERIFY2(!bytes.contains(secret->toUtf8()), qPrintable(record.name));
        }
    }

    void aReplacedSecretStartsUnchecked()
    {
        checkEverything(f->window());
        AddOptions replace;
        replace.replace = true;
        QVERIFY(f->store->add(QStringLiteral("ci-write"),
                              QStringLiteral("hf_REPLACEDciWriteTokenForTestsOnly0001"), replace));
        AccessWindow again(f->store.get(), f->client.get());
        const int ciWrite = f->column(QStringLiteral("ci-write"));
        const int colab = f->column(QStringLiteral("Colab notebooks"));
        for (int row = 0; row < again.model()->rowCount(); ++row) {
            QCOMPARE(again.model()->index(row, ciWrite).data(AccessGridModel::StateIdRole).toString(),
                     QStringLiteral("not-checked"));
            QVERIFY(again.model()->index(row, colab).data(AccessGridModel::StateIdRole).toString() !=
                    QLatin1String("not-checked"));
        }
    }

    void anUnreadableResultsFileIsKeptAside()
    {
        const QByteArray garbage = "{ this is not json";
        QFile file(resultsPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
        file.close();
        AccessWindow w(f->store.get(), f->client.get());
        QVERIFY2(w.feedback()->text().contains(QLatin1String("could not be read")),
                 qPrintable(w.feedback()->text()));
        QVERIFY(!cellsOf(w).join(QLatin1Char('\n')).contains(QLatin1String("readable|")));
        // The unreadable bytes are copied aside before anything could overwrite them.
        const QDir folder = QFileInfo(resultsPath()).dir();
        bool kept = false;
        for (const QFileInfo &entry : folder.entryInfoList({QStringLiteral("access_results.json*")})) {
            QFile copy(entry.filePath());
            if (entry.filePath() != resultsPath() && copy.open(QIODevice::ReadOnly) &&
                copy.readAll() == garbage)
                kept = true;
        }
        QVERIFY(kept);
        checkEverything(w);
        const Result<QHash<QString, AccessCell>> saved = AccessResults(resultsPath()).load();
        QVERIFY(saved);
        QCOMPARE(saved->size(), 25);
    }

    void aLinkFromAnotherHubIsFlaggedWhenPasted()
    {
        AccessWindow &w = f->window();
        const QString hubHost = QUrl(f->store->endpointFor(QString())).host();
        QVERIFY(w.addRepo(QStringLiteral("https://huggingface.co/datasets/acme-research/elsewhere")));
        const QString said = w.feedback()->text();
        QVERIFY2(said.contains(QLatin1String("huggingface.co")) && said.contains(hubHost) &&
                     said.contains(QLatin1String("will not be checked")),
                 qPrintable(said));
        // A typed id belongs to the Hub in force: no warning.
        QVERIFY(w.addRepo(QStringLiteral("datasets/acme-research/typed-here")));
        QVERIFY2(!w.feedback()->text().contains(QLatin1String("will not be checked")),
                 qPrintable(w.feedback()->text()));
    }

    void theThreeRedsDifferInShape()
    {
        const QList<AccessState> reds{AccessState::NoAccess, AccessState::TokenInvalid, AccessState::Error};
        for (qsizetype i = 0; i < reds.size(); ++i) {
            for (qsizetype j = i + 1; j < reds.size(); ++j) {
                // The marks alone, and whole cells with their words blanked: never the same picture.
                QVERIFY(AccessGlyphs::image(reds.at(i), 32) != AccessGlyphs::image(reds.at(j), 32));
                QVERIFY(cellImage(reds.at(i), QString()) != cellImage(reds.at(j), QString()));
            }
        }
        // Every state has a mark of its own.
        QList<QImage> marks;
        for (int s = int(AccessState::NotChecked); s <= int(AccessState::Error); ++s) {
            const QImage mark = AccessGlyphs::image(AccessState(s), 32);
            QVERIFY2(!marks.contains(mark), qPrintable(AccessWords::stateId(AccessState(s))));
            QVERIFY(mark != QImage(32, 32, QImage::Format_ARGB32_Premultiplied));
            marks << mark;
        }
        // A cell sized by its size hint shows its whole label next to the mark.
        for (int s = int(AccessState::NotChecked); s <= int(AccessState::Error); ++s) {
            const QString label = AccessWords::label(AccessState(s));
            QVERIFY(AccessGlyphs::cellSize(QFont(), label).width() >
                    QFontMetrics(QFont()).horizontalAdvance(label) + QFontMetrics(QFont()).height());
        }
        // The legend paints its samples with the marks: nine different pictures.
        AccessWindow &w = f->window();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QList<QImage> samples;
        for (QWidget *child : w.legend()->findChildren<QWidget *>()) {
            if (qobject_cast<QLabel *>(child) || child->accessibleName().isEmpty())
                continue;
            // Wide enough for its whole label: nothing in the legend is elided.
            const QString label = child->accessibleName().section(QLatin1Char(':'), 0, 0);
            QVERIFY2(child->width() >= AccessGlyphs::cellSize(child->font(), label, child).width(),
                     qPrintable(label));
            const QImage picture = child->grab().toImage();
            QVERIFY(!samples.contains(picture));
            samples << picture;
        }
        QCOMPARE(samples.size(), 9);
    }

    void keysMeanWhatTheyMeanInTheMainWindow()
    {
        QWidget mainWindow;
        const TokenActions main(&mainWindow);
        AccessWindow &w = f->window();
        const AccessActions &a = w.actions();
        // Where both windows use a key, it does the same thing in both.
        const QList<QPair<QAction *, QAction *>> same{{main.validate, a.checkCells},
                                                      {main.validateAll, a.checkAll},
                                                      {main.cancelValidation, a.cancel},
                                                      {main.remove, a.removeRepo}};
        for (const auto &[mine, theirs] : same)
            QCOMPARE(theirs->shortcut(), mine->shortcut());
        const QList<QAction *> mainActions{main.add,         main.makeActive,  main.validate,
                                           main.validateAll, main.checkAccess, main.cancelValidation,
                                           main.copy,        main.reveal,      main.rename,
                                           main.remove,      main.restore,     main.find,
                                           main.settings,    main.quit};
        const QList<QAction *> accessActions{a.addRepo,      a.focusRepoField, a.removeRepo, a.moveUp,
                                             a.moveDown,     a.checkCells,     a.checkRows,  a.checkColumns,
                                             a.checkAll,     a.cancel,         a.exportCsv,  a.exportMarkdown,
                                             a.openRepoPage, a.requestAccess,  a.closeWindow};
        for (QAction *theirs : accessActions) {
            if (theirs->shortcut().isEmpty())
                continue;
            for (QAction *mine : mainActions) {
                for (const QKeySequence &key : mine->shortcuts()) {
                    if (key != theirs->shortcut())
                        continue;
                    QVERIFY2(same.contains({mine, theirs}),
                             qPrintable(key.toString() + QStringLiteral(": ") + mine->text() +
                                        QStringLiteral(" vs ") + theirs->text()));
                }
            }
            for (QAction *other : accessActions) // and no key does two things in the access view
                QVERIFY(other == theirs || other->shortcut() != theirs->shortcut());
        }
        // Ctrl+W closes the view, as any document window.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(w.view(), Qt::Key_W, Qt::ControlModifier);
        QTRY_VERIFY(!w.isVisible());
    }
};

QTEST_MAIN(TestAccessMemory)
#include "tst_access_memory.moc"
