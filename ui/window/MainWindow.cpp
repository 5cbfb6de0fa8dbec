#include "ui/window/MainWindow.h"

#include "core/files/FolderSafety.h"
#include "core/runs/CheckRun.h"
#include "core/runs/CheckRunSummary.h"
#include "core/secrets/SecretJob.h"
#include "core/store/StoreEditor.h"
#include "ui/access/AccessWindow.h"
#include "ui/app/AppContext.h"
#include "ui/dialogs/AboutDialog.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/window/BannerArea.h"
#include "ui/window/SelectionKeeper.h"
#include "ui/window/SharedWidth.h"
#include "ui/window/TableEmptyState.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"
#include "ui/window/TokenFilterProxy.h"
#include "ui/window/TokenOperations.h"
#include "ui/window/TokenTableModel.h"
#include "ui/window/TokenTableView.h"
#include "ui/window/WindowLayoutMemory.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolTip>
#include <QUrl>
#include <QVBoxLayout>

namespace hftm {

namespace {
constexpr int StatusMessageMs = 8000;
constexpr int TimeTextRefreshMs = 60 * 1000; // "3 min ago" moves on by itself
} // namespace

MainWindow::MainWindow(AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_model(new TokenTableModel(context.store(), context.now(), this))
    , m_proxy(new TokenFilterProxy(this))
    , m_actions(new TokenActions(this))
    , m_operations(new TokenOperations(context, this))
    , m_validation(new CheckRun(context.store(), context.validator(), this))
{
    // A long run shows its answers as they come, in one metadata write per half second at most.
    m_validation->setRecordIntervalMs(500);
    setWindowTitle(tr("HF Token Manager"));
    setObjectName(QStringLiteral("MainWindow"));
    m_proxy->setSourceModel(m_model);
    buildUi();
    buildMenus();
    connectActions();

    auto *clock = new QTimer(this);
    clock->start(TimeTextRefreshMs);
    connect(clock, &QTimer::timeout, m_model, &TokenTableModel::timeMoved);

    if (context.storeLoaded()) {
        showLoadedStore();
    } else {
        // The first frame is the same for 10 tokens or 500: the rows, their column widths and the
        // banners follow it. Until then nothing half-read is shown as if it were all there is.
        onCurrentNameChanged();
        statusBar()->showMessage(tr("Loading tokens\u2026"));
        m_emptyState->setLoading(true); // not "No tokens yet" before they are read
    }
    // Size and place, splitter and columns as the user left them, fitted to the screen this time.
    m_layoutMemory->restore();
}

void MainWindow::loadStore()
{
    if (m_context.storeLoaded())
        return;
    m_context.loadStore();
    statusBar()->clearMessage();
    showLoadedStore();
}

void MainWindow::showLoadedStore()
{
    if (!selectToken(m_context.store()->active().name) && m_proxy->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(0, TokenTableModel::NameColumn));
    onCurrentNameChanged();
    m_emptyState->setLoading(false);
    refreshBanners(); // what the files say is known now; the keychain's part follows the first frame
}

MainWindow::~MainWindow()
{
    // A Name cell still being edited commits when the closing window takes its focus: nothing is renamed
    // by closing the window, and nothing reaches a window half torn down.
    disconnect(m_model, &TokenTableModel::nameEdited, nullptr, nullptr);
}

void MainWindow::buildUi()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);

    m_banners = new BannerArea(central);
    layout->addWidget(m_banners);

    auto *splitter = m_splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setChildrenCollapsible(false);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(left);
    m_search->setPlaceholderText(tr("Filter by name, user, role, storage or endpoint (Ctrl+F)"));
    // The clear button shows only with text anyway; loading its icon waits for the first keystroke
    // instead of sitting on the start-up path (~3 ms).
    connect(
        m_search, &QLineEdit::textChanged, m_search,
        [search = m_search] { search->setClearButtonEnabled(true); }, Qt::SingleShotConnection);
    m_search->setAccessibleName(tr("Filter tokens"));
    leftLayout->addWidget(m_search);

    m_table = new TokenTableView(left);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Stored tokens"));
    m_table->sortByColumn(TokenTableModel::NameColumn, Qt::AscendingOrder);
    leftLayout->addWidget(m_table);
    m_selection = new SelectionKeeper(m_table, TokenTableModel::NameRole, this);

