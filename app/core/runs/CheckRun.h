#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/hub/ValidationResult.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace hftm {

class ProgressThrottle;
class SecretJob;
class TokenStore;
class TokenValidator;

// What one check run did, handed over once in CheckRun::finished().
struct CheckSummary {
    QStringList names;                        // the names the run was given, in order, without repeats
    QHash<QString, ValidationResult> results; // every answer (the Hub's, or the rate-limit gate's)
    QHash<QString, Error> unread;             // names whose secret could not be read: nothing was sent
    Error recordError;                        // the answers could not be written down (not remembered)
    bool cancelled = false;                   // cancel(), or the shared validator was cancelled

    int total() const { return int(names.size()); }
    // One line per name that was not checked or not recorded, for people ("name: why").
    QStringList problems() const;
};

// Checks stored tokens with the Hub, from names to recorded answers: every secret in one
// TokenStore::readSecrets() job, the requests through the shared TokenValidator (its per-host limit),
// and every answer, stamped with the time the Hub gave it, recorded with one TokenStore::recordChecks()
// write when the run ends (a window may ask for a write every interval as well). A network error never
// turns a token invalid: recordChecks() keeps the last verdict. finished() comes exactly once per
// start(), whatever order the keychain and the Hub answer in; cancel() stops this run's requests only.
// The window's "Validate", the tray's background checks and `hftoken check` each use one.
class CheckRun : public QObject {
    Q_OBJECT
public:
    using EndpointOf = std::function<QString(const QString &name)>;

    CheckRun(TokenStore *store, TokenValidator *validator, QObject *parent = nullptr);
    ~CheckRun() override; // a run still going is cancelled silently (no signal, nothing recorded)

    // The Hub a token is checked against; TokenStore::endpointFor() unless set.
    void setEndpointOf(EndpointOf endpointOf) { m_endpointOf = std::move(endpointOf); }
    // 0 (the default): one write, when the run ends. > 0: answers are also written every that many ms
    // while the run goes on, so a long run in the window shows its answers as they come.
    void setRecordIntervalMs(int ms) { m_recordIntervalMs = ms; }
    // The CLI's rule: when any secret cannot be read, send nothing and finish with the reasons.
    void setStopOnUnreadSecret(bool stop) { m_stopOnUnread = stop; }
    void setProgressIntervalMs(int ms);

    // Starts checking these names; false (nothing done) while a run is going. Nothing is emitted inside
    // this call; finished() follows later, also for an empty list.
    bool start(const QStringList &names);
    // Stops this run: its queued and in-flight requests are dropped (other users of the validator keep
    // theirs), the answers already in are recorded, and finished() is emitted before this returns.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // At most one per progress interval, and always once with the final count just before finished().
    void progress(int done, int total);
    // One per answer, as it arrives (recorded later, see the class comment).
    void result(const QString &name, const hftm::TokenCheck &check);
    void finished(const hftm::CheckSummary &summary);

private:
    void onSecrets(SecretJob *job);
    void onResult(const QString &key, const ValidationResult &answer);
    void onValidatorFinished();
    void record();
    void reportProgress();
    void finish(bool cancelled);

    TokenStore *m_store;
    QPointer<TokenValidator> m_validator;
    EndpointOf m_endpointOf;
    ProgressThrottle *m_progress;
    QTimer m_recordTimer;
    int m_recordIntervalMs = 0;
    bool m_stopOnUnread = false;

    // The current run.
    bool m_running = false;
    quint64 m_generation = 0; // bumps when a run ends: a receiver may cancel from inside a signal
    QString m_keyPrefix;      // this run's requests among everyone's on the shared validator
    QPointer<SecretJob> m_job;
    QSet<QString> m_pending; // sent, not answered yet
    int m_done = 0;
    CheckSummary m_summary;
    QHash<QString, TokenCheck> m_unrecorded;
};

// The record TokenStore keeps of one answer.
TokenCheck toTokenCheck(const ValidationResult &result);

} // namespace hftm
