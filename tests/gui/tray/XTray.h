#pragma once

// Helpers for code running under with-tray.sh (Xvfb + trayer): find the tray icon's X window, ask the
// X server where the tray host put it, and click it the way a mouse does (xdotool, XTEST).
#include <QApplication>
#include <QHash>
#include <QProcess>
#include <QRect>
#include <QStandardPaths>
#include <QWidget>

namespace hftm::test {
// The icon's own X window: Qt's xcb tray embeds a small top-level widget into the tray host (XEMBED).
inline QWidget *trayIconWindow()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (QLatin1String(widget->metaObject()->className()) == QLatin1String("QSystemTrayIconSys"))
            return widget;
    }
    return nullptr;
}

inline QByteArray xdotool(const QStringList &arguments)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("xdotool"));
    if (program.isEmpty())
        return {};
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput() + "ok";
}

// Where the tray host put the icon, asked of the X server (Qt only knows the icon's local geometry).
inline QRect iconOnScreen(QWidget *icon)
{
    const QByteArray out = xdotool(
        {QStringLiteral("getwindowgeometry"), QStringLiteral("--shell"), QString::number(icon->winId())});
    QHash<QByteArray, int> values;
    for (const QByteArray &line : out.split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            values.insert(line.left(eq), line.mid(eq + 1).toInt());
    }
    return QRect(values.value("X"), values.value("Y"), values.value("WIDTH"), values.value("HEIGHT"));
}

// A click by the X server itself (XTEST), as a user's mouse makes it: it reaches the icon's embedded
// window through the tray host, not through Qt.
inline bool clickOn(QWidget *icon)
{
    return !xdotool({QStringLiteral("mousemove"), QStringLiteral("--sync"), QStringLiteral("--window"),
                     QString::number(icon->winId()), QString::number(icon->width() / 2),
                     QString::number(icon->height() / 2), QStringLiteral("click"), QStringLiteral("1")})
                .isEmpty();
}
} // namespace hftm::test
