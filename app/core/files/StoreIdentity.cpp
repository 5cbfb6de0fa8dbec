#include "core/files/StoreIdentity.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace hftm {

QString StoreIdentity::canonicalPath(const QString &path)
{
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList missing;
    for (;;) {
        const QString canonical = QFileInfo(existing).canonicalFilePath();
        if (!canonical.isEmpty()) {
            missing.prepend(canonical);
            return QDir::cleanPath(missing.join(QLatin1Char('/')));
        }
        const QFileInfo info(existing);
        const QString parent = info.absolutePath();
        if (parent == existing) // not even "/" resolved: keep the cleaned absolute path
            return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        missing.prepend(info.fileName());
        existing = parent;
    }
}

StoreIdentity StoreIdentity::of(const HfPaths &paths, const QProcessEnvironment &env)
{
    StoreIdentity identity;
    identity.storedTokensPath = canonicalPath(paths.storedTokensPath);
    const QByteArray digest =
        QCryptographicHash::hash(identity.storedTokensPath.toUtf8(), QCryptographicHash::Sha256);
    identity.id = QString::fromLatin1(digest.toHex().left(16));

    QString folder = QFileInfo(identity.storedTokensPath).path();
    QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    if (!home.isEmpty())
        home = canonicalPath(home);
    if (!home.isEmpty() && home != QLatin1String("/") &&
        (folder == home || folder.startsWith(home + QLatin1Char('/'))))
        folder = QLatin1Char('~') + folder.mid(home.size());
    identity.displayFolder = folder;
    return identity;
}

} // namespace hftm
