#pragma once

#include "core/Result.h"

#include <QString>

namespace hftm {

// Rules for text that is, or claims to be, a token or a token name.
namespace TokenText {

// huggingface_hub's cleaning of a token read from a file or env var: drop all CR/LF, trim.
QString clean(const QString &raw);

// Pasted input: trims surrounding whitespace; refuses inner whitespace, control characters, non-ASCII,
// empty or oversized (> 512 chars) input, and organization tokens (api_org...). Returns the token.
Result<QString> validatePasted(const QString &raw);

// True for the known shape ^hf_[A-Za-z0-9_]+$ (others are accepted with a warning by callers).
bool looksLikeHfToken(const QString &token);

// A token name usable as a configparser section: non-empty, no CR/LF/NUL or other control characters,
// no '[' or ']' or '%' (old huggingface_hub interpolates %), not DEFAULT (any case), no surrounding
// whitespace, at most 200 chars, and no bidi override/isolate or zero-width character (see DisplayText).
Error validateName(const QString &name);

// "hf_****abcd": first 3 + **** + last 4, as huggingface_hub masks; short input is fully masked.
QString mask(const QString &token);

// A short non-reversible fingerprint (hex) used to match secrets without reading the keychain.
QString fingerprint(const QString &token);

// Python's str.isspace() / regex \s for one code point, and str.strip(): the whitespace rules
// huggingface_hub and configparser apply (wider than QChar::isSpace, e.g. U+001C..U+001F).
bool isPythonWhitespace(char32_t c);
QString pythonStrip(const QString &text);

} // namespace TokenText
} // namespace hftm
