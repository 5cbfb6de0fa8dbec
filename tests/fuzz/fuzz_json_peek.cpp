// JsonPeek, the settings-only reader of tokens.json, against Qt's JSON parser: whatever it vouches for
// (Found or Absent) Qt must read the same way, or a file Qt refuses would be read as fine before the
// first frame.
#include "core/store/JsonPeek.h"
#include "FuzzCheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

using namespace hftm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QByteArrayView value;
    const JsonPeek::Peek peek = JsonPeek::topLevelMember(json, "settings", &value);
    if (peek == JsonPeek::Peek::Unsure)
        return 0;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    HFTM_FUZZ_REQUIRE(error.error == QJsonParseError::NoError && document.isObject());
    const QJsonObject object = document.object();
    if (peek == JsonPeek::Peek::Absent) {
        HFTM_FUZZ_REQUIRE(!object.contains(QStringLiteral("settings")));
        return 0;
    }
    HFTM_FUZZ_REQUIRE(object.contains(QStringLiteral("settings")));
    // The raw text found must be the very value Qt reads for that member.
    const QJsonDocument member = QJsonDocument::fromJson("[" + value.toByteArray() + "]", &error);
    HFTM_FUZZ_REQUIRE(error.error == QJsonParseError::NoError);
    HFTM_FUZZ_REQUIRE(member.array().at(0) == object.value(QStringLiteral("settings")));
    return 0;
}
