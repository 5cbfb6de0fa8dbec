#include "core/secrets/KeychainErrors.h"

#include <QCoreApplication>

namespace hftm::KeychainErrors {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::KeychainErrors", text);
}
} // namespace

QString fixHint()
{
    return tr(
        "Install and unlock gnome-keyring (or KeePassXC with Secret Service enabled), or choose to keep "
        "tokens only in huggingface_hub's files with `hftoken config storage files-only`.");
}

bool looksUnreachable(const QString &text)
{
    static const char *const fragments[] = {
        "autolaunch", // no session bus and no $DISPLAY to start one
        "DBUS_SESSION_BUS_ADDRESS",
        "org.freedesktop.DBus.Error.ServiceUnknown",
        "org.freedesktop.DBus.Error.NoReply",
        "org.freedesktop.DBus.Error.Disconnected",
        "org.freedesktop.DBus.Error.Spawn",
        "org.freedesktop.DBus.Error.NoServer",
        "org.freedesktop.DBus.Error.UnknownMethod",
        "No such interface",
        "not provided by any .service files",
        "Could not connect",
        "Connection refused",
        "Exchange of authentication", // something on the socket that is not a bus
        "Unexpected lack of content",
        "Error receiving data",
        "Error sending",
        "Underlying GIOStream returned 0 bytes",
    };
    for (const char *fragment : fragments) {
        if (text.contains(QLatin1String(fragment), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool looksLocked(const QString &text)
{
    return text.contains(QLatin1String("locked"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("prompt"), Qt::CaseInsensitive);
}

Error unavailable(const QString &why, const QString &said)
{
    return makeError(
        ErrorCode::KeychainUnavailable,
        tr("%1 (the keychain said: %2). %3").arg(why, said.isEmpty() ? tr("nothing") : said, fixHint()));
}

Error timedOut(int timeoutMs)
{
    return makeError(
        ErrorCode::KeychainUnavailable,
        tr("The keychain did not answer within %1 s (it may be locked and waiting for an unlock prompt). "
           "Nothing was written anywhere else. %2")
            .arg(QString::number(timeoutMs / 1000.0, 'g', 3), fixHint()));
}

Error emptyKey()
{
    return makeError(ErrorCode::InvalidInput, tr("A keychain entry needs a non-empty name."));
}

} // namespace hftm::KeychainErrors
