#pragma once

#include "core/store/StoreEditJob.h"
#include "core/store/TokenStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace hftm {

// Makes a store's edits without its thread (the GUI's) waiting on the keychain, git or a file lock: each
// edit runs on a worker thread through a TokenStore of its own over the same files, keychain and git —
// the same tested blocking code the CLI runs — one at a time, in the order asked, and reports through a
// StoreEditJob once the store it edits for shows the result.
class StoreEditor : public QObject {
    Q_OBJECT
public:
    // The one editor of this store, made on first use as its child: the window, its dialogs and the tray
    // all queue here, so no two edits ever race, and it goes when the store goes.
    static StoreEditor *of(TokenStore *store);
    // Waits for the edit that is running (bounded by the keychain's and the locks' timeouts: an edit is
    // never abandoned half-way); edits not started yet are dropped unfinished.
    ~StoreEditor() override;

    StoreEditJob *add(const QString &name, const QString &secret, const AddOptions &options,
                      const std::optional<WhoamiInfo> &whoami = std::nullopt);
    StoreEditJob *switchTo(const QString &name, bool registerWithGit = false);
    StoreEditJob *rename(const QString &from, const QString &to);
    StoreEditJob *remove(const QString &name);
    // One after another, stopping at the first that fails; outcome().names are those restored.
    StoreEditJob *restore(const QStringList &names);
    StoreEditJob *setStorageMode(StorageMode mode);
    // Reads only (attributes, never a secret); outcome().names are the orphaned keychain items.
    StoreEditJob *findOrphanedKeychainItems();
    // One after another, stopping at the first that fails; outcome().names are those removed.
    StoreEditJob *removeOrphanedKeychainItems(const QStringList &names);

    // An edit that writes is queued or running (a look such as findOrphanedKeychainItems() is not
    // one): whoever offers edits can say so and hold back conflicting ones.
    bool isBusy() const { return m_writes > 0; }

signals:
    void busyChanged(bool busy);

private:
    using Edit = std::function<void(TokenStore &store, StoreEditOutcome &outcome)>;
    struct Pending {
        QPointer<StoreEditJob> job;
        bool writes = true; // false: a look that changes nothing, so the watcher need not be held
        Edit edit;
    };
    struct Worker;

    explicit StoreEditor(TokenStore *store);
    StoreEditJob *enqueue(bool writes, Edit edit);
    void startNext();
    void onEditDone(StoreEditOutcome outcome);
    void updateBusy();

    TokenStore *m_store;
    QThread m_thread;
    QObject *m_anchor; // lives on m_thread: what edits are posted to
    std::shared_ptr<Worker> m_worker;
    std::deque<Pending> m_queue;
    std::optional<Pending> m_running;
    int m_writes = 0; // edits that write, queued or running
    bool m_wasBusy = false;
};

} // namespace hftm
