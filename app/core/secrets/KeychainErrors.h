#pragma once

#include "core/Result.h"

#include <QString>

namespace hftm::KeychainErrors {

// How the keychain backends word their failures, turned into the user-facing errors every backend
// shares, so QtKeychain and the Secret Service say the same thing for the same trouble.

// The way out that every "no keychain" message offers, so the user is never stuck.
QString fixHint();
// D-Bus's and GLib's own texts for a missing bus, a bus without org.freedesktop.secrets, a dead daemon.
bool looksUnreachable(const QString &text);
bool looksLocked(const QString &text);
// KeychainUnavailable: "<why> (the keychain said: <said>). <fixHint>"
Error unavailable(const QString &why, const QString &said);
Error timedOut(int timeoutMs);
Error emptyKey();

} // namespace hftm::KeychainErrors
