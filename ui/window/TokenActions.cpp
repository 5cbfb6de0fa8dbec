#include "ui/window/TokenActions.h"

#include <QAction>
#include <QEvent>
#include <QIcon>
#include <QMenu>
#include <QTimer>
#include <QWidget>

namespace hftm {

// Icons come from the desktop's icon theme only; without one the toolbar shows text alone rather than a
// mix of the style's generic pictures (a floppy disk for "copy" would mislead).
QAction *TokenActions::make(const QString &text, const QString &tip, const QString &iconName,
                            const QList<QKeySequence> &shortcuts)
{
    auto *action = new QAction(text, m_window);
    m_iconNames.append({action, iconName});
    action->setShortcuts(shortcuts);
    QString status = tip;
    if (!shortcuts.isEmpty())
        status += QStringLiteral(" (%1)").arg(shortcuts.first().toString(QKeySequence::NativeText));
    action->setStatusTip(tip);
    action->setToolTip(status);
    // Window-wide, so shortcuts work whichever control has focus (a line edit still keeps its own
    // Ctrl+C / Delete through ShortcutOverride).
    action->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(action);
    return action;
}

TokenActions::TokenActions(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    add = make(tr("&Add Token…"), tr("Paste a new token and store it"), QStringLiteral("list-add"),
               {QKeySequence::New});
    makeActive = make(tr("Make &Active"), tr("Make the selected token the one huggingface_hub uses"),
                      QStringLiteral("emblem-default"),
                      {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    validate = make(tr("&Validate"), tr("Ask the Hub whether the selected token works"),
                    QStringLiteral("view-refresh"), {QKeySequence(Qt::Key_F5)});
    validateAll = make(tr("Validate A&ll"), tr("Ask the Hub about every stored token"),
                       QStringLiteral("view-refresh-all"), {QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    checkAccess = make(tr("Repo &Access…"), tr("Which token can read which repo"),
                       QStringLiteral("security-medium"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)});
    cancelValidation = make(tr("&Stop Validating"), tr("Stop the validation in progress"),
                            QStringLiteral("process-stop"), {QKeySequence(Qt::Key_Escape)});
    copy = make(tr("&Copy Token"), tr("Copy the selected token; the clipboard is cleared afterwards"),
                QStringLiteral("edit-copy"), {QKeySequence::Copy});
    reveal = make(tr("&Reveal"), tr("Show the selected token for 10 seconds"), QStringLiteral("view-visible"),
                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    rename = make(tr("Re&name…"), tr("Rename the selected token"), QStringLiteral("edit-rename"),
                  {QKeySequence(Qt::Key_F2)});
    remove = make(tr("Re&move…"), tr("Remove the selected token everywhere it is stored"),
                  QStringLiteral("edit-delete"), {QKeySequence::Delete});
    restore = make(tr("Res&tore to huggingface_hub Files"),
                   tr("Put the selected token back into huggingface_hub's files, from the keychain"),
                   QStringLiteral("edit-undo"), {});
    find = make(tr("&Find"), tr("Filter the tokens by typing"), QStringLiteral("edit-find"),
                {QKeySequence::Find});
    settings = make(tr("&Settings…"), tr("Storage, Hub endpoint, expiry warning and clipboard"),
                    QStringLiteral("preferences-system"), {QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    quit = make(tr("&Quit"), tr("Quit HF Token Manager"), QStringLiteral("application-exit"),
                {QKeySequence::Quit});
    settings->setMenuRole(QAction::PreferencesRole);
    quit->setMenuRole(QAction::QuitRole);
    update(false, false, false, false);
    setRestorable(false);
    // A window that is never painted (started into the tray) never needs them either.
    window->installEventFilter(this);
}

bool TokenActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Paint) {
        m_window->removeEventFilter(this);
        // After this frame is on screen, not inside it: queued behind the paint.
        QTimer::singleShot(0, this, &TokenActions::loadIcons);
    }
    return QObject::eventFilter(watched, event);
}

void TokenActions::loadIcons()
{
    if (m_iconsLoaded)
        return;
    m_iconsLoaded = true;
    m_window->removeEventFilter(this);
    for (const auto &[action, name] : std::as_const(m_iconNames))
        action->setIcon(QIcon::fromTheme(name));
}

void TokenActions::update(bool hasSelection, bool selectionIsActive, bool hasTokens, bool validating)
{
    makeActive->setEnabled(hasSelection && !selectionIsActive);
    validate->setEnabled(hasSelection && !validating);
    validateAll->setEnabled(hasTokens && !validating);
    validateAll->setVisible(!validating); // Stop Validating takes its place (and its width) meanwhile
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