    m_emptyState = new TableEmptyState(m_table, m_proxy);

    // The details pane scrolls inside a width of its own: what a token shows (a long name, many scopes)
    // never pushes the splitter and resizes the table; a smaller window scrolls it instead of clipping.
    auto *detailsArea = new QScrollArea(splitter);
    detailsArea->setObjectName(QStringLiteral("detailsArea"));
    detailsArea->setFrameShape(QFrame::NoFrame);
    detailsArea->setWidgetResizable(true);
    // A Tab stop (arrows scroll long details), so a screen reader must be able to say what it is.
    detailsArea->setAccessibleName(tr("Token details"));
    m_details = new TokenDetailsPane(m_context.now(), detailsArea);
    detailsArea->setWidget(m_details);
    splitter->addWidget(left);
    splitter->addWidget(detailsArea);
    // A wider window widens the table; the details keep the width they have (WindowLayoutMemory).
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Tokens"));
    toolbar->setObjectName(QStringLiteral("TokenToolBar"));
    toolbar->setAccessibleName(tr("Token actions"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_actions->add);
    toolbar->addSeparator();
    toolbar->addAction(m_actions->makeActive);
    toolbar->addAction(m_actions->validate);
    toolbar->addAction(m_actions->validateAll);
    toolbar->addAction(m_actions->cancelValidation);
    toolbar->addAction(m_actions->checkAccess);
    toolbar->addSeparator();
    toolbar->addAction(m_actions->copy);
    toolbar->addAction(m_actions->reveal);
    toolbar->addAction(m_actions->rename);
    toolbar->addAction(m_actions->remove);
    // Stop Validating shows in Validate All's place, as wide: nothing right of it moves when a run starts.
    new SharedWidth({toolbar->widgetForAction(m_actions->validateAll),
                     toolbar->widgetForAction(m_actions->cancelValidation)},
                    {m_actions->validateAll, m_actions->cancelValidation}, toolbar);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addAction(m_actions->settings);

    m_progress = new QProgressBar(statusBar());
    m_progress->setAccessibleName(tr("Validation progress"));
    m_progress->setFixedWidth(220); // a new "%v of %m" never relayouts the status bar
    m_progress->setFormat(tr("Validating %v of %m"));
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->setAccessibleName(tr("Status"));

    setTabOrder(m_search, m_table);
    setTabOrder(m_table, m_details);
    m_table->setFocus();
    m_layoutMemory = new WindowLayoutMemory(
        WindowLayoutMemory::pathIn(m_context.store()->options().legacyConfigDir), this, m_splitter,
        static_cast<TokenTableView *>(m_table));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions->add);
    file->addAction(m_actions->settings);
    file->addSeparator();
    file->addAction(m_actions->quit);
    QMenu *token = menuBar()->addMenu(tr("&Token"));
    m_actions->fillContextMenu(token);
    token->addSeparator();
    token->addAction(m_actions->validateAll);
    token->addAction(m_actions->cancelValidation);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_actions->find);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About HF Token Manager"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        // One About at a time; non-modal, so the window stays usable beside it.
        auto *dialog = findChild<AboutDialog *>();
        if (!dialog) {
            dialog = new AboutDialog(m_context.store(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
}

void MainWindow::connectActions()
{
    TokenStore *store = m_context.store();
    connect(store, &TokenStore::changed, this, &MainWindow::onStoreChanged);
    // While an edit is being written, no other can be started from here (the tray's queue behind it).
    connect(StoreEditor::of(store), &StoreEditor::busyChanged, this, &MainWindow::updateActions);
    connect(m_selection, &SelectionKeeper::currentNameChanged, this, &MainWindow::onCurrentNameChanged);
    connect(m_selection, &SelectionKeeper::currentNameChanged, this, [this] {
        if (m_banners->isShowing(Banner::Id::NoActiveToken))
            refreshBanners(); // it offers to make the selected token active
    });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &TokenFilterProxy::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, m_table, qOverload<>(&QWidget::setFocus));
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    // A double-click on a row makes it the active token (asking first where that needs asking).
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_actions->makeActive->isEnabled())
            m_actions->makeActive->trigger();
    });
    connect(m_banners, &BannerArea::actionTriggered, this, &MainWindow::onBannerAction);
    // The details pane tells the Status column's state (with "checking") and offers the next steps.
    m_details->setStateSource([this](const TokenRecord &record) { return m_model->stateView(record); });
    // Queued: the model emits while it and the selection are mid-update (a row inserted, a reset);
    // the pane reads the store and the selection once they are consistent again.
    connect(
        m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const int row = m_model->rowOf(currentName());
            if (row >= 0 && row >= topLeft.row() && row <= bottomRight.row())
                onCurrentNameChanged();
        },
        Qt::QueuedConnection);
    // LoginDialog cannot be given a name to replace yet: Replace… opens the plain add dialog.
    connect(m_details, &TokenDetailsPane::replaceRequested, this, &MainWindow::openAddDialog);
    connect(m_details, &TokenDetailsPane::removeRequested, this, [this](const QString &name) {
        if (name == currentName() && m_actions->remove->isEnabled())
            m_actions->remove->trigger(); // the action's confirmation and its busy rule apply
    });
    connect(m_details, &TokenDetailsPane::openUrlRequested, this, [](const QUrl &url) {
        if (url.scheme() == QLatin1String("https"))
            QDesktopServices::openUrl(url);
    });

    connect(m_actions->add, &QAction::triggered, this, &MainWindow::addToken);
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_actions->makeActive, &QAction::triggered, this,
            [this] { m_operations->makeActive(currentName()); });
    // Rename edits the Name cell in place; what is typed comes back through the model.
    connect(m_actions->rename, &QAction::triggered, this, [this] { editName(currentName()); });
    connect(m_model, &TokenTableModel::nameEdited, m_operations, &TokenOperations::rename);
    connect(m_operations, &TokenOperations::renameRefused, this,
            [this](const QString &name, const QString &typed, const QString &reason) {
                // Queued: the editor that committed is still closing when a refusal comes at once.
                QTimer::singleShot(0, this, [this, name, typed, reason] { editName(name, typed, reason); });
            });
    connect(m_operations, &TokenOperations::imported, this, &MainWindow::selectToken);
    connect(m_actions->remove, &QAction::triggered, this, [this] { m_operations->remove(currentName()); });
    connect(m_actions->restore, &QAction::triggered, this,
            [this] { m_operations->restore({currentName()}); });
    connect(m_operations, &TokenOperations::orphansRemoved, this, &MainWindow::checkKeychain);
    connect(m_actions->copy, &QAction::triggered, this, [this] { m_operations->copy(currentName()); });
    connect(m_actions->reveal, &QAction::triggered, this, &MainWindow::reveal);
    connect(m_actions->validate, &QAction::triggered, this, &MainWindow::validateSelected);
    connect(m_actions->validateAll, &QAction::triggered, this, &MainWindow::validateAll);
    connect(m_actions->cancelValidation, &QAction::triggered, m_validation, &CheckRun::cancel);
    connect(m_actions->checkAccess, &QAction::triggered, this, &MainWindow::openAccessView);

    connect(m_operations, &TokenOperations::statusMessage, this, &MainWindow::showStatus);
    connect(m_operations, &TokenOperations::renamed, this,
            [this](const QString &, const QString &to) { selectToken(to); });
    connect(m_operations, &TokenOperations::keychainFailed, this, [this](const Error &error) {
        m_keychainError = error;
        refreshBanners();
    });
    connect(m_context.clipboard(), &ClipboardGuard::cleared, this,
            [this] { showStatus(tr("Clipboard cleared.")); });
    connect(m_validation, &CheckRun::progress, this, &MainWindow::onValidationProgress);
    connect(m_validation, &CheckRun::result, m_model, &TokenTableModel::checkAnswered);
    connect(m_validation, &CheckRun::finished, this, [this](const CheckSummary &summary) {
        m_model->setChecking({});
        // Counted from what the store now shows, so the summary and the rows cannot disagree.
        const CheckRunCounts counts = CheckRunCounts::of(summary, *m_context.store(), m_context.now()(),
                                                         m_context.store()->settings().expiryWarningDays);
        onValidationFinished(counts.text(), summary.problems());
    });
}

