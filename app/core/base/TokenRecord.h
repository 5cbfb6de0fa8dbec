#pragma once

#include "core/base/TokenRole.h"
#include "core/base/TokenStatus.h"
#include "core/base/WhoamiInfo.h"

#include <QDateTime>
#include <QFlags>
#include <QString>

#include <optional>

namespace hftm {

// Where a token's secret is kept.
enum class StorageLocation { Keychain = 0x1, StoredTokens = 0x2 };
Q_DECLARE_FLAGS(StorageLocations, StorageLocation)
Q_DECLARE_OPERATORS_FOR_FLAGS(StorageLocations)

// The last validation attempt and the last verdict the Hub gave.
struct TokenCheck {
    TokenStatus status = TokenStatus::Unchecked;  // last attempt (may be Unreachable / RateLimited)
    QDateTime checkedAt;                          // when that attempt finished
    QString message;                              // the Hub's or the network's words, for people
    TokenStatus verdict = TokenStatus::Unchecked; // last Valid / Expired / Invalid from the Hub
    QDateTime verdictAt;
    std::optional<WhoamiInfo> whoami; // from the last Valid answer
};

// Everything known about one stored token except its secret.
struct TokenRecord {
    QString name;
    QString masked;      // hf_****abcd
    QString fingerprint; // TokenText::fingerprint of the secret
    StorageLocations storage;
    bool missingFromFiles = false; // was in stored_tokens, someone removed it there; kept in keychain
    bool gitRegistered = false;    // we approved it with git credential helpers
    QString endpoint;              // per-token Hub endpoint; empty = the global one
    bool active = false;           // equals the token file (or env token) in force
    bool oauth = false;            // has refresh_token / expires_at in stored_tokens
    QDateTime oauthExpiresAt;      // stored_tokens expires_at
    TokenCheck check;

    // Known expiry: the Hub's expiresAt, else the OAuth expires_at; invalid = none known.
    QDateTime expires() const;
    QString user() const { return check.whoami ? check.whoami->user : QString(); }
    QString role() const { return check.whoami ? check.whoami->role : QString(); } // the Hub's spelling
    TokenRole roleKind() const { return check.whoami ? check.whoami->roleKind : TokenRole::Unknown; }
};

} // namespace hftm
