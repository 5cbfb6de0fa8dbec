#include "ui/window/TokenActions.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QWidget>

namespace hftm {

namespace {
// Icons come from the desktop's icon theme only; without one the toolbar shows text alone rather than a
// mix of the style's generic pictures (a floppy disk for "copy" would mislead).
QAction *make(QWidget *window, const QString &text, const QString &tip, const QString &iconName,
              const QList<QKeySequence> &shortcuts)
{
    auto *action = new QAction(QIcon::fromTheme(iconName), text, window);
    action->setShortcuts(shortcuts);
    QString status = tip;
    if (!shortcuts.isEmpty())
        status += QStringLiteral(" (%1)").arg(shortcuts.first().toString(QKeySequence::NativeText));
    action->setStatusTip(tip);
    action->setToolTip(status);
    // Window-wide, so shortcuts work whichever control has focus (a line edit still keeps its own
    // Ctrl+C / Delete through ShortcutOverride).
    action->setShortcutContext(Qt::WindowShortcut);
    window->addAction(action);
    return action;
}
} // namespace

TokenActions::TokenActions(QWidget *window)
    : QObject(window)
{
    add = make(window, tr("&Add Token…"), tr("Paste a new token and store it"), QStringLiteral("list-add"),
               {QKeySequence::New});
    makeActive = make(window, tr("Make &Active"), tr("Make the selected token the one huggingface_hub uses"),
                      QStringLiteral("emblem-default"),
                      {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    validate = make(window, tr("&Validate"), tr("Ask the Hub whether the selected token works"),
                    QStringLiteral("view-refresh"), {QKeySequence(Qt::Key_F5)});
    validateAll = make(window, tr("Validate A&ll"), tr("Ask the Hub about every stored token"),
                       QStringLiteral("view-refresh-all"), {QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    checkAccess = make(window, tr("Repo &Access…"), tr("Which token can read which repo"),
                       QStringLiteral("security-medium"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)});
    cancelValidation = make(window, tr("&Stop Validating"), tr("Stop the validation in progress"),
                            QStringLiteral("process-stop"), {QKeySequence(Qt::Key_Escape)});
    copy = make(window, tr("&Copy Token"), tr("Copy the selected token; the clipboard is cleared afterwards"),
                QStringLiteral("edit-copy"), {QKeySequence::Copy});
    reveal = make(window, tr("&Reveal"), tr("Show the selected token for 10 seconds"),
                  QStringLiteral("view-visible"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    rename = make(window, tr("Re&name…"), tr("Rename the selected token"), QStringLiteral("edit-rename"),
                  {QKeySequence(Qt::Key_F2)});
    remove = make(window, tr("Re&move…"), tr("Remove the selected token everywhere it is stored"),
                  QStringLiteral("edit-delete"), {QKeySequence::Delete});
    restore = make(window, tr("Res&tore to huggingface_hub Files"),
                   tr("Put the selected token back into huggingface_hub's files, from the keychain"),
                   QStringLiteral("edit-undo"), {});
    find = make(window, tr("&Find"), tr("Filter the tokens by typing"), QStringLiteral("edit-find"),
                {QKeySequence::Find});
    settings = make(window, tr("&Settings…"), tr("Storage, Hub endpoint, expiry warning and clipboard"),
                    QStringLiteral("preferences-system"), {QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    quit = make(window, tr("&Quit"), tr("Quit HF Token Manager"), QStringLiteral("application-exit"),
                {QKeySequence::Quit});
    settings->setMenuRole(QAction::PreferencesRole);
    quit->setMenuRole(QAction::QuitRole);
    update(false, false, false, false);
    setRestorable(false);
}

void TokenActions::update(bool hasSelection, bool selectionIsActive, bool hasTokens, bool validating)
{
    makeActive->setEnabled(hasSelection && !selectionIsActive);
    validate->setEnabled(hasSelection && !validating);
    validateAll->setEnabled(hasTokens && !validating);
    cancelValidation->setEnabled(validating);
    cancelValidation->setVisible(validating);
    copy->setEnabled(hasSelection);
    reveal->setEnabled(hasSelection);
    rename->setEnabled(hasSelection);
    remove->setEnabled(hasSelection);
}

void TokenActions::setRestorable(bool restorable)
{
    restore->setEnabled(restorable);
    restore->setVisible(restorable); // only ever offered where it applies, so the menu stays short
}

void TokenActions::fillContextMenu(QMenu *menu) const
{
    menu->addAction(makeActive);
    menu->addAction(validate);
    menu->addAction(checkAccess);
    menu->addSeparator();
    menu->addAction(copy);
    menu->addAction(reveal);
    menu->addSeparator();
    menu->addAction(rename);
    menu->addAction(restore);
    menu->addAction(remove);
    menu->addSeparator();
    menu->addAction(add);
}

} // namespace hftm
