#include "core/secrets/SecretStore.h"

#include "core/secrets/SecretJob.h"

#include <memory>

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

SecretJob *SecretStore::writeMany(const QHash<QString, QString> &secrets)
{
    auto *job = new SecretJob;
    if (secrets.isEmpty()) {
        job->finishLater(Error{});
        return job;
    }
    struct Progress {
        qsizetype left = 0;
        QHash<QString, Result<QString>> results;
    };
    auto progress = std::make_shared<Progress>();
    progress->left = secrets.size();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        SecretJob *one = writeLater(it.key(), it.value());
        QObject::connect(one, &SecretJob::finished, job, [job, progress, key = it.key()](SecretJob *done) {
            progress->results.insert(key, done->error() ? Result<QString>(done->error()) : Result<QString>(QString()));
            if (--progress->left == 0)
                job->finishLater(Error{}, progress->results);
        });
    }
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