QString MainWindow::currentName() const
{
    return m_selection->currentName();
}

bool MainWindow::selectToken(const QString &name)
{
    return m_selection->select(name);
}

void MainWindow::onStoreChanged()
{
    onCurrentNameChanged();
    refreshBanners();
}

void MainWindow::onCurrentNameChanged()
{
    const QString name = currentName();
    TokenStore *store = m_context.store();
    m_details->setRecord(name.isEmpty() ? std::nullopt : store->token(name),
                         name.isEmpty() ? QString() : store->endpointFor(name));
    updateActions();
}

void MainWindow::updateActions()
{
    const std::optional<TokenRecord> record = m_context.store()->token(currentName());
    m_actions->update(record.has_value(), record && record->active, m_model->rowCount() > 0,
                      m_validation->isRunning());
    m_actions->setRestorable(record && record->missingFromFiles &&
                             record->storage.testFlag(StorageLocation::Keychain));
    if (StoreEditor::of(m_context.store())->isBusy()) {
        for (QAction *edit :
             {m_actions->makeActive, m_actions->rename, m_actions->remove, m_actions->restore})
            edit->setEnabled(false);
    }
}

void MainWindow::refreshBanners()
{
    TokenStore *store = m_context.store();
    BannerFacts facts;
    facts.active = store->active();
    facts.loadError = store->lastLoadError();
    facts.keychainError = m_keychainError;
    facts.keychainChecking = m_keychainChecking;
    facts.mode = store->settings().storageMode;
    facts.tokens = store->tokens();
    facts.orphanedItems = m_orphanedItems;
    facts.selectedName = currentName();
    facts.folderWarnings = FolderSafety::check(store->options().paths);
    m_banners->setBanners(bannersFor(facts));
}

