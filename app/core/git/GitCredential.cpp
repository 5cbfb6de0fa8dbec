#include "core/git/GitCredential.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

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

Error checkEndpoint(const QString &endpoint)
{
    if (endpoint.isEmpty() || hasControlCharacter(endpoint)) {
        return makeError(
            ErrorCode::InvalidInput,
            tr("The Hub address is empty or contains a line break or another control character, so "
               "nothing was given to git."));
    }
    return {};
}

// `git config --null` output: records "key\nvalue" ended by NUL (a key without a value has no '\n').
QList<QPair<QString, QString>> configRecords(const QByteArray &output)
{
    QList<QPair<QString, QString>> records;
    for (const QByteArray &record : output.split('\0')) {
        if (record.isEmpty())
            continue;
        const qsizetype newline = record.indexOf('\n');
        if (newline < 0)
            records.append({QString::fromUtf8(record), QString()});
        else
            records.append(
                {QString::fromUtf8(record.left(newline)), QString::fromUtf8(record.mid(newline + 1))});
    }
    return records;
}

// The URL git matches credential.<url>.* against: scheme://hf_user@host[:port]/path, as git's
// credential_format() builds it before the path is dropped.
QString matchUrl(const QString &endpoint)
{
    QUrl url(endpoint);
    url.setUserName(QString::fromLatin1(GitUsername));
    return url.toString(QUrl::FullyEncoded);
}

QString trimmedPath(QString path)
{
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

// git's fallback for a pattern that is not a full URL ("huggingface.co", "hf_user@host/path"): each part
// the pattern names must equal the credential's, as credential_match() compares them.
bool partialPatternMatches(const QString &pattern, const QString &endpoint)
{
    const QUrl url(endpoint);
    const qsizetype slash = pattern.indexOf(QRegularExpression(QStringLiteral("[/?#]")));
    const QString authority = slash < 0 ? pattern : pattern.left(slash);
    const qsizetype at = authority.indexOf(QLatin1Char('@'));
    const QString host = at < 0 ? authority : authority.mid(at + 1);
    if (at >= 0 && authority.left(at).section(QLatin1Char(':'), 0, 0) != QLatin1String(GitUsername))
        return false;
    if (!host.isEmpty() && host != GitCredential::hostOf(endpoint))
        return false;
    const QString path = slash < 0 ? QString() : trimmedPath(pattern.mid(slash));
    return path.isEmpty() || path == trimmedPath(url.path());
}

// How people know a helper: the first word of its value, like huggingface_hub; a shell helper only as
// "!…", since its command line may hold anything (even a password).
QString helperName(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.startsWith(QLatin1Char('!')))
        return QStringLiteral("!…");
    return trimmed.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
}

} // namespace

GitCredential::GitCredential(QString gitProgram, QProcessEnvironment environment, int timeoutMs)
    : m_git(std::move(gitProgram))
    , m_environment(std::move(environment))
    , m_timeoutMs(timeoutMs)
{
}

Result<GitCredential::Outcome> GitCredential::execute(const QStringList &arguments, const QByteArray &input,
                                                      const QProcessEnvironment &extra) const
{
    const QByteArray secret = passwordIn(input);
    const QString command = QStringLiteral("git ") + arguments.join(QLatin1Char(' '));

    QProcessEnvironment environment = m_environment;
    // Never let git (or Git Credential Manager) ask on a terminal or pop up a window: a blocked child is
    // only a timeout to us, and a prompt from a background app would be confusing. An empty GIT_ASKPASS
    // stops git from falling back to core.askPass or a desktop SSH_ASKPASS dialog.
    // git and the third-party helpers it starts have no business with a token in the environment.
    environment.remove(QStringLiteral("HF_TOKEN"));
    environment.remove(QStringLiteral("HUGGING_FACE_HUB_TOKEN"));
    environment.remove(QStringLiteral("SSH_ASKPASS"));
    environment.insert(QStringLiteral("GIT_ASKPASS"), QString());
    environment.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    environment.insert(QStringLiteral("GCM_INTERACTIVE"), QStringLiteral("never"));
    environment.insert(extra);

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
    Outcome outcome;
    outcome.output = process.readAllStandardOutput();
    outcome.errors = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit) {
        return makeError(ErrorCode::Git,
                         tr("`%1` crashed: %2").arg(command, sanitised(outcome.errors, secret)));
    }
    outcome.exitCode = process.exitCode();
    return outcome;
}

