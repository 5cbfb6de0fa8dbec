#pragma once

class QAction;
class QObject;

namespace hftm {

// The access window's commands, made once with their words, shortcuts and tooltips so the toolbar, the
// menus and the context menus share them.
struct AccessActions {
    QAction *addRepo = nullptr;
    QAction *focusRepoField = nullptr;
    QAction *removeRepo = nullptr;
    QAction *moveUp = nullptr;
    QAction *moveDown = nullptr;
    QAction *checkCells = nullptr;
    QAction *checkRows = nullptr;
    QAction *checkColumns = nullptr;
    QAction *checkAll = nullptr;
    QAction *cancel = nullptr;
    QAction *exportCsv = nullptr;
    QAction *exportMarkdown = nullptr;
    QAction *openRepoPage = nullptr;
    QAction *requestAccess = nullptr;
    QAction *closeWindow = nullptr;

    static AccessActions create(QObject *parent);
};

} // namespace hftm
