#pragma once
// Shared by the keychain tests in this folder.

#include "core/files/StoreIdentity.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace secretstest {

// The identity of a token store whose stored_tokens lives in dir/sub, with dir as its HOME.
inline hftm::StoreIdentity storeIn(const QTemporaryDir &dir, const QString &sub)
{
    hftm::HfPaths paths;
    paths.storedTokensPath = dir.filePath(sub + QStringLiteral("/stored_tokens"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir.path());
    return hftm::StoreIdentity::of(paths, env);
}

// Points HOME and the XDG folders into scratch, so whatever a keychain library writes stays in sight.
inline bool isolateHome(const QTemporaryDir &scratch)
{
    for (const char *name :
         {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString path = scratch.filePath(QString::fromLatin1(name));
        if (!QDir().mkpath(path))
            return false;
        qputenv(name, path.toUtf8());
    }
    return true;
}

// Locks gnome-keyring's login collection through the Secret Service itself; with no display for the
// prompt nothing can unlock it again.
inline bool lockLoginCollection()
{
    QProcess dbus;
    dbus.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    return dbus.waitForFinished(20000) && dbus.exitCode() == 0;
}

// Inside tests/with-keyring.sh's private D-Bus session and keyring.
inline bool inPrivateKeyring()
{
    return qEnvironmentVariableIsSet("HFTM_KEYRING_SCRATCH");
}

} // namespace secretstest
