#pragma once

#include <QByteArrayView>

namespace hftm::JsonPeek {

// What topLevelMember() can say about a document.
enum class Peek {
    Found,  // the member is there, its raw JSON text in *value; the rest of the document is valid JSON
    Absent, // the document is a valid JSON object without that member
    Unsure, // anything it does not vouch for (invalid JSON, or valid but unusual: a byte-order mark,
            // an escape in a top-level key, a repeated key, deep nesting, an exponent, a non-character)
};

// Finds one member of a JSON document's top-level object without building the rest, checking every byte
// on the way: reading the settings from tokens.json before the window's first frame must not cost a
// parse of every token's record. It is stricter than QJsonDocument, never looser: on Unsure the caller
// parses the whole document, so a file QJsonDocument refuses is never read here as if it were fine.
Peek topLevelMember(QByteArrayView json, QByteArrayView key, QByteArrayView *value);

} // namespace hftm::JsonPeek