Result<QByteArray> GitCredential::run(const QStringList &arguments, const QByteArray &input) const
{
    const Result<Outcome> done = execute(arguments, input);
    if (!done)
        return done.error();
    if (done->exitCode != 0) {
        const QString command = QStringLiteral("git ") + arguments.join(QLatin1Char(' '));
        const QString said = sanitised(done->errors, passwordIn(input));
        return makeError(ErrorCode::Git, tr("`%1` failed with exit code %2: %3")
                                             .arg(command, QString::number(done->exitCode),
                                                  said.isEmpty() ? tr("git printed no message") : said));
    }
    return done->output;
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
    if (const Error error = checkEndpoint(endpoint))
        return error;
    const QByteArray input =
        "url=" + endpoint.toUtf8() + "\nusername=" + GitUsername + "\npassword=" + token.toUtf8() + "\n\n";
    const Result<QByteArray> done = run({QStringLiteral("credential"), QStringLiteral("approve")}, input);
    return done.error();
}

Error GitCredential::reject(const QString &endpoint, const QString &password) const
{
    if (const Error error = checkEndpoint(endpoint))
        return error;
    if (hasControlCharacter(password))
        return makeError(ErrorCode::InvalidInput, tr("The stored password cannot be handed back to git."));
    QByteArray input = "url=" + endpoint.toUtf8() + "\nusername=" + GitUsername + "\n";
    if (!password.isEmpty())
        input += "password=" + password.toUtf8() + "\n";
    input += "\n";
    const Result<QByteArray> done = run({QStringLiteral("credential"), QStringLiteral("reject")}, input);
    input.fill('\0');
    return done.error();
}

