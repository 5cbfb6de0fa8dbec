#pragma once

#include <QString>

#include <optional>

namespace hftm {

// A Hub repository named by type and "owner/name", parsed from what people paste (ids or web links).
struct RepoRef {
    enum Type { Model, Dataset, Space };

    Type type = Model;
    QString id;          // "owner/name"
    QString sourceHost;  // host of the pasted link (lower case), empty when an id was typed
    int sourcePort = -1; // explicit port of the pasted link, -1 when none

    // Accepts "owner/name", "models/…", "datasets/…", "spaces/…" and web links such as
    // https://huggingface.co/datasets/owner/name/tree/main?x#y on any host (a custom endpoint too).
    // Refuses anything else with a translated message in *error.
    static std::optional<RepoRef> parse(const QString &text, QString *error = nullptr);

    QString typePlural() const;                    // "models", "datasets", "spaces"
    QString apiPath() const;                       // "/api/models/owner/name"
    QString authCheckPath() const;                 // "/api/models/owner/name/auth-check"
    QString displayId() const;                     // "owner/name", "datasets/owner/name", "spaces/owner/name"
    QString webUrl(const QString &endpoint) const; // endpoint + "/" + displayId()

    // True when the link came from a host other than the endpoint's: the token must not be
    // sent anywhere on its behalf (hf.co counts as huggingface.co).
    bool isForeignTo(const QString &endpoint) const;

    friend bool operator==(const RepoRef &, const RepoRef &) = default;
};

} // namespace hftm
