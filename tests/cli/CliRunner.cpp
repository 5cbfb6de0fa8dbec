#include "CliRunner.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

namespace hftm::test {

CliRunner::CliRunner(ScratchEnvironment &env)
    : m_env(env)
{
}

QProcess *CliRunner::start(const QStringList &arguments, const QByteArray &stdinBytes, QObject *parent) const
{
    auto *process = new QProcess(parent);
    process->setProcessEnvironment(m_env.environment());
    process->start(QStringLiteral(HFTOKEN_BIN), arguments);
    process->write(stdinBytes);
    process->closeWriteChannel();
    return process;
}

CliRunner::Run CliRunner::run(const QStringList &arguments, const QByteArray &stdinBytes) const
{
    QProcess process;
    process.setProcessEnvironment(m_env.environment());
    process.start(QStringLiteral(HFTOKEN_BIN), arguments);
    process.write(stdinBytes);
    process.closeWriteChannel();
    // Spin the event loop rather than block: a fake Hub living in this process must keep answering.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        qWarning("hftoken %s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
    }
    Run result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    m_transcript += result.all();
    return result;
}

QByteArray CliRunner::keychainLookup(const QString &name)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("hf-token-manager"),
                QStringLiteral("user"), name});
    tool.closeWriteChannel();
    tool.waitForFinished(20000);
    return tool.readAllStandardOutput();
}

void CliRunner::keychainClear()
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("clear"), QStringLiteral("server"), QStringLiteral("hf-token-manager")});
    tool.closeWriteChannel();
    tool.waitForFinished(20000);
}

} // namespace hftm::test
