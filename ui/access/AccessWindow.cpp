#include "ui/access/AccessWindow.h"

#include "core/access/AccessExport.h"
#include "core/hub/HubClient.h"
#include "core/runs/AccessRun.h"
#include "core/store/TokenStore.h"
#include "ui/access/AccessColors.h"
#include "ui/access/AccessDetailsPane.h"
#include "ui/access/AccessGridModel.h"
#include "ui/access/AccessGridView.h"
#include "ui/access/AccessLegend.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace hftm {

AccessWindow::FileDialog AccessWindow::defaultFileDialog()
{
    return [](QWidget *owner, const QString &caption, const QString &suggested, const QString &filter,
              const std::function<void(const QString &)> &chosen) {
        // open(), not getSaveFileName(): the window's event loop keeps running under the dialog.
        auto *dialog = new QFileDialog(owner, caption, suggested, filter);
        dialog->setObjectName(QStringLiteral("exportDialog"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QFileDialog::fileSelected, owner, chosen);
        dialog->open();
    };
}

AccessWindow::AccessWindow(TokenStore *store, HubClient *hub, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_hub(hub)
    , m_actions(AccessActions::create(this))
    , m_runner(new AccessRun(store, hub, this))
    , m_fileDialog(defaultFileDialog())
    , m_urlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    const QString configDir = store->options().configDir;
    WatchList watchList(WatchList::defaultPath(configDir));
    Error loadError = watchList.load();
    m_model = new AccessGridModel(store, std::move(watchList),
                                  AccessResults(AccessResults::defaultPath(configDir)), this);
    if (!loadError)
        loadError = m_model->resultsLoadError();
    m_model->setNow([hub] { return hub->now(); });
    setWindowTitle(tr("Repo access — HF Token Manager"));
    buildUi();
    connectActions();
    m_model->setDarkPalette(AccessColors::isDark(palette()));
    if (loadError)
        showFeedback(loadError.message);
    else if (m_model->rowCount() == 0)
        showFeedback(tr("Paste the repos you depend on above: a link such as "
                        "https://huggingface.co/datasets/org/name, or type/org/name."));
    updateActions();
    updateDetails();
}

AccessWindow::~AccessWindow()
{
    m_runner->cancel();
}

void AccessWindow::buildUi()
{
    auto *toolbar = addToolBar(tr("Access"));
    toolbar->setObjectName(QStringLiteral("accessToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_actions.removeRepo, m_actions.moveUp, m_actions.moveDown});
    toolbar->addSeparator();
    toolbar->addActions({m_actions.checkCells, m_actions.checkRows, m_actions.checkColumns,
                         m_actions.checkAll, m_actions.cancel});
    toolbar->addSeparator();
    toolbar->addActions({m_actions.exportCsv, m_actions.exportMarkdown});
    addAction(m_actions.focusRepoField);
    addAction(m_actions.closeWindow);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *addRow = new QHBoxLayout;
    auto *fieldLabel = new QLabel(tr("&Repo:"), central);
    m_field = new QLineEdit(central);
    m_field->setPlaceholderText(tr("Paste a repo link or type/org/name, e.g. datasets/org/name"));
    m_field->setAccessibleName(tr("Repo to add"));
    m_field->setClearButtonEnabled(true);
    fieldLabel->setBuddy(m_field);
    auto *addButton = new QPushButton(tr("&Add"), central);
    addButton->setAccessibleName(tr("Add repo to the watch list"));
    connect(addButton, &QPushButton::clicked, m_actions.addRepo, &QAction::trigger);
    addRow->addWidget(fieldLabel);
    addRow->addWidget(m_field, 1);
    addRow->addWidget(addButton);
    layout->addLayout(addRow);
    m_feedback = new QLabel(central);
    m_feedback->setWordWrap(true);
    m_feedback->setAccessibleName(tr("Message"));
    m_feedback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_feedback);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    m_view = new AccessGridView(splitter);
    m_view->setModel(m_model);
    QAction *separators[2] = {new QAction(this), new QAction(this)};
    for (QAction *separator : separators)
        separator->setSeparator(true);
    m_view->addActions({m_actions.checkCells, m_actions.checkRows, m_actions.checkColumns, separators[0],
                        m_actions.requestAccess, m_actions.openRepoPage, separators[1],
                        m_actions.removeRepo});
    m_details = new AccessDetailsPane(splitter);
    m_details->setMinimumWidth(280);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    m_legend = new AccessLegend(central);
    layout->addWidget(m_legend);
    setCentralWidget(central);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Check progress"));
    m_progress->setFormat(tr("%v of %m checked"));
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    resize(1180, 640);
}

void AccessWindow::connectActions()
{
    connect(m_actions.addRepo, &QAction::triggered, this, [this] { addRepo(m_field->text()); });
    connect(m_field, &QLineEdit::returnPressed, m_actions.addRepo, &QAction::trigger);
    connect(m_actions.focusRepoField, &QAction::triggered, this, [this] {
        m_field->setFocus(Qt::ShortcutFocusReason);
        m_field->selectAll();
    });
    connect(m_actions.removeRepo, &QAction::triggered, this, &AccessWindow::removeSelected);
    connect(m_actions.moveUp, &QAction::triggered, this, [this] { moveCurrent(-1); });
    connect(m_actions.moveDown, &QAction::triggered, this, [this] { moveCurrent(+1); });
    connect(m_actions.checkCells, &QAction::triggered, this, [this] { checkCells(m_view->selectedCells()); });
    connect(m_actions.checkRows, &QAction::triggered, this, [this] { checkRows(m_view->selectedRows()); });
    connect(m_actions.checkColumns, &QAction::triggered, this,
            [this] { checkColumns(m_view->selectedColumns()); });
    connect(m_actions.checkAll, &QAction::triggered, this, [this] {
        QList<int> rows;
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows << row;
        checkRows(rows);
    });
    connect(m_actions.cancel, &QAction::triggered, m_runner, &AccessRun::cancel);
    connect(m_actions.closeWindow, &QAction::triggered, this, &QWidget::close);
    connect(m_actions.exportCsv, &QAction::triggered, this, [this] { exportGrid(false); });
    connect(m_actions.exportMarkdown, &QAction::triggered, this, [this] { exportGrid(true); });
    connect(m_actions.openRepoPage, &QAction::triggered, this,
            [this] { openUrl(m_model->repoPage(m_view->currentIndex().row())); });
    connect(m_actions.requestAccess, &QAction::triggered, this,
            [this] { openUrl(m_view->currentIndex().data(AccessGridModel::RequestAccessUrlRole).toUrl()); });
    connect(m_details, &AccessDetailsPane::openUrlRequested, this, &AccessWindow::openUrl);

    connect(m_runner, &AccessRun::cellStarted, m_model, &AccessGridModel::markChecking);
    connect(m_runner, &AccessRun::cellAnswered, m_model, &AccessGridModel::setResult);
    connect(m_runner, &AccessRun::cellCancelled, m_model, &AccessGridModel::restore);
    connect(m_runner, &AccessRun::progress, this, &AccessWindow::onProgress);
    connect(m_runner, &AccessRun::finished, this, &AccessWindow::onFinished);
    connect(m_model, &AccessGridModel::watchListError, this, &AccessWindow::showFeedback);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &AccessWindow::updateDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccessWindow::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                const QModelIndex current = m_view->currentIndex();
                if (current.isValid() && current.row() >= from.row() && current.row() <= to.row() &&
                    current.column() >= from.column() && current.column() <= to.column())
                    updateDetails();
                updateActions();
            });
    const auto refresh = [this] {
        updateDetails();
        updateActions();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, refresh);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, refresh);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, refresh);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, refresh);
    connect(m_view, &AccessGridView::headerMenuRequested, this, &AccessWindow::showHeaderMenu);
}

