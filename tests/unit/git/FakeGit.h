#pragma once

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace hftm::test {

// A stand-in `git`: a shell script in a temporary folder that records its argv (NUL-separated), stdin and
// the environment it was given (from /proc, so exactly what exec received), then prints canned output and
// exits as told. Knobs are files next to it so the environment under test stays untouched.
class FakeGit {
public:
    FakeGit()
    {
        const QByteArray script = "#!/bin/sh\n"
                                  "d=$(dirname \"$0\")\n"
                                  "printf '%s\\0' \"$@\" > \"$d/argv\"\n"
                                  "cat /proc/$$/environ > \"$d/environ\"\n"
                                  "[ -e \"$d/hang\" ] && exec sleep 600\n"
                                  "cat > \"$d/stdin\"\n"
                                  "[ -e \"$d/stdout\" ] && cat \"$d/stdout\"\n"
                                  "[ -e \"$d/stderr\" ] && cat \"$d/stderr\" >&2\n"
                                  "[ -e \"$d/echo-stdin-to-stderr\" ] && cat \"$d/stdin\" >&2\n"
                                  "exit $(cat \"$d/exit\" 2>/dev/null || echo 0)\n";
        write(QStringLiteral("git"), script);
        QFile::setPermissions(program(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    bool isValid() const { return m_dir.isValid(); }
    QString program() const { return m_dir.filePath(QStringLiteral("git")); }
    bool wasCalled() const { return QFile::exists(m_dir.filePath(QStringLiteral("argv"))); }

    QStringList argv() const
    {
        QStringList args;
        const QList<QByteArray> parts = read(QStringLiteral("argv")).split('\0');
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) // the last part is after the final NUL
            args.append(QString::fromUtf8(parts.at(i)));
        return args;
    }
    QByteArray stdinBytes() const { return read(QStringLiteral("stdin")); }
    QByteArray childEnvironment() const { return read(QStringLiteral("environ")); }
    QList<QByteArray> environmentEntries() const { return childEnvironment().split('\0'); }

    void setStdout(const QByteArray &bytes) { write(QStringLiteral("stdout"), bytes); }
    void setStderr(const QByteArray &bytes) { write(QStringLiteral("stderr"), bytes); }
    void setExitCode(int code) { write(QStringLiteral("exit"), QByteArray::number(code)); }
    void echoStdinToStderr() { write(QStringLiteral("echo-stdin-to-stderr"), {}); }
    void hang() { write(QStringLiteral("hang"), {}); }

private:
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(name));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(bytes);
    }
    QByteArray read(const QString &name) const
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
};

} // namespace hftm::test
