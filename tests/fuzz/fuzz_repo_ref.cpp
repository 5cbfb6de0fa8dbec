// What people paste into the access view: ids and web links. A repo that parses names exactly one
// repo, the same one again when its own id or web link is pasted back.
#include "core/hub/RepoRef.h"
#include "FuzzCheck.h"

#include <QString>

#include <cstddef>
#include <cstdint>

using hftm::RepoRef;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<RepoRef> repo = RepoRef::parse(text, &error);
    if (!repo) {
        HFTM_FUZZ_REQUIRE(!error.isEmpty());
        return 0;
    }
    HFTM_FUZZ_REQUIRE(repo->id.count(QLatin1Char('/')) == 1);
    for (const QChar c : repo->id)
        HFTM_FUZZ_REQUIRE(c.isPrint() && !c.isSpace());
    HFTM_FUZZ_REQUIRE(repo->apiPath().startsWith(QLatin1String("/api/")));

    const std::optional<RepoRef> again = RepoRef::parse(repo->displayId());
    HFTM_FUZZ_REQUIRE(again && again->type == repo->type && again->id == repo->id);
    const QString endpoint = QStringLiteral("https://huggingface.co");
    const std::optional<RepoRef> fromLink = RepoRef::parse(repo->webUrl(endpoint));
    HFTM_FUZZ_REQUIRE(fromLink && fromLink->type == repo->type && fromLink->id == repo->id);
    HFTM_FUZZ_REQUIRE(!fromLink->isForeignTo(endpoint));
    return 0;
}
