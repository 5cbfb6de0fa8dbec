#pragma once

#include "core/Result.h"
#include "core/base/TokenRecord.h"
#include "core/store/TokenRemoval.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace hftm {

// What one edit of StoreEditor ended with: its error, and what the edit hands back besides.
struct StoreEditOutcome {
    Error error;
    std::optional<TokenRecord> record; // add(): the token as stored
    RemoveReport removal;              // remove(): what happened in each place
    QStringList names;                 // restore, orphan items: the names done (or found)
    QStringList notes;                 // setStorageMode(): what was moved, translated
};

// One edit StoreEditor runs off the GUI thread, in the shape of SecretJob: it finishes exactly once,
// always after the call that started it returned, on the thread the editor lives in, once the store
// shows the edit's result (the table is up to date in the finished slot); then it deletes itself.
class StoreEditJob : public QObject {
    Q_OBJECT
public:
    explicit StoreEditJob(QObject *parent = nullptr);

    Error error() const { return m_outcome.error; }
    const StoreEditOutcome &outcome() const { return m_outcome; }
    bool isFinished() const { return m_finished; }

    // For StoreEditor, from a later turn of the event loop: records the outcome and emits finished().
    // Only the first call counts.
    void finish(StoreEditOutcome outcome);

signals:
    void finished(hftm::StoreEditJob *job);

private:
    StoreEditOutcome m_outcome;
    bool m_finished = false;
};

} // namespace hftm
