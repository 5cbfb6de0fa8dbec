#include "files/StoredTokensFile.h"

#include "files/SecretFile.h"
#include "files/StoredTokensLock.h"
#include "files/TokenText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

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

} // namespace

StoredTokensFile::StoredTokensFile(HfPaths paths, int lockTimeoutMs)
    : m_paths(std::move(paths))
    , m_lockTimeoutMs(lockTimeoutMs)
{
}

Result<IniDocument> StoredTokensFile::load() const
{
    const Result<QByteArray> bytes = SecretFile::read(m_paths.storedTokensPath);
    if (!bytes)
        return bytes.error();
    return parseOrRefuse(m_paths.storedTokensPath, *bytes);
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
    const Result<bool> changed = change(doc.value());
    if (!changed)
        return changed.error();
    if (*changed) {
        if (Error e = SecretFile::write(m_paths.storedTokensPath, doc->serialize()))
            return e;
    }
    return doc;
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