QString GitCredential::hostOf(const QString &endpoint)
{
    const QUrl url(endpoint);
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

Result<QStringList> GitCredential::helpersFor(const QString &endpoint) const
{
    if (const Error error = checkEndpoint(endpoint))
        return error;
    // Every credential.helper and credential.<pattern>.helper, in the order git reads them (system,
    // global, local, command line). Exit code 1 means there is none.
    const Result<Outcome> listed =
        execute({QStringLiteral("config"), QStringLiteral("--null"), QStringLiteral("--get-regexp"),
                 QStringLiteral(R"(^credential\.(.+\.)?helper$)")},
                {});
    if (!listed)
        return listed.error();
    if (listed->exitCode == 1)
        return QStringList();
    if (listed->exitCode != 0) {
        return makeError(ErrorCode::Git,
                         tr("git could not read its configuration: %1").arg(sanitised(listed->errors, {})));
    }
    struct Entry {
        QString pattern; // empty: applies to every URL
        QString value;
    };
    QList<Entry> entries;
    for (const auto &[key, value] : configRecords(listed->output)) {
        // "credential.<pattern>.helper" -> <pattern>; "credential.helper" -> empty.
        const QString pattern =
            key == QLatin1String("credential.helper")
                ? QString()
                : key.mid(int(sizeof("credential.") - 1)).chopped(int(sizeof(".helper") - 1));
        entries.append({pattern, value});
    }

    // Which URL patterns match is git's own decision (globs, ports, paths, user names): each pattern gets
    // a probe key through GIT_CONFIG_COUNT (added after any the user set) and `git config --get-urlmatch`
    // says which probes apply. Patterns that are not full URLs go through git's partial-URL rule instead.
    QSet<QString> matching;
    QProcessEnvironment probes;
    const int base = m_environment.value(QStringLiteral("GIT_CONFIG_COUNT")).toInt();
    int count = 0;
    for (const Entry &entry : std::as_const(entries)) {
        if (entry.pattern.isEmpty())
            continue;
        if (!entry.pattern.contains(QLatin1String("://"))) {
            if (partialPatternMatches(entry.pattern, endpoint))
                matching.insert(entry.pattern);
            continue;
        }
        const int index = base + count;
        probes.insert(QStringLiteral("GIT_CONFIG_KEY_%1").arg(index),
                      QStringLiteral("credential.%1.hftmprobe%2").arg(entry.pattern).arg(count));
        probes.insert(QStringLiteral("GIT_CONFIG_VALUE_%1").arg(index), entry.pattern);
        ++count;
    }
    if (count > 0) {
        probes.insert(QStringLiteral("GIT_CONFIG_COUNT"), QString::number(base + count));
        const Result<Outcome> probed =
            execute({QStringLiteral("config"), QStringLiteral("--null"), QStringLiteral("--get-urlmatch"),
                     QStringLiteral("credential"), matchUrl(endpoint)},
                    {}, probes);
        if (!probed)
            return probed.error();
        if (probed->exitCode != 0 && probed->exitCode != 1) {
            return makeError(ErrorCode::Git, tr("git could not match its configuration to %1: %2")
                                                 .arg(hostOf(endpoint), sanitised(probed->errors, {})));
        }
        for (const auto &[key, value] : configRecords(probed->output)) {
            if (key.startsWith(QLatin1String("credential.hftmprobe")))
                matching.insert(value);
        }
    }

    // git's walk: every matching value in order, an empty one clearing the list so far.
    QStringList helpers;
    for (const Entry &entry : std::as_const(entries)) {
        if (!entry.pattern.isEmpty() && !matching.contains(entry.pattern))
            continue;
        if (entry.value.trimmed().isEmpty())
            helpers.clear();
        else
            helpers.append(helperName(entry.value));
    }
    helpers.removeDuplicates();
    return helpers;
}

Result<GitCredential::Held>
GitCredential::rejectIfHeld(const QString &endpoint,
                            const std::function<bool(const QString &password)> &isThisToken) const
{
    const Result<QStringList> helpers = helpersFor(endpoint);
    if (!helpers)
        return helpers.error();
    if (helpers->isEmpty())
        return Held::Nothing; // no helper to ask: `fill` could only prompt, and git keeps nothing here
    // credential.interactive=never is Git Credential Manager's switch; git itself ignores the key.
    const QByteArray input = "url=" + endpoint.toUtf8() + "\nusername=" + GitUsername + "\n\n";
    Result<Outcome> filled = execute({QStringLiteral("-c"), QStringLiteral("credential.interactive=never"),
                                      QStringLiteral("credential"), QStringLiteral("fill")},
                                     input);
    if (!filled)
        return filled.error();
    // With every prompt disabled, git dies (exit code 128) once no helper had a password: nothing is held.
    // Any other failure is a helper or git in trouble, and then nobody knows what git holds.
    if (filled->exitCode != 0 && filled->exitCode != 128) {
        return makeError(ErrorCode::Git,
                         tr("`git credential fill` failed with exit code %1: %2")
                             .arg(QString::number(filled->exitCode), sanitised(filled->errors, {})));
    }
    QString password;
    bool ours = false;
    if (filled->exitCode == 0) {
        for (const QByteArray &line : filled->output.split('\n')) {
            if (line.startsWith("password="))
                password = QString::fromUtf8(line.mid(int(sizeof("password=") - 1)));
            else if (line.startsWith("username="))
                ours = line == QByteArrayLiteral("username=") + GitUsername;
        }
    }
    filled.value().output.fill('\0');
    if (!ours || password.isEmpty())
        return Held::Nothing;
    if (!isThisToken(password)) {
        password.fill(QLatin1Char('\0'));
        return Held::OtherToken;
    }
    const Error error = reject(endpoint, password);
    password.fill(QLatin1Char('\0'));
    if (error)
        return error;
    return Held::ThisTokenRejected;
}

} // namespace hftm
