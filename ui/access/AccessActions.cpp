#include "ui/access/AccessActions.h"

#include <QAction>
#include <QCoreApplication>
#include <QIcon>
#include <QKeySequence>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::AccessWindow", text);
}

QAction *make(QObject *parent, const QString &text, const QString &icon, const QKeySequence &shortcut,
              const QString &tip)
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, parent);
    action->setShortcut(shortcut);
    // The shortcut is part of the tooltip so keyboard users find it without the docs.
    action->setToolTip(
        shortcut.isEmpty() ? tip : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    return action;
}

} // namespace

AccessActions AccessActions::create(QObject *parent)
{
    AccessActions a;
    a.addRepo =
        make(parent, tr("&Add"), QStringLiteral("list-add"), {}, tr("Add the pasted repo to the watch list"));
    a.focusRepoField = make(parent, tr("Paste a repo…"), QString(), QKeySequence(Qt::CTRL | Qt::Key_L),
                            tr("Go to the field where repos are added"));
    a.removeRepo = make(parent, tr("&Remove"), QStringLiteral("list-remove"), QKeySequence::Delete,
                        tr("Remove the selected repos from the watch list"));
    a.moveUp = make(parent, tr("Move &up"), QStringLiteral("go-up"), QKeySequence(Qt::ALT | Qt::Key_Up),
                    tr("Move the selected repo up"));
    a.moveDown = make(parent, tr("Move &down"), QStringLiteral("go-down"),
                      QKeySequence(Qt::ALT | Qt::Key_Down), tr("Move the selected repo down"));
    // The keys mean what they mean in the main window: F5 asks the Hub about the selection, Shift+F5
    // about everything, Escape stops, Delete removes. Keys the main window gives another meaning
    // (Ctrl+Return makes a token active, Ctrl+Shift+R reveals one) are not used here.
    a.checkCells = make(parent, tr("Check &cell"), QStringLiteral("view-refresh"), QKeySequence(Qt::Key_F5),
                        tr("Ask the Hub about the selected cells"));
    a.checkRows = make(parent, tr("Check r&ow"), QString(), QKeySequence(Qt::CTRL | Qt::Key_R),
                       tr("Ask the Hub about the selected repos with every token"));
    a.checkColumns = make(parent, tr("Check co&lumn"), QString(), QKeySequence(Qt::CTRL | Qt::Key_T),
                          tr("Ask the Hub about every repo with the selected tokens"));
    a.checkAll =
        make(parent, tr("Check &everything"), QStringLiteral("view-refresh-all"),
             QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("Ask the Hub about every repo with every token"));
    a.cancel = make(parent, tr("Ca&ncel"), QStringLiteral("process-stop"), QKeySequence(Qt::Key_Escape),
                    tr("Stop checking; cells not answered yet stay as they were"));
    a.exportCsv =
        make(parent, tr("Export &CSV…"), QStringLiteral("document-save-as"),
             QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the grid as CSV, one line per repo and token"));
    a.exportMarkdown =
        make(parent, tr("Export &Markdown…"), QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
             tr("Save the grid as a Markdown table for a team wiki"));
    a.openRepoPage = make(parent, tr("Open repo &page"), QStringLiteral("internet-web-browser"),
                          QKeySequence(Qt::CTRL | Qt::Key_O), tr("Open the selected repo on the Hub"));
    a.requestAccess = make(parent, tr("Request &access…"), QString(), {},
                           tr("Open the gated repo's page, where the account can ask for access"));
    a.closeWindow =
        make(parent, tr("&Close"), QStringLiteral("window-close"), QKeySequence(Qt::CTRL | Qt::Key_W),
             tr("Close the repo access view; its answers are kept for next time"));
    return a;
}

} // namespace hftm