bool MainWindow::event(QEvent *event)
{
    // What the first frame does not need waits until it is on screen: reading the store (when the
    // context left it for later), the keychain probe, and whatever firstFrameShown starts (the tray),
    // never between exec and the first paint.
    if (event->type() == QEvent::Paint && !m_firstFrameShown) {
        m_firstFrameShown = true;
        QTimer::singleShot(0, this, [this] {
            loadStore();
            checkKeychain();
            emit firstFrameShown();
        });
    }
    return QMainWindow::event(event);
}

void MainWindow::checkKeychain()
{
    TokenStore *store = m_context.store();
    SecretStore *secrets = m_context.secrets();
    if (store->settings().storageMode == StorageMode::FilesOnly || !secrets) {
        // Files-only needs no keychain; no keychain at all is the store's sentence to say.
        m_keychainChecking = false;
        m_keychainError = store->checkKeychain();
        m_orphanedItems.clear();
        refreshBanners();
        return;
    }
    m_keychainChecking = true;
    refreshBanners();
    if (m_keychainProbe)
        return; // one probe at a time: its answer is the one wanted
    // Read-only and in the background: the window answers while a slow or absent keychain times out.
    m_keychainProbe = secrets->probeLater();
    connect(m_keychainProbe, &SecretJob::finished, this, [this](SecretJob *job) {
        m_keychainProbe = nullptr;
        m_keychainChecking = false;
        m_keychainError = job->error();
        if (m_keychainError) {
            m_orphanedItems.clear();
            refreshBanners();
            emit keychainChecked();
            return;
        }
        // Attributes only, no secret, and only once the keychain answered; looked up off this thread.
        StoreEditJob *orphans = StoreEditor::of(m_context.store())->findOrphanedKeychainItems();
        connect(orphans, &StoreEditJob::finished, this, [this](StoreEditJob *done) {
            m_orphanedItems = done->error() ? QStringList() : done->outcome().names;
            refreshBanners();
            emit keychainChecked();
        });
    });
}

void MainWindow::addToken()
{
    openAddDialog({});
}

void MainWindow::openAddDialog(const QString &replacing)
{
    auto *dialog = new LoginDialog(m_context.store(), m_context.validator(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!replacing.isEmpty())
        dialog->startReplacing(replacing);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        selectToken(dialog->savedName());
        showStatus(tr("Stored \u201C%1\u201D.").arg(dialog->savedName()));
        if (dialog->gitSkipped()) {
            m_context.messages().warning(
                this, tr("Not Registered with Git"),
                tr("\u201C%1\u201D was stored, but git has no credential helper for %2, so it keeps nothing. "
                   "Configure one (for example git-credential-libsecret), then store the token again with "
                   "\u201CRegister with the git credential helper\u201D ticked.")
                    .arg(dialog->savedName(),
                         QUrl(m_context.store()->endpointFor(dialog->savedName())).host()));
        }
    });
    dialog->open(); // window-modal without a nested event loop
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_context.store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The storage mode may have changed: whether a keychain is needed changes with it.
    connect(dialog, &QDialog::accepted, this, &MainWindow::checkKeychain);
    dialog->open();
}

