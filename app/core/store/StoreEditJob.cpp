#include "core/store/StoreEditJob.h"

namespace hftm {

StoreEditJob::StoreEditJob(QObject *parent)
    : QObject(parent)
{
}

void StoreEditJob::finish(StoreEditOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = std::move(outcome);
    emit finished(this);
    deleteLater();
}

} // namespace hftm
