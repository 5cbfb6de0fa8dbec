#pragma once

#include "core/Result.h"
#include "core/files/HfPaths.h"
#include "core/files/IniDocument.h"

#include <QElapsedTimer>
#include <QSet>

#include <optional>

#include <functional>

namespace hftm {

// huggingface_hub's stored_tokens file: read it, and change it under the lock after re-reading it.
class StoredTokensFile {
public:
    explicit StoredTokensFile(HfPaths paths, int lockTimeoutMs = 10000);

    // huggingface_hub truncates and rewrites the file in place without a lock, so a reader can see it
    // empty or cut short. A read that looks half-written is re-read every PollMs; a shrink is believed
    // (a real `hf auth logout`) once SettleMs have passed and the file stayed the same for StableMs; past
    // SettleMs + GiveUpExtraMs of constant change the read fails. After our own write the file is
    // watched for ConfirmMs.
    static constexpr int SettleMs = 1500;
    static constexpr int StableMs = 50;
    static constexpr int PollMs = 10;
    static constexpr int GiveUpExtraMs = 500;
    static constexpr int ConfirmMs = 100;

    // Missing file = empty document. A read that looks like a rewrite in progress is re-read (see
    // loadStable): sections missing against 'expectedNames' or against what this process last saw in
    // the file, an empty file where sections were expected, a file that does not end the way a finished
    // write ends, or one that does not parse. Sections go missing, or the file is declared unparseable,
    // only after SettleMs and once it stayed byte-identical for StableMs; if it keeps changing, an Io
    // error says so and nothing is changed. Unparseable -> FileUnparseable naming the file and line (and a
    // backup copy is kept, see SecretFile::keepBackup).
    Result<IniDocument> loadStable(const QSet<QString> &expectedNames) const;
    Result<IniDocument> load() const { return loadStable({}); }

    // What one read of a loadStable() has seen so far: when it started, and since when the bytes stayed.
    struct StableRead {
        QElapsedTimer started;
        QElapsedTimer unchanged;
        QByteArray bytes;
    };
    // One look of loadStable() without waiting: the document or error it would return, or nullopt when
    // the file looks half-written and should be looked at again in PollMs. Lets the window retry on a
    // timer with the same guarantees, where loadStable() would block its thread for up to SettleMs.
    std::optional<Result<IniDocument>> lookOnce(const QSet<QString> &expectedNames, StableRead &state) const;

    // Takes the flock, re-reads (loadStable), lets 'change' edit the document, writes atomically if it
    // returned true, then watches the file for ConfirmMs: a huggingface_hub that read the old file just
    // before our rename writes it back over ours, and the sections this change touched are then
    // written again on top of what it wrote.
    // An unparseable file is never written. Returns the document as written (or as read if unchanged).
    Result<IniDocument> update(const std::function<Result<bool>(IniDocument &)> &change) const;

    const HfPaths &paths() const { return m_paths; }

    // Why a section cannot be imported as a token, in words; empty when it can (or when it holds no
    // hf_token, so is no token at all). Names are checked like typed ones (TokenText::validateName) and
    // the hf_token value like a pasted one: configparser accepts "[work\0evil]", and a keychain that cuts
    // the name at the NUL would let it replace "work". Such a section stays in the file untouched, never
    // reaches the keychain and is never listed.
    static QString importRefusal(const QString &path, const QString &name, const IniSection &section);
    // The name with every control, format (bidi, zero-width) and separator character spelled out as
    // \xNN or \uNNNN, so a message shows it without letting it drive a terminal or reorder the line.
    static QString visibleName(const QString &name);

private:
    Error writeConfirmed(const IniDocument &before, IniDocument &after) const;

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
