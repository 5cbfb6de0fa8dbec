#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace hftm {

// What went wrong, in a form the CLI maps to exit codes and the GUI to banners.
enum class ErrorCode {
    None,
    InvalidInput,        // pasted token or name refused before anything was touched
    NotFound,            // no token, section or entry by that name
    AlreadyExists,       // name or secret already stored
    FileUnparseable,     // stored_tokens could not be read; nothing was written
    FileUnsafe,          // symlink, not a regular file, wrong owner
    Io,                  // read/write/rename failed
    DiskFull,            // no space or quota left; the file was left as it was
    LockTimeout,         // another process held stored_tokens.lock too long
    KeychainUnavailable, // no Secret Service / locked / refused
    Keychain,            // keychain reachable but the operation failed
    Git,                 // git credential helper failed
    Network,             // Hub unreachable (never makes a token invalid)
    Hub,                 // the Hub answered with an error
};

// An error with a user-facing, already translated message. A default Error means success.
struct Error {
    ErrorCode code = ErrorCode::None;
    QString message;

    bool isError() const { return code != ErrorCode::None; }
    explicit operator bool() const { return isError(); }
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

// A value or an Error; small stand-in for std::expected, which C++20 lacks.
template <class T> class Result {
public:
    Result(T value)
        : m_data(std::move(value))
    {
    } // NOLINT(google-explicit-constructor)
    Result(Error error)
        : m_data(std::move(error))
    {
    } // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    const T &operator*() const { return std::get<T>(m_data); }

    Error error() const { return ok() ? Error{} : std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace hftm
