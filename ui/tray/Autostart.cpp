#include "ui/tray/Autostart.h"

#include "core/files/SecretFile.h"
#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace hftm {

namespace Autostart {

namespace {
// Characters that force quoting in an Exec key (Desktop Entry spec, "The Exec key").
bool needsQuoting(const QString &arg)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    for (const QChar c : arg) {
        if (reserved.contains(c))
            return true;
    }
    return false;
}

QString execArgument(const QString &arg)
{
    QString quoted = arg;
    if (needsQuoting(arg)) {
        quoted.clear();
        for (const QChar c : arg) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
                c == QLatin1Char('\\'))
                quoted += QLatin1Char('\\');
            quoted += c;
        }
        quoted = QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    // '%' introduces field codes; a literal one is doubled. Then the string-value escaping of the
    // key file format doubles the backslashes once more.
    quoted.replace(QLatin1Char('%'), QStringLiteral("%%"));
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    return quoted;
}
} // namespace

QString desktopId()
{
    return QStringLiteral(HFTM_APP_ID);
}

QString entryPath()
{
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(config).filePath(QStringLiteral("autostart/%1.desktop").arg(desktopId()));
}

QString programForEntry()
{
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    const QString self = QCoreApplication::applicationFilePath();
    const QString name = QFileInfo(self).fileName();
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty() && QFileInfo(onPath).canonicalFilePath() == QFileInfo(self).canonicalFilePath())
        return name;
    return self;
}

QByteArray entryContent(const QString &program)
{
    // Plain English like the installed .desktop file's untranslated keys; the session shows Name only
    // in its startup-applications list.
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Version=1.4\n"
                                        "Name=HF Token Manager\n"
                                        "Comment=Keep the Hugging Face token manager in the system tray\n"
                                        "Exec=%1 --minimized\n"
                                        "Icon=hf-token-manager\n"
                                        "Terminal=false\n"
                                        "Categories=Utility;Qt;\n"
                                        "StartupNotify=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(execArgument(program));
    return text.toUtf8();
}

bool isEnabled()
{
    return QFileInfo::exists(entryPath());
}

Error setEnabled(bool enabled, const QString &program)
{
    const QString path = entryPath();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            return makeError(
                ErrorCode::Io,
                QCoreApplication::translate("hftm::Autostart", "Could not remove %1.").arg(path));
        }
        return {};
    }
    // A folder made world-writable by a loose umask would let others plant entries that run at login.
    if (const Error error = SecretFile::ensureFolder(QFileInfo(path).absolutePath()))
        return error;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entryContent(program)) < 0 || !file.commit()) {
        return makeError(ErrorCode::Io,
                         QCoreApplication::translate("hftm::Autostart", "Could not write %1: %2")
                             .arg(path, file.errorString()));
    }
    return {};
}

} // namespace Autostart

AutostartSync::AutostartSync(TokenStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_enabled(store->settings().openAtLogin)
{
    connect(m_store, &TokenStore::changed, this, &AutostartSync::onStoreChanged);
    const bool exists = Autostart::isEnabled();
    if (!m_enabled && exists) {
        apply(Autostart::setEnabled(false));
    } else if (m_enabled && exists) {
        QFile file(Autostart::entryPath());
        const QByteArray wanted = Autostart::entryContent(Autostart::programForEntry());
        if (!file.open(QIODevice::ReadOnly) || file.readAll() != wanted)
            apply(Autostart::setEnabled(true));
    }
}

void AutostartSync::onStoreChanged()
{
    const bool enabled = m_store->settings().openAtLogin;
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    apply(Autostart::setEnabled(enabled));
}

void AutostartSync::apply(Error error)
{
    m_lastError = error;
    if (error)
        Q_EMIT failed(error.message);
}

} // namespace hftm
