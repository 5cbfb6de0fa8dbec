#include "SecretInput.h"

#include <QCoreApplication>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace hftm::cli {

namespace {
constexpr qsizetype MaxInput = 64 * 1024;

// Restores the terminal even when reading fails, so a failed prompt never leaves echo off.
class EchoOff {
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
        }
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

QByteArray readAll(bool singleLine)
{
    QByteArray bytes;
    char buffer[4096];
    while (bytes.size() <= MaxInput) {
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0)
            break;
        bytes.append(buffer, n);
        if (singleLine && bytes.contains('\n'))
            break;
    }
    return bytes;
}
} // namespace

bool SecretInput::stdinIsTerminal() { return isatty(STDIN_FILENO) == 1; }

Result<QString> SecretInput::read(const QString &prompt)
{
    QByteArray bytes;
    if (stdinIsTerminal()) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        {
            EchoOff echoOff;
            bytes = readAll(true);
        }
        std::fputs("\n", stderr);
        bytes = bytes.left(bytes.indexOf('\n') < 0 ? bytes.size() : bytes.indexOf('\n'));
    } else {
        bytes = readAll(false);
    }
    if (bytes.size() > MaxInput) {
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("hftm::cli", "The input is too long to be a token."));
    }
    return QString::fromUtf8(bytes);
}

} // namespace hftm::cli
