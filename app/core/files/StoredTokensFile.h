#pragma once

#include "IniDocument.h"
#include "Result.h"
#include "files/HfPaths.h"

#include <functional>

namespace hftm {

// huggingface_hub's stored_tokens file: read it, and change it under the lock after re-reading it.
class StoredTokensFile {
public:
    explicit StoredTokensFile(HfPaths paths, int lockTimeoutMs = 10000);

    // Missing file = empty document. Unparseable -> FileUnparseable naming the file and line (and a
    // backup copy is kept, see SecretFile::keepBackup).
    Result<IniDocument> load() const;

    // Takes the flock, re-reads, lets 'change' edit the document, writes atomically if it returned true.
    // An unparseable file is never written. Returns the document as written (or as read if unchanged).
    Result<IniDocument> update(const std::function<Result<bool>(IniDocument &)> &change) const;

    const HfPaths &paths() const { return m_paths; }

private:
    HfPaths m_paths;
    int m_lockTimeoutMs;
};

// huggingface_hub's active-token file: the raw token, no trailing newline.
class ActiveTokenFile {
public:
    // Cleaned like huggingface_hub: every CR and LF removed, then trimmed; empty = no token.
    static Result<QString> read(const QString &path);
    static Error write(const QString &path, const QString &secret);
    static Error remove(const QString &path);
};

} // namespace hftm
