// Test helper, not a test: one launch of an app that uses SingleInstance. Prints "primary" when it became
// the running instance (then "show" for each request it receives), or "forwarded" and exits 0 when it
// handed over to a running one. Usage: single_instance_helper <socket path> [late]
// "late": connects to showRequested only when a line arrives on stdin, like a main() that is still
// building its window when a second launch knocks.
#include "ui/tray/SingleInstance.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    hftm::SingleInstance instance(QString::fromLocal8Bit(argv[1]));
    QTextStream out(stdout);
    if (instance.forwardToRunning()) {
        out << "forwarded\n";
        return 0;
    }
    if (!instance.listen()) {
        out << "failed " << instance.errorString() << "\n";
        return 1;
    }
    const auto connectShow = [&instance, &app, &out] {
        QObject::connect(&instance, &hftm::SingleInstance::showRequested, &app, [&out] {
            out << "show\n";
            out.flush();
        });
    };
    QSocketNotifier stdinReady(0, QSocketNotifier::Read);
    if (argc > 2 && qstrcmp(argv[2], "late") == 0) {
        QObject::connect(&stdinReady, &QSocketNotifier::activated, &app, [&stdinReady, connectShow] {
            stdinReady.setEnabled(false);
            connectShow();
        });
    } else {
        stdinReady.setEnabled(false);
        connectShow();
    }
    out << "primary " << instance.socketPath() << "\n";
    out.flush();
    return QCoreApplication::exec();
}
