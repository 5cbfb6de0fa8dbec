#include "cli/CliApp.h"
#include "core/ProcessHardening.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // Before anything else: the secret may be read a few lines later.
    hftm::ProcessHardening::apply();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hftoken"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HFTM_VERSION));
    hftm::cli::CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