QTableView *AccessWindow::view() const
{
    return m_view;
}

bool AccessWindow::addRepo(const QString &text)
{
    const Result<WatchList::Added> added = m_model->addRepo(text);
    if (!added) {
        showFeedback(tr("Not added: %1").arg(added.error().message));
        return false;
    }
    const RepoRef repo = m_model->repo(added->row);
    const QString name = repo.displayId();
    const QString endpoint = m_store->endpointFor(QString());
    if (repo.isForeignTo(endpoint)) {
        // Said now rather than as an error in every cell later: no token is ever sent to that host.
        const QString hub = QUrl(endpoint).host();
        showFeedback(
            tr("Added %1. The link points to %2, but your tokens belong to %3: its cells will not be "
               "checked. To check it on %3, remove it and type %1 instead.")
                .arg(name, repo.sourceHost, hub));
    } else {
        showFeedback(added->duplicate ? tr("%1 is already in the list.").arg(name)
                                      : tr("Added %1. Check its row (Ctrl+R) to ask the Hub.").arg(name));
    }
    m_field->clear();
    if (m_model->columnCount() > 0)
        m_view->setCurrentIndex(m_model->index(added->row, 0));
    return true;
}

void AccessWindow::checkCells(const QList<QPair<int, int>> &cells)
{
    const QList<AccessRun::Target> targets = m_model->targets(cells);
    if (targets.isEmpty())
        return;
    showFeedback(QString()); // an earlier "Added …" is stale once the Hub is asked
    m_runner->run(targets);
    onProgress(m_runner->done(), m_runner->total());
    updateActions();
}

