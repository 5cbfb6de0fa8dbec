#pragma once

#include <QMainWindow>

namespace hftm {

// The token manager's main window.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace hftm
