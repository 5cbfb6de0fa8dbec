#pragma once

#include <QMetaType>
#include <QString>

namespace hftm {

// A Hub token role, parsed once from the Hub's word where a WhoamiInfo is parsed or loaded, so nothing
// else compares role strings. The Hub's spelling stays next to it (WhoamiInfo::role): it is what the
// metadata file keeps, byte for byte, and the only name an unknown role has.
enum class TokenRole {
    Unknown, // no role known, or one this version does not know (shown as the Hub spells it)
    Read,
    Write,
    FineGrained,
};

// "read", "write", "fineGrained" -> Read, Write, FineGrained; anything else (or nothing) -> Unknown.
TokenRole parseTokenRole(const QString &hubRole);
// How people say it: "read", "write", "fine-grained"; an unknown role as the Hub spells it (may be empty).
QString tokenRoleText(TokenRole role, const QString &hubRole);

} // namespace hftm

Q_DECLARE_METATYPE(hftm::TokenRole)