void AccessWindow::checkRows(const QList<int> &rows)
{
    QList<QPair<int, int>> cells;
    for (int row : rows) {
        for (int column = 0; column < m_model->columnCount(); ++column)
            cells.append({row, column});
    }
    checkCells(cells);
}

void AccessWindow::checkColumns(const QList<int> &columns)
{
    QList<QPair<int, int>> cells;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int column : columns)
            cells.append({row, column});
    }
    checkCells(cells);
}

void AccessWindow::removeSelected()
{
    QList<int> rows = m_view->selectedRows();
    std::reverse(rows.begin(), rows.end()); // from the bottom, so the rows above keep their numbers
    for (int row : std::as_const(rows))
        m_model->removeRepo(row);
}

void AccessWindow::moveCurrent(int delta)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_model->moveRepo(current.row(), current.row() + delta))
        return;
    m_view->setCurrentIndex(m_model->index(current.row() + delta, current.column()));
}

void AccessWindow::exportGrid(bool markdown)
{
    const QString caption = markdown ? tr("Export access grid as Markdown") : tr("Export access grid as CSV");
    const QString suggested = QDir::home().filePath(markdown ? QStringLiteral("repo-access.md")
                                                             : QStringLiteral("repo-access.csv"));
    const QString filter = markdown ? tr("Markdown (*.md)") : tr("CSV (*.csv)");
    m_fileDialog(this, caption, suggested, filter, [this, markdown](const QString &path) {
        if (!path.isEmpty())
            saveExport(path, markdown);
    });
}

void AccessWindow::saveExport(const QString &path, bool markdown)
{
    QSaveFile file(path);
    const QByteArray bytes =
        markdown ? AccessExport::toMarkdown(m_model->grid()).toUtf8() : AccessExport::toCsv(m_model->grid());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showFeedback(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    showFeedback(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

void AccessWindow::updateActions()
{
    const bool running = m_runner->isRunning();
    const bool hasCell = !m_view->selectedCells().isEmpty();
    const bool hasGrid = m_model->rowCount() > 0 && m_model->columnCount() > 0;
    const QModelIndex current = m_view->currentIndex();
    m_actions.checkCells->setEnabled(hasCell);
    m_actions.checkRows->setEnabled(hasCell);
    m_actions.checkColumns->setEnabled(hasCell);
    m_actions.checkAll->setEnabled(hasGrid);
    m_actions.cancel->setEnabled(running);
    m_actions.removeRepo->setEnabled(hasCell);
    m_actions.moveUp->setEnabled(current.isValid() && current.row() > 0);
    m_actions.moveDown->setEnabled(current.isValid() && current.row() < m_model->rowCount() - 1);
    m_actions.exportCsv->setEnabled(hasGrid);
    m_actions.exportMarkdown->setEnabled(hasGrid);
    m_actions.openRepoPage->setEnabled(current.isValid());
    m_actions.requestAccess->setEnabled(
        current.data(AccessGridModel::RequestAccessUrlRole).toUrl().isValid());
}

void AccessWindow::updateDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const int row = current.row();
    const int column = current.column();
    m_details->showCell({m_model->repo(row).displayId(), m_model->column(column).name,
                         m_model->cell(row, column), m_model->coverage(row, column), m_model->repoPage(row),
                         m_hub->now()});
    updateActions();
}

void AccessWindow::onProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progress->setVisible(total > 0);
}

void AccessWindow::onFinished(bool cancelled)
{
    m_model->saveResults(); // once per run: the next time the view opens it shows these answers
    m_progress->hide();
    statusBar()->showMessage(cancelled ? tr("Checking cancelled; cells not answered keep what they showed.")
                                       : tr("All checks answered."));
    updateActions();
}

void AccessWindow::openUrl(const QUrl &url)
{
    if (url.isValid() && !m_urlOpener(url))
        showFeedback(tr("Could not open %1.").arg(url.toString()));
}

void AccessWindow::showHeaderMenu(Qt::Orientation orientation, const QPoint &globalPosition)
{
    // popup(), not exec(): no nested event loop; the menu deletes itself once closed.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (orientation == Qt::Vertical)
        menu->addActions({m_actions.checkRows, m_actions.openRepoPage, m_actions.moveUp, m_actions.moveDown,
                          m_actions.removeRepo});
    else
        menu->addAction(m_actions.checkColumns);
    menu->popup(globalPosition);
}

void AccessWindow::showFeedback(const QString &text)
{
    m_feedback->setText(text);
    m_feedback->setVisible(!text.isEmpty());
    statusBar()->showMessage(text, 8000);
}

void AccessWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_model)
        m_model->setDarkPalette(AccessColors::isDark(palette()));
}

} // namespace hftm
