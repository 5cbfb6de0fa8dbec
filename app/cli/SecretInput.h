#pragma once

#include "core/Result.h"

#include <QString>

namespace hftm::cli {

// Reads a token the way a password should be read: from standard input when it is a pipe, or from the
// terminal with echo off. Never from argv, so it cannot end up in `ps` or shell history.
class SecretInput {
public:
    static bool stdinIsTerminal();
    // Prompts on stderr when stdin is a terminal; bounded to 64 KiB when it is a pipe.
    static Result<QString> read(const QString &prompt);
};

} // namespace hftm::cli
