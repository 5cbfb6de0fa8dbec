#pragma once

#include "core/Result.h"
#include "ui/window/Banners.h"

#include <QMainWindow>
#include <QPointer>

#include <chrono>

class QLineEdit;
class QProgressBar;
class QSplitter;
class QTableView;

namespace hftm {

class AppContext;
class BannerArea;
class SelectionKeeper;
class TableEmptyState;
class WindowLayoutMemory;
class TokenActions;
class TokenDetailsPane;
class TokenFilterProxy;
class TokenOperations;
class TokenTableModel;
class CheckRun;
class AccessWindow;
class SecretJob;

// The main window: banners, a filterable, sortable token table and the selected token's details, with
// the commands in a toolbar, menus and the table's context menu. It assembles the pieces and routes
// signals between them; the store decides token state, the model words it, the operations act on it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and the benchmark: the parts a user would look at or click.
    QTableView *table() const { return m_table; }
    QSplitter *splitter() const { return m_splitter; } // the table's side, then the details'
    QLineEdit *searchField() const { return m_search; }
    TokenDetailsPane *details() const { return m_details; }
    BannerArea *bannerArea() const { return m_banners; }
    TokenActions *actions() const { return m_actions; }
    TokenTableModel *model() const { return m_model; }
    QString currentName() const;
    bool selectToken(const QString &name);
    void setRevealDuration(std::chrono::milliseconds duration) { m_revealDuration = duration; }

    bool isCheckingKeychain() const { return m_keychainChecking; }

public slots:
    // Asks the keychain whether it answers, in the background; "Checking the keychain…" meanwhile.
    void checkKeychain();
    // A context built with loadLater: reads the store now (the first frame does this by itself) and
    // shows it, the active token selected. Nothing happens when it was read already.
    void loadStore();

signals:
    void firstFrameShown(); // the first frame is on screen: what it did not show may be built now
    void keychainChecked(); // a probe answered; the banners say what it found

protected:
    bool event(QEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void connectActions();
    void onStoreChanged();
    void showLoadedStore(); // selects the active token (else the first row) and says what the files hold
    void onCurrentNameChanged();
    void refreshBanners();
    QStringList removedOutsideNames() const; // tokens `hf auth logout` took out of the files
    void updateActions();
    void addToken();
    void openAddDialog(const QString &replacing); // empty: a new token; else Replace… for that one
    void openSettings();
    void openAccessView();
    void reveal();
    void validateSelected();
    void validateAll();
    void onValidationProgress(int done, int total);
    void onValidationFinished(const QString &summary, const QStringList &problems);
    void onBannerAction(Banner::Id id);
    // Opens the Name cell of name for editing; after a refusal with what was typed and why.
    void editName(const QString &name, const QString &typed = QString(), const QString &reason = QString());
    void showContextMenu(const QPoint &position);
    void showStatus(const QString &text);

    AppContext &m_context;
    TokenTableModel *m_model;
    TokenFilterProxy *m_proxy;
    TokenActions *m_actions;
    TokenOperations *m_operations;
    CheckRun *m_validation;
    QPointer<AccessWindow> m_accessWindow; // one at a time; it deletes itself when closed
    BannerArea *m_banners = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    TokenDetailsPane *m_details = nullptr;
    SelectionKeeper *m_selection = nullptr;
    QSplitter *m_splitter = nullptr;
    TableEmptyState *m_emptyState = nullptr;
    WindowLayoutMemory *m_layoutMemory = nullptr;
    QProgressBar *m_progress = nullptr;
    Error m_keychainError;
    QStringList m_orphanedItems; // keychain items of this store no token knows (asked with the probe)
    bool m_firstFrameShown = false;
    bool m_keychainChecking = false;
    QPointer<SecretJob> m_keychainProbe;
    std::chrono::milliseconds m_revealDuration{10000};
};

} // namespace hftm
