#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace hftm {

// The window's commands as QActions — text, icon, shortcut, status tip — shared by the toolbar, the menus
// and the table's context menu, and enabled from what the current selection allows.
class TokenActions : public QObject {
    Q_OBJECT
public:
    explicit TokenActions(QWidget *window);

    // What the selection allows; the window passes what the model says about the current row.
    void update(bool hasSelection, bool selectionIsActive, bool hasTokens, bool validating);
    // The selected token was removed from stored_tokens outside this program and can be put back.
    void setRestorable(bool restorable);

    void fillContextMenu(QMenu *menu) const;

    QAction *add;
    QAction *makeActive;
    QAction *validate;
    QAction *validateAll;
    QAction *cancelValidation;
    QAction *copy;
    QAction *reveal;
    QAction *rename;
    QAction *remove;
    QAction *restore;
    QAction *checkAccess;
    QAction *find;
    QAction *settings;
    QAction *quit;
};

} // namespace hftm
