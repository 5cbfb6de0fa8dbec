// The whoami-v2 parser and the Hub error interpretation, fed answers that echo the caller's token
// whole, in pieces, escaped or split: no message may carry the token or any 8-character piece of it.
#include "core/hub/HubErrors.h"
#include "core/hub/HubResponse.h"
#include "core/hub/RepoAccessResult.h"
#include "core/hub/ValidationResult.h"
#include "core/hub/WhoamiParser.h"
#include "FuzzCheck.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace hftm;

namespace {
constexpr int Statuses[] = {200, 200, 401, 401, 403, 404, 429, 500, 503, 302, 400, 0};
constexpr std::size_t TokenChars = 34;

// A token made of the input's bytes, in the alphabet the Hub uses for hf_ tokens.
QString tokenFrom(const std::uint8_t *data)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString token = QStringLiteral("hf_");
    for (std::size_t i = 0; i < TokenChars; ++i)
        token += QLatin1Char(alphabet[data[i] % (sizeof alphabet - 1)]);
    return token;
}

void requireNoPieceOf(const QString &token, const QString &text)
{
    constexpr int Piece = 8;
    for (int i = 0; i + Piece <= token.size(); ++i)
        HFTM_FUZZ_REQUIRE(!text.contains(QStringView(token).mid(i, Piece)));
}

// "$T" in the fuzzer's text stands for the whole token, "$P" for its first 12 characters, "$S" for
// the token split by a newline: the shapes a server that echoes credentials would use.
QByteArray withToken(QByteArray text, const QString &token)
{
    text.replace("$T", token.toLatin1());
    text.replace("$P", token.left(12).toLatin1());
    text.replace("$S", (token.left(17) + QLatin1Char('\n') + token.mid(17)).toLatin1());
    return text;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < TokenChars + 1)
        return 0;
    const QString token = tokenFrom(data);
    HubResponse response;
    response.httpStatus = Statuses[data[TokenChars] % std::size(Statuses)];
    if (response.httpStatus == 0) {
        response.error = TransportError::Network;
        response.errorText = QStringLiteral("Connection refused");
    }
    // Layout of the rest: X-Error-Message line, X-Request-Id line, X-Error-Code line, then the body.
    QByteArray rest = withToken(QByteArray(reinterpret_cast<const char *>(data) + TokenChars + 1,
                                           qsizetype(size - TokenChars - 1)),
                                token);
    const char *headers[] = {"X-Error-Message", "X-Request-Id", "X-Error-Code"};
    for (const char *name : headers) {
        const qsizetype end = rest.indexOf('\n');
        if (end < 0)
            break;
        response.headers.append({QByteArray(name), rest.left(end)});
        rest = rest.mid(end + 1);
    }
    response.body = rest;

    const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
    const ValidationResult result = interpretWhoami(response, now, token);
    requireNoPieceOf(token, result.message);
    requireNoPieceOf(token, HubErrors::redact(HubErrors::describeHubError(response), token));
    requireNoPieceOf(token, HubErrors::redact(HubErrors::hubMessage(response), token));
    HFTM_FUZZ_REQUIRE(HubErrors::retryAfterSeconds(response, now) >= 0);

    // A repo access answer is redacted the way the access checker does before it reaches anyone.
    const RepoRef repo{RepoRef::Model, QStringLiteral("acme-research/gated-llm-8b"), {}, -1};
    const RepoAccessResult access =
        interpretRepoAccess(repo, QStringLiteral("https://huggingface.co"), false, response, response, now);
    requireNoPieceOf(token, HubErrors::redact(access.explanation, token));
    requireNoPieceOf(token, HubErrors::redact(access.hubMessage, token));

    // The parser alone, on the raw body: it answers or refuses, and never reads past its input.
    (void)WhoamiParser::parse(response.body);
    return 0;
}
