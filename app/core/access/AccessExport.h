#pragma once

#include <QByteArray>
#include <QString>

namespace hftm {

class AccessGrid;

// The grid as text for a team wiki or a spreadsheet, with the same state ids and explanations as
// `hftoken access --all --json`. Never contains a secret: the grid holds none.
namespace AccessExport {

// One line per repo × token (RFC 4180, CRLF, UTF-8): repo, token, state, label, http_status, error_code,
// explanation, hub_message, request_access_url, checked_at. Fields a spreadsheet would run as a formula
// (=, +, -, @ first) get a leading apostrophe.
QByteArray toCsv(const AccessGrid &grid);

// A table (rows repos, columns tokens, cells labelled) followed by one note per cell that is not
// readable: its explanation and, for gated repos, the link to request access.
QString toMarkdown(const AccessGrid &grid);

QString csvField(const QString &text);     // quoted when needed, formula-safe
QString markdownText(const QString &text); // Markdown/HTML specials and '|' escaped, one line

} // namespace AccessExport
} // namespace hftm
