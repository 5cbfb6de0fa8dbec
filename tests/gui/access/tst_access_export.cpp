// Export through the window (scripted file dialog), colours that stay legible in light and dark
// palettes, and the canary: no secret in any tooltip, accessible name, header or export.
#include "support/gui/AccessFixture.h"

#include "core/access/WatchList.h"
#include "ui/access/AccessColors.h"
#include "ui/access/AccessGridModel.h"
#include "ui/access/AccessLegend.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
const QStringList Secrets{LaptopReadSecret, CiWriteSecret, BobSecret, ColabSecret, OauthSecret};

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

class TestAccessExport : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AccessFixture> f;
    QTemporaryDir m_out;

    void checkEverything()
    {
        f->window().actions().checkAll->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f->allAnswered(), 20000);
    }

private slots:
    void init()
    {
        f = std::make_unique<AccessFixture>();
        QVERIFY(f->isValid());
    }
    void cleanup() { f.reset(); }

    // The real save dialog: window-modal and opened without a nested event loop, so trigger() returns
    // while it is up and the file is written once a name is chosen in it.
    void realDialogNeverBlocks()
    {
        checkEverything();
        f->window().setFileDialog(AccessWindow::defaultFileDialog());
        f->window().show();
        f->window().actions().exportCsv->trigger(); // returns: no exec() inside
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = f->window().findChild<QFileDialog *>(QStringLiteral("exportDialog"))) &&
                    dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        const QString path = m_out.filePath(QStringLiteral("from-dialog.csv"));
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept is protected; the click calls it
        QTRY_VERIFY(QFile::exists(path));
        QVERIFY(readAll(path).startsWith(QLatin1String("repo,token,state")));
    }

    void csvExport()
    {
        checkEverything();
        f->nextSavePath = m_out.filePath(QStringLiteral("grid.csv"));
        f->window().actions().exportCsv->trigger();
        const QString csv = readAll(f->nextSavePath);
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 25);
        QVERIFY(lines.first().startsWith(QLatin1String("repo,token,state,label,http_status")));
        const QString gated = f->hub.endpoint() + QStringLiteral("/acme-research/gated-llm-8b");
        QVERIFY2(csv.contains(QStringLiteral("acme-research/gated-llm-8b,laptop-read,gated,Gated,403,"
                                             "GatedRepo,")),
                 qPrintable(csv));
        QVERIFY(csv.contains(QStringLiteral(",%1,2026-07-01T12:00:00Z\r\n").arg(gated)));
        QVERIFY(csv.contains(QStringLiteral(
            "example-org/tiny-demo-gpt,oauth-carol-example,token-invalid,Token invalid,401,")));
        QVERIFY(csv.contains(QStringLiteral("datasets/acme-research/private-data,\"Colab notebooks\"")) ==
                false);
        QVERIFY(
            csv.contains(QStringLiteral("datasets/acme-research/private-data,Colab notebooks,readable,")));
        QVERIFY(f->window().feedback()->text().startsWith(QLatin1String("Saved ")));
    }

    void markdownExport()
    {
        checkEverything();
        f->nextSavePath = m_out.filePath(QStringLiteral("grid.md"));
        f->window().actions().exportMarkdown->trigger();
        const QString md = readAll(f->nextSavePath);
        QVERIFY2(md.startsWith(
                     QLatin1String("| Repo | Colab notebooks | bob-finegrained | ci-write | laptop-read | "
                                   "oauth-carol-example |\n| --- |")),
                 qPrintable(md));
        QVERIFY2(md.contains(QLatin1String("| acme-research/gated-llm-8b | Gated | Readable | Readable | "
                                           "Gated | Token invalid |")),
                 qPrintable(md));
        QVERIFY(md.contains(
            QStringLiteral("[Request access](%1/acme-research/gated-llm-8b)").arg(f->hub.endpoint())));
        QVERIFY(md.contains(
            QLatin1String("- **datasets/acme-research/private-data** with **bob-finegrained**: No access")));
    }

    void cancelledDialogWritesNothing()
    {
        const QStringList before = QDir(m_out.path()).entryList(QDir::Files);
        f->nextSavePath.clear();
        f->window().actions().exportCsv->trigger();
        QCOMPARE(QDir(m_out.path()).entryList(QDir::Files), before);
        QVERIFY(!f->window().feedback()->text().startsWith(QLatin1String("Saved")));
    }

    void unwritablePathIsReported()
    {
        f->nextSavePath = m_out.filePath(QStringLiteral("no/such/folder/grid.csv"));
        f->window().actions().exportCsv->trigger();
        QVERIFY2(f->window().feedback()->text().startsWith(QLatin1String("Could not save")),
                 qPrintable(f->window().feedback()->text()));
    }

    void colorsAreLegibleInLightAndDarkPalettes()
    {
        for (int s = int(AccessState::NotChecked); s <= int(AccessState::Error); ++s) {
            for (bool dark : {false, true}) {
                const AccessColors::Pair pair = AccessColors::forState(AccessState(s), dark);
                const double ratio = AccessColors::contrastRatio(pair.background, pair.foreground);
                QVERIFY2(ratio >= 4.5,
                         qPrintable(QStringLiteral("state %1 dark %2: %3").arg(s).arg(dark).arg(ratio)));
            }
        }
        // Green, amber, red and grey are different hues, and the label says it anyway.
        QVERIFY(AccessColors::forState(AccessState::Readable, false).background.hue() !=
                AccessColors::forState(AccessState::Gated, false).background.hue());
        AccessWindow &w = f->window();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, Qt::white);
        w.setPalette(dark);
        QCOMPARE(w.model()->index(0, 0).data(Qt::BackgroundRole).value<QColor>(),
                 AccessColors::forState(AccessState::NotChecked, true).background);
        QCOMPARE(w.legend()->entries().size(), 9);
        QVERIFY(w.legend()->entries().first().startsWith(QLatin1String("Readable: ")));
    }

    void canaryNoSecretAnywhereAUserOrScreenReaderSees()
    {
        f->recordWhoami(QStringLiteral("bob-finegrained"), QStringLiteral("whoami_fine_grained.json"));
        checkEverything();
        AccessWindow &w = f->window();
        QStringList seen;
        const AccessGridModel *model = w.model();
        for (int r = 0; r < model->rowCount(); ++r) {
            seen << model->headerData(r, Qt::Vertical).toString()
                 << model->headerData(r, Qt::Vertical, Qt::ToolTipRole).toString();
            for (int c = 0; c < model->columnCount(); ++c) {
                const QModelIndex index = model->index(r, c);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole),
                                 int(Qt::AccessibleDescriptionRole), int(AccessGridModel::ExplanationRole)})
                    seen << index.data(role).toString();
                w.view()->setCurrentIndex(index); // fills the details pane
                for (QLabel *label : w.findChildren<QLabel *>())
                    seen << label->text() << label->toolTip() << label->accessibleName();
            }
        }
        for (int c = 0; c < model->columnCount(); ++c)
            seen << model->headerData(c, Qt::Horizontal).toString()
                 << model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
        for (QWidget *widget : w.findChildren<QWidget *>()) {
            seen << widget->toolTip() << widget->accessibleName() << widget->accessibleDescription()
                 << widget->statusTip();
            if (QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget))
                seen << iface->text(QAccessible::Name) << iface->text(QAccessible::Description);
        }
        for (QAction *action : w.findChildren<QAction *>())
            seen << action->text() << action->toolTip();
        f->nextSavePath = m_out.filePath(QStringLiteral("canary.csv"));
        w.actions().exportCsv->trigger();
        seen << readAll(f->nextSavePath);
        f->nextSavePath = m_out.filePath(QStringLiteral("canary.md"));
        w.actions().exportMarkdown->trigger();
        seen << readAll(f->nextSavePath);
        seen << readAll(WatchList::defaultPath(f->store->options().configDir));
        const QString all = seen.join(QLatin1Char('\n'));
        QVERIFY(all.size() > 5000); // the sweep saw the filled grid
        for (const QString &secret : Secrets) {
            QVERIFY2(!all.contains(secret), qPrintable(secret.left(8)));
            QVERIFY2(!all.contains(secret.mid(8, 16)), "a fragment of a secret leaked");
        }
    }
};

QTEST_MAIN(TestAccessExport)
#include "tst_access_export.moc"
