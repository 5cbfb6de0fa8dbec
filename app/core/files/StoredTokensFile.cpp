#include "core/files/StoredTokensFile.h"

#include "core/files/SecretFile.h"
#include "core/files/StoredTokensLock.h"
#include "core/files/TokenText.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QThread>

#include <algorithm>

namespace hftm {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::StoredTokensFile)
};

// huggingface_hub treats an unparseable stored_tokens as empty and its next login rewrites it with one
// token, dropping all others: so we refuse to touch it and keep a copy the user can repair.
Result<IniDocument> parseOrRefuse(const QString &path, const QByteArray &bytes)
{
    IniDocument::ParseError problem;
    if (auto doc = IniDocument::parse(bytes, &problem))
        return std::move(*doc);

    const Result<QString> backup = SecretFile::keepBackup(path, bytes);
    const QString where = QDir::toNativeSeparators(path);
    QString message = Tr::tr("%1 cannot be read (line %2: %3). Nothing was changed.")
                          .arg(where, QString::number(problem.line), problem.message);
    if (backup)
        message += QLatin1Char(' ') + Tr::tr("A copy was kept at %1.").arg(QDir::toNativeSeparators(*backup));
    else
        message +=
            QLatin1Char(' ') + Tr::tr("A backup copy could not be made: %1").arg(backup.error().message);
    return makeError(ErrorCode::FileUnparseable, message);
}

// configparser gives every section the keys of [DEFAULT]: one holding hf_token, refresh_token or
// expires_at makes huggingface_hub see tokens (or OAuth data) this reader would not. Rather than guess,
// such a file is neither imported nor rewritten; other DEFAULT keys change nothing hf_hub reads.
Result<IniDocument> refuseInheritedTokenKeys(const QString &path, IniDocument doc)
{
    const IniSection *defaults = doc.defaults();
    if (!defaults)
        return doc;
    QStringList keys;
    for (const QString &key :
         {QStringLiteral("hf_token"), QStringLiteral("refresh_token"), QStringLiteral("expires_at")}) {
        if (defaults->value(key))
            keys << key;
    }
    if (keys.isEmpty())
        return doc;
    return makeError(ErrorCode::FileUnparseable,
                     Tr::tr("%1 has a [DEFAULT] section with %2. huggingface_hub copies those into every "
                            "token section, so it sees other tokens than this program would: nothing was "
                            "read from it or changed. Move the keys into the sections that need them, or "
                            "delete them from [DEFAULT].")
                         .arg(QDir::toNativeSeparators(path), keys.join(QStringLiteral(", "))));
}

// The sections this process last believed to be in each stored_tokens file. A later read that lacks
// one of them may be huggingface_hub half-way through a rewrite, so it is re-read before it is believed.
class KnownSections {
public:
    static QSet<QString> of(const QString &path)
    {
        const QMutexLocker locker(&mutex());
        return table().value(path);
    }
    static void remember(const QString &path, const IniDocument &doc)
    {
        const QStringList names = doc.sectionNames();
        const QMutexLocker locker(&mutex());
        table().insert(path, QSet<QString>(names.cbegin(), names.cend()));
    }

private:
    static QMutex &mutex()
    {
        static QMutex m;
        return m;
    }
    static QHash<QString, QSet<QString>> &table()
    {
        static QHash<QString, QSet<QString>> t;
        return t;
    }
};

enum class Shape {
    Complete,    // parses, holds every expected section, ends as a finished write ends
    Unfinished,  // parses and holds every expected section, but may be cut inside its last section
    Shrunk,      // parses, but an expected section is missing (or the file is empty)
    Unparseable, // possibly cut inside a header or a key
};

// huggingface_hub (configparser.write) follows every section with an empty line, so a finished file is
// empty or ends with a blank line; a file cut anywhere else may hold a truncated secret.
bool endsLikeAFinishedWrite(const QByteArray &bytes)
{
    return bytes.isEmpty() || bytes.endsWith("\n\n") || bytes.endsWith("\r\n\r\n") || bytes.endsWith("\r\r");
}

Shape judge(const QByteArray &bytes, const QSet<QString> &expected, std::optional<IniDocument> *doc)
{
    *doc = IniDocument::parse(bytes);
    if (!*doc)
        return Shape::Unparseable;
    for (const QString &name : expected) {
        if (!(*doc)->hasSection(name))
            return Shape::Shrunk;
    }
    return endsLikeAFinishedWrite(bytes) ? Shape::Complete : Shape::Unfinished;
}

