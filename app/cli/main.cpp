#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hftoken"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HFTM_VERSION));
    hftm::cli::CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
