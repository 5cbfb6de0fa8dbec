// The stored_tokens reader and writer: whatever configparser accepts must survive our round trip
// unchanged in meaning, our own output must be a fixed point, and a refusal must name a real line.
#include "core/files/IniDocument.h"
#include "FuzzCheck.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using hftm::IniDocument;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    IniDocument::ParseError error;
    const std::optional<IniDocument> document = IniDocument::parse(input, &error);
    if (!document) {
        // Lines as Python's text mode counts them: \n, \r\n and a lone \r each end one.
        const int lines = int(input.count('\n') + input.count('\r') - input.count("\r\n")) + 1;
        HFTM_FUZZ_REQUIRE(error.line >= 1 && error.line <= lines);
        HFTM_FUZZ_REQUIRE(!error.message.isEmpty());
        return 0;
    }
    const QByteArray written = document->serialize();
    const std::optional<IniDocument> reread = IniDocument::parse(written);
    HFTM_FUZZ_REQUIRE(reread.has_value());
    HFTM_FUZZ_REQUIRE(*reread == *document);
    HFTM_FUZZ_REQUIRE(reread->serialize() == written);
    return 0;
}
