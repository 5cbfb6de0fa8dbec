#pragma once

#include "core/files/HfPaths.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace hftm::test {

// A throw-away world for one test: its own HF_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME inside a
// temporary folder, exported to this process (for code that reads the environment) and available as a
// QProcessEnvironment for child processes. HOME and the D-Bus session are left as the launcher set them,
// so keyring tests keep their private keyring.
class ScratchEnvironment {
public:
    ScratchEnvironment();
    ~ScratchEnvironment();

    bool isValid() const { return m_dir.isValid(); }
    QString root() const { return m_dir.path(); }
    QString hfHome() const;
    QString configDir() const; // XDG_CONFIG_HOME/hf-token-manager/stores/<id of this HF_HOME>
    HfPaths paths() const;
    QProcessEnvironment environment() const { return m_env; }

    // Sets or unsets a variable both here and for children.
    void set(const QString &name, const QString &value);
    void unset(const QString &name);

    // Copies a fixture from tests/data (e.g. "files/stored_tokens") into HF_HOME with mode 0600.
    QString installFixture(const QString &fixture, const QString &asName = QString());
    // Writes bytes to HF_HOME/name with mode 0600.
    QString writeFile(const QString &name, const QByteArray &bytes);
    QByteArray readFile(const QString &name) const;

    static QByteArray fixture(const QString &relativePath); // bytes of tests/data/<relativePath>

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QStringList m_touched;
    QHash<QString, QByteArray> m_saved;
};

} // namespace hftm::test
