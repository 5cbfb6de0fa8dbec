#include "core/store/StoreEditor.h"

#include "core/store/FileWatcher.h"

#include <atomic>

namespace hftm {

// The worker's side. The store is made, used and destroyed on the worker thread only.
struct StoreEditor::Worker {
    TokenStore::Options options;
    SecretStore *secrets = nullptr;
    GitCredential *git = nullptr;
    std::unique_ptr<TokenStore> store;
    std::atomic<bool> closing = false;
};

StoreEditor *StoreEditor::of(TokenStore *store)
{
    if (auto *existing = store->findChild<StoreEditor *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new StoreEditor(store);
}

StoreEditor::StoreEditor(TokenStore *store)
    : QObject(store)
    , m_store(store)
    , m_anchor(new QObject)
    , m_worker(std::make_shared<Worker>())
{
    m_worker->options = store->options();
    m_worker->secrets = store->secretStore();
    m_worker->git = store->gitCredential();
    m_thread.setObjectName(QStringLiteral("hftm-store-editor"));
    m_anchor->moveToThread(&m_thread);
    m_thread.start();
    // An import writes the metadata and the keychain in the background: an edit waits for it, so their
    // writes never interleave (the edit then starts from what the import left).
    connect(store, &TokenStore::importFinished, this, &StoreEditor::startNext);
}

StoreEditor::~StoreEditor()
{
    m_worker->closing = true;
    // Queued behind the edit that is running: the worker's store goes on its own thread, then the thread.
    QMetaObject::invokeMethod(
        m_anchor,
        [worker = m_worker] {
            worker->store.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    delete m_anchor;
}

StoreEditJob *StoreEditor::enqueue(bool writes, Edit edit)
{
    auto *job = new StoreEditJob(this);
    m_writes += writes ? 1 : 0;
    m_queue.push_back(Pending{job, writes, std::move(edit)});
    startNext();
    updateBusy();
    return job;
}

void StoreEditor::startNext()
{
    if (m_running || m_queue.empty() || m_store->importPending())
        return;
    m_running = std::move(m_queue.front());
    m_queue.pop_front();
    if (m_running->writes) {
        // The worker's writes are this store's own: not an outside change to import half-way through.
        if (FileWatcher *watcher = m_store->fileWatcher())
            watcher->hold();
    }
    QMetaObject::invokeMethod(
        m_anchor,
        [worker = m_worker, edit = m_running->edit, editor = this] {
            if (worker->closing)
                return;
            if (!worker->store)
                worker->store = std::make_unique<TokenStore>(worker->options, worker->secrets, worker->git);
            // Judged on the files as they are now, not as the GUI last showed them.
            worker->store->refresh();
            StoreEditOutcome outcome;
            edit(*worker->store, outcome);
            // The editor outlives this call: its destructor waits for the thread first.
            QMetaObject::invokeMethod(
                editor, [editor, outcome = std::move(outcome)]() mutable { editor->onEditDone(outcome); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StoreEditor::onEditDone(StoreEditOutcome outcome)
{
    const Pending done = std::move(*m_running);
    m_running.reset();
    if (done.writes) {
        --m_writes;
        m_store->acceptOwnEdit(outcome.notes); // the table shows the edit before anyone hears of it
        if (FileWatcher *watcher = m_store->fileWatcher())
            watcher->release();
    }
    startNext();
    if (done.job)
        done.job->finish(std::move(outcome));
    updateBusy();
}

void StoreEditor::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_wasBusy)
        return;
    m_wasBusy = busy;
    emit busyChanged(busy);
}

StoreEditJob *StoreEditor::add(const QString &name, const QString &secret, const AddOptions &options,
                               const std::optional<WhoamiInfo> &whoami)
{
    return enqueue(true, [name, secret, options, whoami](TokenStore &store, StoreEditOutcome &outcome) {
        const Result<TokenRecord> added = store.add(name, secret, options, whoami);
        if (added)
            outcome.record = *added;
        else
            outcome.error = added.error();
    });
}

StoreEditJob *StoreEditor::switchTo(const QString &name, bool registerWithGit)
{
    return enqueue(true, [name, registerWithGit](TokenStore &store, StoreEditOutcome &outcome) {
        outcome.error = store.switchTo(name, registerWithGit);
    });
}

StoreEditJob *StoreEditor::rename(const QString &from, const QString &to)
{
    return enqueue(true, [from, to](TokenStore &store, StoreEditOutcome &outcome) {
        outcome.error = store.rename(from, to);
    });
}

StoreEditJob *StoreEditor::remove(const QString &name)
{
    return enqueue(true, [name](TokenStore &store, StoreEditOutcome &outcome) {
        const Result<RemoveReport> removed = store.remove(name);
        if (removed)
            outcome.removal = *removed;
        else
            outcome.error = removed.error();
    });
}

StoreEditJob *StoreEditor::restore(const QStringList &names)
{
    return enqueue(true, [names](TokenStore &store, StoreEditOutcome &outcome) {
        for (const QString &name : names) {
            if ((outcome.error = store.restore(name)))
                return;
            outcome.names << name;
        }
    });
}

StoreEditJob *StoreEditor::setStorageMode(StorageMode mode)
{
    return enqueue(true, [mode](TokenStore &store, StoreEditOutcome &outcome) {
        outcome.error = store.setStorageMode(mode);
        outcome.notes = store.syncNotes(); // what the move did, for the store the GUI reads
    });
}

StoreEditJob *StoreEditor::findOrphanedKeychainItems()
{
    return enqueue(false, [](TokenStore &store, StoreEditOutcome &outcome) {
        const Result<QStringList> orphans = store.orphanedKeychainItems();
        if (orphans)
            outcome.names = *orphans;
        else
            outcome.error = orphans.error();
    });
}

StoreEditJob *StoreEditor::removeOrphanedKeychainItems(const QStringList &names)
{
    return enqueue(true, [names](TokenStore &store, StoreEditOutcome &outcome) {
        for (const QString &name : names) {
            if ((outcome.error = store.removeOrphanedKeychainItem(name)))
                return;
            outcome.names << name;
        }
    });
}

} // namespace hftm
