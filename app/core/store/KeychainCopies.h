#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace hftm {

class SecretJob;
class SecretStore;

// Copies secrets that huggingface_hub's files already hold into the keychain in the background, in
// batches (one SecretStore::writeMany request each), so neither a command's answer nor the window waits
// on a keyring that rewrites itself for every item created. Writes start on a later turn of the event
// loop, never inside enqueue().
class KeychainCopies : public QObject {
    Q_OBJECT
public:
    // Items per request. gnome-keyring handles them one after the other anyway (each rewrites its
    // keyring file); a bounded batch keeps each request well inside the keychain's deadline and lets a
    // read asked meanwhile in after at most one batch.
    static constexpr int Batch = 32;

    explicit KeychainCopies(SecretStore *secrets, QObject *parent = nullptr);

    // Queues name's secret, unless this very secret is already queued or being written for it.
    void enqueue(const QString &name, const QString &secret);
    bool isBusy() const { return !m_queue.isEmpty() || !m_inFlight.isEmpty(); }
    // Asked just before a write starts: false for a token removed or replaced meanwhile (no orphan item).
    void setStillWanted(std::function<bool(const QString &name, const QString &fingerprint)> wanted)
    {
        m_stillWanted = std::move(wanted);
    }

signals:
    // The queue ran dry. written: name -> fingerprint of the secret now in the keychain; failed: the same
    // for those that could not be written (or were not tried once the keychain did not answer); notes:
    // why, in words.
    void drained(const QHash<QString, QString> &written, const QHash<QString, QString> &failed,
                 const QStringList &notes);

private:
    struct Pending {
        QString name;
        QString secret;
        QString fingerprint;
    };
    void scheduleStart();
    void startMore();
    void onWritten(SecretJob *job);

    SecretStore *m_secrets;
    QList<Pending> m_queue;
    QHash<QString, QString> m_inFlight; // name -> fingerprint, of the one batch being written
    QHash<QString, QString> m_written;
    QHash<QString, QString> m_failed;
    QStringList m_notes;
    std::function<bool(const QString &, const QString &)> m_stillWanted;
    bool m_startScheduled = false;
};

} // namespace hftm
