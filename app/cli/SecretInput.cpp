#include "cli/SecretInput.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

namespace hftm::cli {

namespace {
constexpr qsizetype MaxInput = 64 * 1024;

// What the terminal looked like before echo was turned off; a signal handler may need it.
termios g_savedTerminal{};
volatile sig_atomic_t g_echoIsOff = 0;

// Ctrl-C at the hidden prompt must not leave the user's terminal without echo: restore it (tcsetattr is
// async-signal-safe), then die of the same signal as the program otherwise would.
extern "C" void restoreTerminalAndDie(int signal)
{
    if (g_echoIsOff)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

// Restores the terminal even when reading fails or is interrupted, so a prompt never leaves echo off.
class EchoOff {
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
            return;
        struct sigaction action {};
        action.sa_handler = restoreTerminalAndDie;
        sigemptyset(&action.sa_mask);
        for (int i = 0; i < SignalCount; ++i)
            sigaction(Signals[i], &action, &m_previous[i]);
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        g_echoIsOff = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
        m_installed = true;
    }
    ~EchoOff()
    {
        if (!m_installed)
            return;
        if (g_echoIsOff)
            tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
        g_echoIsOff = 0;
        for (int i = 0; i < SignalCount; ++i)
            sigaction(Signals[i], &m_previous[i], nullptr);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    static constexpr int SignalCount = 4;
    static constexpr int Signals[SignalCount] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction m_previous[SignalCount] {};
    bool m_installed = false;
};

// Overwrites bytes that held a secret before they are released (explicit_bzero cannot be optimised away).
void wipe(char *data, size_t size)
{
    if (size > 0)
        explicit_bzero(data, size);
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        wipe(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

QByteArray readAll(bool singleLine)
{
    QByteArray bytes;
    char buffer[4096];
    // Reserved once so appending never reallocates and leaves an unwiped copy of the secret behind.
    bytes.reserve(MaxInput + qsizetype(sizeof buffer) + 1);
    while (bytes.size() <= MaxInput) {
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0)
            break;
        bytes.append(buffer, n);
        if (singleLine && bytes.contains('\n'))
            break;
    }
    wipe(buffer, sizeof buffer);
    return bytes;
}
} // namespace

bool SecretInput::stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

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
        // Cut in place (left() would copy): what follows the line is wiped, not just dropped.
        const qsizetype end = bytes.indexOf('\n');
        if (end >= 0) {
            wipe(bytes.data() + end, size_t(bytes.size() - end));
            bytes.truncate(end);
        }
    } else {
        bytes = readAll(false);
    }
    if (bytes.size() > MaxInput) {
        wipe(bytes);
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("hftm::cli", "The input is too long to be a token."));
    }
    QString text = QString::fromUtf8(bytes);
    wipe(bytes); // the QString is the one copy left; the caller owns it
    return text;
}

} // namespace hftm::cli