void MainWindow::openAccessView()
{
    if (!m_accessWindow) {
        m_accessWindow = new AccessWindow(m_context.store(), m_context.hub(), this);
        m_accessWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_accessWindow->show();
    m_accessWindow->raise();
    m_accessWindow->activateWindow();
}

void MainWindow::reveal()
{
    const QString name = currentName();
    m_operations->secretForReveal(name, [this, name](const QString &secret) {
        // The keychain may answer after the user moved on: show it only where it was asked for.
        if (currentName() == name)
            m_details->revealSecret(secret, m_revealDuration);
    });
}

void MainWindow::validateSelected()
{
    if (!currentName().isEmpty() && m_validation->start({currentName()}))
        m_model->setChecking({currentName()});
    updateActions();
}

void MainWindow::validateAll()
{
    QStringList names;
    for (const TokenRecord &record : m_context.store()->tokens())
        names << record.name;
    if (m_validation->start(names))
        m_model->setChecking(names);
    updateActions();
}

void MainWindow::onValidationProgress(int done, int total)
{
    // Only the bar repaints: its size is fixed, and the actions change only when a run starts.
    const bool starting = !m_progress->isVisible() && total > 1;
    if (m_progress->maximum() != total)
        m_progress->setRange(0, total);
    m_progress->setValue(done);
    if (m_progress->isVisible() != (total > 1))
        m_progress->setVisible(total > 1);
    if (starting || total <= 1)
        updateActions();
}

void MainWindow::onValidationFinished(const QString &summary, const QStringList &problems)
{
    m_progress->setVisible(false);
    updateActions();
    showStatus(summary);
    if (problems.isEmpty())
        return;
    m_context.messages().warning(this, tr("Some tokens could not be checked"),
                                 problems.join(QLatin1Char('\n')));
}

QStringList MainWindow::removedOutsideNames() const
{
    QStringList names;
    for (const TokenRecord &record : m_context.store()->tokens()) {
        if (record.missingFromFiles && record.storage.testFlag(StorageLocation::Keychain))
            names << record.name;
    }
    return names;
}

void MainWindow::onBannerAction(Banner::Id id)
{
    if (id == Banner::Id::NoKeychain)
        checkKeychain();
    else if (id == Banner::Id::PlaintextOnly)
        m_operations->moveIntoKeychain();
    else if (id == Banner::Id::RemovedOutside)
        m_operations->restore(removedOutsideNames());
    else if (id == Banner::Id::OrphanedItems)
        m_operations->removeOrphans(m_orphanedItems);
    else if (id == Banner::Id::NoActiveToken)
        m_operations->makeActive(currentName());
    else if (id == Banner::Id::UnknownActiveToken)
        m_operations->importActive();
}

void MainWindow::editName(const QString &name, const QString &typed, const QString &reason)
{
    if (name.isEmpty() || !selectToken(name))
        return;
    const QModelIndex index = m_proxy->index(m_table->currentIndex().row(), TokenTableModel::NameColumn);
    m_table->scrollTo(index);
    m_table->setFocus(Qt::ShortcutFocusReason);
    m_table->edit(index);
    auto *editor = qobject_cast<QLineEdit *>(m_table->indexWidget(index));
    if (!editor)
        return;
    editor->setAccessibleName(tr("New name for \u201C%1\u201D").arg(name));
    if (reason.isEmpty())
        return;
    // Refused: what was typed comes back to be corrected, with the reason beside it (no box: a modal box
    // would take the focus from the editor, which commits on losing it).
    editor->setText(typed);
    editor->setToolTip(reason);
    editor->setAccessibleDescription(reason);
    statusBar()->showMessage(reason, StatusMessageMs);
    if (editor->isVisible())
        QToolTip::showText(editor->mapToGlobal(QPoint(0, editor->height())), reason, editor);
}

void MainWindow::showContextMenu(const QPoint &position)
{
    // popup(), not exec(): the window's event loop keeps running (no nested loop); the menu deletes itself.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    m_actions->fillContextMenu(menu);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, StatusMessageMs);
}

} // namespace hftm
