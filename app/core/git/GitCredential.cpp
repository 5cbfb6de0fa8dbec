#include "git/GitCredential.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>

namespace hftm {

namespace {

// huggingface_hub's constant; the Hub ignores it, but matching it lets both tools find each other's entry.
const char *const GitUsername = "hf_user";
constexpr qsizetype MaxQuotedStderr = 600;

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::GitCredential", text);
}

// git's credential protocol is line based with no escaping: a CR, LF or NUL in a value would let the
// caller append attributes (a later host= wins over url=). Any other C0/C1 control or a Unicode line
// separator has no business in a token or URL either, so refuse them all.
bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

// The password line's value, so git's messages can be scrubbed of it before they reach the user.
QByteArray passwordIn(const QByteArray &input)
{
    for (const QByteArray &line : input.split('\n')) {
        if (line.startsWith("password="))
            return line.mid(int(sizeof("password=") - 1));
    }
    return {};
}

QString sanitised(QByteArray output, const QByteArray &secret)
{
    if (!secret.isEmpty())
        output.replace(secret, QByteArrayLiteral("<redacted>"));
    QString text = QString::fromUtf8(output).trimmed();
    if (text.size() > MaxQuotedStderr)
        text = text.left(MaxQuotedStderr) + QStringLiteral("…");
    return text;
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

} // namespace

GitCredential::GitCredential(QString gitProgram, QProcessEnvironment environment, int timeoutMs)
    : m_git(std::move(gitProgram))
    , m_environment(std::move(environment))
    , m_timeoutMs(timeoutMs)
{
}

Result<QByteArray> GitCredential::run(const QStringList &arguments, const QByteArray &input) const
{
    const QByteArray secret = passwordIn(input);
    const QString command = QStringLiteral("git ") + arguments.join(QLatin1Char(' '));

    QProcessEnvironment environment = m_environment;
    // Never let git (or Git Credential Manager) ask on a terminal or pop up a window: a blocked child is
    // only a timeout to us, and a prompt from a background app would be confusing.
    // git and the third-party helpers it starts have no business with a token in the environment.
    environment.remove(QStringLiteral("HF_TOKEN"));
    environment.remove(QStringLiteral("HUGGING_FACE_HUB_TOKEN"));
    environment.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    environment.insert(QStringLiteral("GCM_INTERACTIVE"), QStringLiteral("never"));

    QProcess process;
    process.setProgram(m_git);
    process.setArguments(arguments); // an argument list, never a shell command line
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);

    const QDeadlineTimer deadline(m_timeoutMs);
    process.start(QIODevice::ReadWrite);
    if (!process.waitForStarted(int(qMax<qint64>(1, deadline.remainingTime())))) {
        return makeError(ErrorCode::Git,
                         tr("Could not run git (“%1”): %2. Install git or check that it is on PATH.")
                             .arg(m_git, process.errorString()));
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();

    if (!process.waitForFinished(int(qMax<qint64>(1, deadline.remainingTime())))) {
        process.kill();
        process.waitForFinished(2000);
        return makeError(
            ErrorCode::Git,
            tr("`%1` did not finish within %2 s and was stopped (a credential helper may be waiting "
               "for input or an unlock).")
                .arg(command, seconds(m_timeoutMs)));
    }
    const QByteArray output = process.readAllStandardOutput();
    const QByteArray errors = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit) {
        return makeError(ErrorCode::Git, tr("`%1` crashed: %2").arg(command, sanitised(errors, secret)));
    }
    if (process.exitCode() != 0) {
        const QString said = sanitised(errors, secret);
        return makeError(ErrorCode::Git, tr("`%1` failed with exit code %2: %3")
                                             .arg(command, QString::number(process.exitCode()),
                                                  said.isEmpty() ? tr("git printed no message") : said));
    }
    return output;
}

Result<QStringList> GitCredential::configuredHelpers() const
{
    // `git config --list` works outside a repository too; inside one (our cwd) it includes local config,
    // which is what huggingface_hub counts.
    const Result<QByteArray> listed = run({QStringLiteral("config"), QStringLiteral("--list")}, {});
    if (!listed.ok())
        return listed.error();

    // huggingface_hub's GIT_CREDENTIAL_REGEX: the first word of a credential.helper value, made of word
    // characters, '-' and '/', followed by whitespace or the end of the line. So `!shell` helpers, Windows
    // paths with "C:", empty resets and URL-scoped credential.<url>.helper keys are not counted.
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*credential\.helper\s*=\s*([\w\-/]+)(\s|$))"),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption |
            QRegularExpression::UseUnicodePropertiesOption);
    QStringList helpers;
    const QString text = QString::fromUtf8(listed.value());
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QString helper = it.next().captured(1);
        if (!helpers.contains(helper))
            helpers.append(helper);
    }
    helpers.sort();
    return helpers;
}

Error GitCredential::approve(const QString &endpoint, const QString &token) const
{
    // Checked before git starts, and the messages never quote the values: a pasted token could be in them.
    if (token.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("There is no token to give to git."));
    if (hasControlCharacter(token)) {
        return makeError(
            ErrorCode::InvalidInput,
            tr("The token contains a line break or another control character, so it was not given "
               "to git (a line break could make git store it for another host)."));
    }
    if (endpoint.isEmpty() || hasControlCharacter(endpoint)) {
        return makeError(
            ErrorCode::InvalidInput,
            tr("The Hub address is empty or contains a line break or another control character, so "
               "nothing was given to git."));
    }
    const QByteArray input =
        "url=" + endpoint.toUtf8() + "\nusername=" + GitUsername + "\npassword=" + token.toUtf8() + "\n\n";
    const Result<QByteArray> done = run({QStringLiteral("credential"), QStringLiteral("approve")}, input);
    return done.error();
}

Error GitCredential::reject(const QString &endpoint) const
{
    if (endpoint.isEmpty() || hasControlCharacter(endpoint)) {
        return makeError(
            ErrorCode::InvalidInput,
            tr("The Hub address is empty or contains a line break or another control character, so "
               "nothing was given to git."));
    }
    const QByteArray input = "url=" + endpoint.toUtf8() + "\nusername=" + GitUsername + "\n\n";
    const Result<QByteArray> done = run({QStringLiteral("credential"), QStringLiteral("reject")}, input);
    return done.error();
}

} // namespace hftm
