// tokens.json, the non-secret metadata: whatever JSON is found there (an older or newer version, a
// hand edit) reads into settings and records without crashing, and what we write reads back the same.
#include "core/store/MetadataFile.h"
#include "FuzzCheck.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using hftm::MetadataFile;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!document.isObject())
        return 0;
    const QJsonObject written = MetadataFile::toJson(MetadataFile::fromJson(document.object()));
    const QJsonObject rewritten = MetadataFile::toJson(MetadataFile::fromJson(written));
    HFTM_FUZZ_REQUIRE(rewritten == written);
    return 0;
}
