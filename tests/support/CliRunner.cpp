#include "support/CliRunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
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

QByteArray CliRunner::keychainLookup(const QString &name, const QString &storedTokensPath)
{
    QStringList arguments{QStringLiteral("lookup"), QStringLiteral("application"),
                          QStringLiteral("hf-token-manager"), QStringLiteral("token"), name};
    if (!storedTokensPath.isEmpty())
        arguments << QStringLiteral("store") << storedTokensPath;
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), arguments);
    tool.closeWriteChannel();
    tool.waitForFinished(20000);
    return tool.readAllStandardOutput();
}

void CliRunner::keychainClear()
{
    // This program's items, and the ones earlier versions wrote through QtKeychain.
    for (const QStringList &attributes :
         {QStringList{QStringLiteral("application"), QStringLiteral("hf-token-manager")},
          QStringList{QStringLiteral("server"), QStringLiteral("hf-token-manager")}}) {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"), QStringList{QStringLiteral("clear")} + attributes);
        tool.closeWriteChannel();
        tool.waitForFinished(20000);
    }
}

void freshCliWorld(std::unique_ptr<ScratchEnvironment> &env, std::unique_ptr<CliRunner> &cli, CliFiles files)
{
    CliRunner::keychainClear();
    cli.reset(); // it refers to the old environment
    env = std::make_unique<ScratchEnvironment>();
    cli = std::make_unique<CliRunner>(*env);
    if (files == CliFiles::Fixtures) {
        env->installFixture(QStringLiteral("files/stored_tokens"));
        env->installFixture(QStringLiteral("files/token"));
    }
}

void useScratchGitConfig(ScratchEnvironment &env, const QString &credentialsFile)
{
    const QString path = QDir(env.root()).filePath(QStringLiteral("gitconfig"));
    QFile config(path);
    QVERIFY2(config.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    if (!credentialsFile.isEmpty())
        config.write("[credential]\n\thelper = store --file=" + credentialsFile.toUtf8() + "\n");
    config.close();
    env.set(QStringLiteral("GIT_CONFIG_GLOBAL"), path);
    env.set(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
}

} // namespace hftm::test
