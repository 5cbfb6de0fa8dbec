// The floor for the start-up benchmark: a bare QMainWindow with an empty QTableView, linked against
// Qt Widgets only, shown and measured exactly like the app.
#include "bench/startup/FirstPaint.h"

#include <QApplication>
#include <QMainWindow>
#include <QTableView>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("bare"));
    window.setCentralWidget(new QTableView(&window));
    window.resize(1100, 640);
    new hftm::bench::FirstPaint(&window, sinceMain);
    window.show();
    return app.exec();
}