bool sameSection(const IniSection *a, const IniSection *b)
{
    if (!a || !b)
        return a == b;
    if (a->entries.size() != b->entries.size())
        return false;
    return std::all_of(a->entries.cbegin(), a->entries.cend(),
                       [b](const IniSection::Entry &e) { return b->value(e.key) == e.value; });
}

// The sections a change added, removed or edited.
QStringList touchedSections(const IniDocument &before, const IniDocument &after)
{
    QStringList names = after.sectionNames();
    for (const QString &name : before.sectionNames()) {
        if (!after.hasSection(name))
            names << name;
    }
    names.removeIf(
        [&](const QString &name) { return sameSection(before.section(name), after.section(name)); });
    return names;
}

} // namespace

StoredTokensFile::StoredTokensFile(HfPaths paths, int lockTimeoutMs)
    : m_paths(std::move(paths))
    , m_lockTimeoutMs(lockTimeoutMs)
{
}

std::optional<Result<IniDocument>> StoredTokensFile::lookOnce(const QSet<QString> &expectedNames,
                                                              StableRead &state) const
{
    const QString &path = m_paths.storedTokensPath;
    const QSet<QString> expected = expectedNames + KnownSections::of(path);
    if (!state.started.isValid())
        state.started.start();
    // huggingface_hub never deletes the file in the middle of a write (logout deletes it on purpose).
    const QFileInfo info(path);
    const bool exists = info.exists() || info.isSymLink();
    const Result<QByteArray> bytes = SecretFile::read(path);
    if (!bytes)
        return Result<IniDocument>(bytes.error());
    std::optional<IniDocument> doc;
    const Shape shape = exists ? judge(*bytes, expected, &doc) : judge(QByteArray(), {}, &doc);
    if (!state.unchanged.isValid() || *bytes != state.bytes) {
        state.bytes = *bytes;
        state.unchanged.start();
    }
    const bool stable = state.unchanged.elapsed() >= StableMs;
    const bool settled = state.started.elapsed() >= SettleMs;
    // A cut inside the last section shows as Unfinished; a file that merely lacks the final blank
    // line (edited by hand) stays the same and is then believed.
    if (shape == Shape::Complete || (shape == Shape::Unfinished && stable) ||
        (shape == Shape::Shrunk && stable && settled)) {
        Result<IniDocument> checked = refuseInheritedTokenKeys(path, std::move(*doc));
        if (checked)
            KnownSections::remember(path, *checked);
        return checked;
    }
    if (shape == Shape::Unparseable && stable && settled)
        return parseOrRefuse(path, *bytes);
    if (state.started.elapsed() >= SettleMs + GiveUpExtraMs) {
        return Result<IniDocument>(makeError(
            ErrorCode::Io, Tr::tr("%1 kept changing while it was read: another program (such as "
                                  "`hf auth login`) is rewriting it. Nothing was changed; try again.")
                               .arg(QDir::toNativeSeparators(path))));
    }
    return std::nullopt;
}

Result<IniDocument> StoredTokensFile::loadStable(const QSet<QString> &expectedNames) const
{
    StableRead state;
    for (;;) {
        if (std::optional<Result<IniDocument>> read = lookOnce(expectedNames, state))
            return std::move(*read);
        QThread::msleep(PollMs);
    }
}

Result<IniDocument> StoredTokensFile::update(const std::function<Result<bool>(IniDocument &)> &change) const
{
    // The lock file lives next to stored_tokens, so the folder must exist before it can be taken.
    if (Error e = SecretFile::ensureFolder(QFileInfo(m_paths.storedTokensPath).absolutePath()))
        return e;
    Result<StoredTokensLock> lock = StoredTokensLock::acquire(m_paths.lockPath, m_lockTimeoutMs);
    if (!lock)
        return lock.error();

    // Whatever the caller loaded earlier may be stale: another writer may have changed the file since.
    Result<IniDocument> doc = load();
    if (!doc)
        return doc;
    const IniDocument before = *doc;
    const Result<bool> changed = change(doc.value());
    if (!changed)
        return changed.error();
    if (*changed) {
        if (Error e = writeConfirmed(before, doc.value()))
            return e;
    }
    return doc;
}

