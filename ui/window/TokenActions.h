#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPair>

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

    // Looks the icons up in the desktop's theme, once. Done by itself right after the window's first
    // frame: the first theme lookup reads the icon theme's index (5-20 ms) and is not worth that frame.
    void loadIcons();
    bool iconsLoaded() const { return m_iconsLoaded; }

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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *make(const QString &text, const QString &tip, const QString &iconName,
                  const QList<QKeySequence> &shortcuts);

    QWidget *m_window;
    QList<QPair<QAction *, QString>> m_iconNames;
    bool m_iconsLoaded = false;
};

} // namespace hftm
