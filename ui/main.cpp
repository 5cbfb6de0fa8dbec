#include <QApplication>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hf-token-manager"));
    QApplication::setApplicationVersion(QStringLiteral(HFTM_VERSION));
    QMainWindow window;
    window.setWindowTitle(QObject::tr("HF Token Manager"));
    window.show();
    return app.exec();
}
