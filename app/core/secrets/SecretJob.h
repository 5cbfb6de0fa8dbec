#pragma once

#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace hftm {

// One asynchronous keychain request, in the shape of QtKeychain's Job: it finishes exactly once, always
// after the call that started it has returned (never inside it), on the thread that created it, and then
// deletes itself. No caller ever waits for it, so no caller is re-entered while it runs.
class SecretJob : public QObject {
    Q_OBJECT
public:
    explicit SecretJob(QObject *parent = nullptr);

    // The failure of the whole request (keychain unreachable, locked, timed out); Error{} otherwise.
    Error error() const { return m_error; }
    // Read requests: every key asked for, with its secret or why that one could not be read (NotFound…).
    const QHash<QString, Result<QString>> &results() const { return m_results; }
    // One key's outcome; the request's error, else NotFound, when the key was not part of the answer.
    Result<QString> result(const QString &key) const;
    bool isFinished() const { return m_finished; }

    // For backends, on this job's thread only: records the outcome and emits finished() on a later turn of
    // the event loop. Only the first call counts: a deadline and a late answer may both try to finish the
    // same job.
    void finishLater(Error error, QHash<QString, Result<QString>> results = {});

signals:
    void finished(hftm::SecretJob *job);

private:
    void emitFinished();

    Error m_error;
    QHash<QString, Result<QString>> m_results;
    bool m_finishing = false;
    bool m_finished = false;
};

} // namespace hftm
