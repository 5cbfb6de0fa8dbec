#include "core/secrets/SecretStore.h"

#include "core/secrets/SecretJob.h"

namespace hftm {

SecretJob *SecretStore::readMany(const QStringList &keys)
{
    auto *job = new SecretJob;
    QHash<QString, Result<QString>> results;
    for (const QString &key : keys)
        results.insert(key, read(key));
    job->finishLater(Error{}, std::move(results));
    return job;
}

SecretJob *SecretStore::writeLater(const QString &key, const QString &secret)
{
    auto *job = new SecretJob;
    job->finishLater(write(key, secret));
    return job;
}

SecretJob *SecretStore::removeLater(const QString &key)
{
    auto *job = new SecretJob;
    job->finishLater(remove(key));
    return job;
}

SecretJob *SecretStore::probeLater()
{
    auto *job = new SecretJob;
    job->finishLater(probe());
    return job;
}

} // namespace hftm