Error StoredTokensFile::writeConfirmed(const IniDocument &before, IniDocument &after) const
{
    const QString &path = m_paths.storedTokensPath;
    const QStringList touched = touchedSections(before, after);
    // A copy that lacks one of the sections we left alone is half-written, not an older whole file.
    QSet<QString> untouched;
    for (const QString &name : after.sectionNames()) {
        if (!touched.contains(name))
            untouched.insert(name);
    }
    constexpr int MaxWrites = 4;
    for (int attempt = 0; attempt < MaxWrites; ++attempt) {
        if (Error e = SecretFile::write(path, after.serialize()))
            return e;
        KnownSections::remember(path, after);
        // huggingface_hub reads, then opens with truncate a moment later: one that read the old file just
        // before our rename writes it back over ours within that moment. Watch the file for ConfirmMs and
        // look at every finished-looking copy seen then.
        std::optional<IniDocument> overwritten;
        std::optional<IniDocument> last;
        QElapsedTimer clock;
        clock.start();
        while (!overwritten && (clock.elapsed() < ConfirmMs || !last) && clock.elapsed() < SettleMs) {
            QThread::msleep(PollMs);
            const Result<QByteArray> bytes = SecretFile::read(path);
            if (!bytes)
                return bytes.error();
            std::optional<IniDocument> seen;
            if (judge(*bytes, untouched, &seen) != Shape::Complete)
                continue; // half-written by someone else: look again
            const bool kept = std::all_of(touched.cbegin(), touched.cend(), [&](const QString &name) {
                return sameSection(seen->section(name), after.section(name));
            });
            (kept ? last : overwritten) = std::move(seen);
        }
        if (!overwritten) {
            if (last) {
                after = std::move(*last);
                KnownSections::remember(path, after);
            }
            return {}; // our change stayed (or the file never settled, and what we wrote was complete)
        }
        // Someone wrote an older copy over ours: keep what they changed, and put our change back on top.
        IniDocument merged = std::move(*overwritten);
        for (const QString &name : touched) {
            if (const IniSection *ours = after.section(name))
                merged.ensureSection(name).entries = ours->entries;
            else
                merged.removeSection(name);
        }
        after = std::move(merged);
    }
    return makeError(ErrorCode::Io, Tr::tr("%1 is being rewritten by another program at the same time, and "
                                           "our change did not stay in it. Try again.")
                                        .arg(QDir::toNativeSeparators(path)));
}

QString StoredTokensFile::visibleName(const QString &name)
{
    QString shown;
    for (const char32_t c : name.toUcs4()) {
        const QChar::Category category = QChar::category(c);
        const bool hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || category == QChar::Other_Format ||
                            category == QChar::Separator_Line || category == QChar::Separator_Paragraph;
        if (!hidden)
            shown += QString::fromUcs4(&c, 1);
        else if (c <= 0xff)
            shown += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else
            shown += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    return shown;
}

QString StoredTokensFile::importRefusal(const QString &path, const QString &name, const IniSection &section)
{
    const QString secret = TokenText::clean(section.value(QStringLiteral("hf_token")).value_or(QString()));
    if (secret.isEmpty())
        return {};
    QString reason;
    if (const Error bad = TokenText::validateName(name))
        reason = bad.message;
    else if (const Result<QString> token = TokenText::validatePasted(secret); !token)
        reason = Tr::tr("Its hf_token value is not a usable token: %1").arg(token.error().message);
    if (reason.isEmpty())
        return {};
    return Tr::tr("The section [%1] in %2 was not imported. %3 It was left untouched in the file; rename or "
                  "remove it there if you want this program to manage it.")
        .arg(visibleName(name), QDir::toNativeSeparators(path), reason);
}

Result<QString> ActiveTokenFile::read(const QString &path)
{
    const Result<QByteArray> bytes = SecretFile::read(path);
    if (!bytes)
        return bytes.error();
    return TokenText::clean(QString::fromUtf8(*bytes));
}

Error ActiveTokenFile::write(const QString &path, const QString &secret)
{
    // huggingface_hub would read back a cleaned value; a secret that does not survive cleaning (or that
    // carries control characters) would silently become a different token.
    bool controls = false;
    for (const QChar ch : secret)
        controls = controls || ch.unicode() < 0x20 || ch.unicode() == 0x7f;
    if (secret.isEmpty() || controls || TokenText::clean(secret) != secret)
        return makeError(ErrorCode::InvalidInput,
                         Tr::tr("The token to save is empty or contains spaces or control characters."));
    // Under stored_tokens.lock, beside it as in HfPaths: a bind-mounted `token` is then written in place.
    return SecretFile::writeLocked(path, secret.toUtf8(),
                                   QFileInfo(path).dir().filePath(QStringLiteral("stored_tokens.lock")));
}

Error ActiveTokenFile::remove(const QString &path)
{
    return SecretFile::remove(path);
}

} // namespace hftm
