#include "MainWindow.h"

namespace hftm {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("HF Token Manager"));
    resize(1000, 600);
}

} // namespace hftm
