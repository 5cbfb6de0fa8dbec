#include "core/secrets/SecretJob.h"

#include <QCoreApplication>

namespace hftm {

SecretJob::SecretJob(QObject *parent)
    : QObject(parent)
{
}

Result<QString> SecretJob::result(const QString &key) const
{
    const auto it = m_results.constFind(key);
    if (it != m_results.constEnd())
        return *it;
    if (m_error)
        return m_error;
    return makeError(
        ErrorCode::NotFound,
        QCoreApplication::translate("hftm::SecretJob", "The keychain has no entry named “%1”.").arg(key));
}

void SecretJob::finishLater(Error error, QHash<QString, Result<QString>> results)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_error = std::move(error);
    m_results = std::move(results);
    // Queued even when called from this thread: a caller that connects after starting the job still hears
    // it, and nobody is called back from inside their own call.
    QMetaObject::invokeMethod(this, &SecretJob::emitFinished, Qt::QueuedConnection);
}

void SecretJob::emitFinished()
{
    m_finished = true;
    emit finished(this);
    deleteLater();
}

} // namespace hftm
