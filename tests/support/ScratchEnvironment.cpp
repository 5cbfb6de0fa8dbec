#include "support/ScratchEnvironment.h"

#include "core/store/TokenStore.h"

#include <QDir>
#include <QFile>

namespace hftm::test {

namespace {
const char *const Variables[] = {"HF_HOME",     "HF_TOKEN_PATH",   "HF_TOKEN",      "HUGGING_FACE_HUB_TOKEN",
                                 "HF_ENDPOINT", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"};
}

ScratchEnvironment::ScratchEnvironment()
    : m_env(QProcessEnvironment::systemEnvironment())
{
    for (const char *name : Variables) {
        m_saved.insert(QString::fromLatin1(name), qgetenv(name));
        unset(QString::fromLatin1(name));
    }
    QDir root(m_dir.path());
    root.mkpath(QStringLiteral("hf"));
    root.mkpath(QStringLiteral("config"));
    root.mkpath(QStringLiteral("cache"));
    QFile::setPermissions(hfHome(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    set(QStringLiteral("HF_HOME"), hfHome());
    set(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));
    set(QStringLiteral("XDG_CACHE_HOME"), root.filePath(QStringLiteral("cache")));
}

ScratchEnvironment::~ScratchEnvironment()
{
    for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
        if (it.value().isNull())
            qunsetenv(it.key().toLatin1().constData());
        else
            qputenv(it.key().toLatin1().constData(), it.value());
    }
}

QString ScratchEnvironment::hfHome() const
{
    return m_dir.filePath(QStringLiteral("hf"));
}

QString ScratchEnvironment::configDir() const
{
    // This HF_HOME's own store folder, where the program keeps tokens.json for it.
    return TokenStore::Options::fromEnvironment(m_env).configDir;
}

HfPaths ScratchEnvironment::paths() const
{
    return HfPaths::fromEnvironment(m_env);
}

void ScratchEnvironment::set(const QString &name, const QString &value)
{
    m_env.insert(name, value);
    qputenv(name.toLatin1().constData(), value.toUtf8());
}

void ScratchEnvironment::unset(const QString &name)
{
    m_env.remove(name);
    qunsetenv(name.toLatin1().constData());
}

QByteArray ScratchEnvironment::fixture(const QString &relativePath)
{
    QFile file(QStringLiteral(HFTM_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relativePath));
    return file.readAll();
}

QString ScratchEnvironment::installFixture(const QString &fixturePath, const QString &asName)
{
    const QString name = asName.isEmpty() ? QFileInfo(fixturePath).fileName() : asName;
    return writeFile(name, fixture(fixturePath));
}

QString ScratchEnvironment::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(hfHome()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
    file.close();
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QByteArray ScratchEnvironment::readFile(const QString &name) const
{
    QFile file(QDir(hfHome()).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace hftm::test
