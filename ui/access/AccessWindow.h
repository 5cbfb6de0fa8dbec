#pragma once

#include "ui/access/AccessActions.h"

#include <QList>
#include <QMainWindow>
#include <QPair>
#include <QUrl>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;

namespace hftm {

class AccessRun;
class AccessDetailsPane;
class AccessGridView;
class AccessGridModel;
class AccessLegend;
class HubClient;
class TokenStore;

// "Which token can read which repo": the watch list as rows, stored tokens as columns, each cell
// checked against the Hub on request (one cell, a row, a column or everything, concurrently, with
// progress and cancel), explained in a details pane and exportable as CSV or Markdown.
class AccessWindow : public QMainWindow {
    Q_OBJECT
public:
    // Save-file dialog and URL opener, replaceable so tests never block on a real dialog or browser.
    // The dialog answers later, through 'chosen', and never with a nested event loop; a cancelled one
    // does not answer.
    using FileDialog =
        std::function<void(QWidget *parent, const QString &caption, const QString &suggestedPath,
                            const QString &filter, const std::function<void(const QString &path)> &chosen)>;
    using UrlOpener = std::function<bool(const QUrl &url)>;

    AccessWindow(TokenStore *store, HubClient *hub, QWidget *parent = nullptr);
    ~AccessWindow() override;

    void setFileDialog(FileDialog dialog) { m_fileDialog = std::move(dialog); }
    static FileDialog defaultFileDialog(); // a window-modal QFileDialog, opened with open()
    void setUrlOpener(UrlOpener opener) { m_urlOpener = std::move(opener); }

    // What the Add button does with text pasted into the field; false when refused (reason shown).
    bool addRepo(const QString &text);
    // Checks these (row, column) cells; the toolbar's commands end up here.
    void checkCells(const QList<QPair<int, int>> &cells);

    // For tests: the parts a user looks at or clicks.
    AccessGridModel *model() const { return m_model; }
    QTableView *view() const; // the AccessGridView
    QLineEdit *repoField() const { return m_field; }
    QLabel *feedback() const { return m_feedback; }
    QProgressBar *progressBar() const { return m_progress; }
    AccessDetailsPane *details() const { return m_details; }
    AccessLegend *legend() const { return m_legend; }
    AccessRun *runner() const { return m_runner; }
    const AccessActions &actions() const { return m_actions; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void connectActions();
    void checkRows(const QList<int> &rows);
    void checkColumns(const QList<int> &columns);
    void removeSelected();
    void moveCurrent(int delta);
    void exportGrid(bool markdown);
    void saveExport(const QString &path, bool markdown);
    void updateActions();
    void updateDetails();
    void onProgress(int done, int total);
    void onFinished(bool cancelled);
    void openUrl(const QUrl &url);
    void showHeaderMenu(Qt::Orientation orientation, const QPoint &globalPosition);
    void showFeedback(const QString &text);

    TokenStore *m_store;
    HubClient *m_hub;
    AccessActions m_actions;
    AccessGridModel *m_model;
    AccessRun *m_runner;
    QLineEdit *m_field = nullptr;
    QLabel *m_feedback = nullptr;
    AccessGridView *m_view = nullptr;
    AccessDetailsPane *m_details = nullptr;
    AccessLegend *m_legend = nullptr;
    QProgressBar *m_progress = nullptr;
    FileDialog m_fileDialog;
    UrlOpener m_urlOpener;
};

} // namespace hftm
