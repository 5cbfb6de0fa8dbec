#include "MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hf-token-manager"));
    QApplication::setApplicationDisplayName(QObject::tr("HF Token Manager"));
    QApplication::setApplicationVersion(QStringLiteral(HFTM_VERSION));
    hftm::MainWindow window;
    window.show();
    return app.exec();
}
