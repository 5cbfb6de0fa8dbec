#include "core/hub/RepoRef.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace hftm {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::RepoRef", text);
}

// The Hub's own rule for one id segment (huggingface_hub validate_repo_id): letters, digits, '-',
// '_', '.'; no leading/trailing '-' or '.', no "--" or "..", at most 96 characters for the whole id.
bool isValidSegment(const QString &segment)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$"));
    return allowed.match(segment).hasMatch() && !segment.contains(QLatin1String("--")) &&
           !segment.contains(QLatin1String(".."));
}

std::optional<RepoRef::Type> typeFromPrefix(const QString &prefix)
{
    if (prefix == QLatin1String("models"))
        return RepoRef::Model;
    if (prefix == QLatin1String("datasets"))
        return RepoRef::Dataset;
    if (prefix == QLatin1String("spaces"))
        return RepoRef::Space;
    return std::nullopt;
}

QString canonicalHost(QString host)
{
    host = host.toLower();
    if (host == QLatin1String("hf.co") || host == QLatin1String("www.huggingface.co"))
        return QStringLiteral("huggingface.co");
    return host;
}

std::optional<RepoRef> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<RepoRef> RepoRef::parse(const QString &text, QString *error)
{
    QString input = text.trimmed();
    if (input.isEmpty())
        return fail(error, tr("No repository given."));
    for (const QChar c : input) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return fail(error, tr("A repository id cannot contain spaces or control characters."));
    }

    RepoRef ref;
    bool fromUrl = false;
    QString path = input;
    // Links without a scheme ("huggingface.co/org/name") are common when copied from an address bar.
    if (input.startsWith(QLatin1String("huggingface.co/")) || input.startsWith(QLatin1String("hf.co/")))
        input.prepend(QLatin1String("https://"));
    if (input.contains(QLatin1String("://"))) {
        const QUrl url(input, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            return fail(error, tr("This is not a web link to a repository."));
        ref.sourceHost = canonicalHost(url.host());
        ref.sourcePort = url.port();
        path = url.path(QUrl::FullyDecoded);
        fromUrl = true;
    }

    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (fromUrl && parts.value(0) == QLatin1String("api"))
        parts.removeFirst(); // an API link: /api/models/owner/name
    if (const auto type = typeFromPrefix(parts.value(0)); type && parts.size() >= 3) {
        ref.type = *type;
        parts.removeFirst();
    } else if (type && !fromUrl) {
        return fail(error, tr("Expected %1/owner/name.").arg(parts.value(0)));
    } else if (type) {
        return fail(error, tr("This link does not name a repository (owner/name)."));
    }
    if (parts.size() < 2)
        return fail(error, tr("Expected owner/name, for example \"openai-community/gpt2\"."));
    // Web links may go on with /tree/main, /blob/…, /resolve/…, /discussions…: the repo is the first two.
    if (parts.size() > 2 && !fromUrl)
        return fail(error, tr("Expected owner/name, not a longer path."));
    const QString owner = parts.at(0);
    const QString name = parts.at(1);
    // The Hub's own path words and host names are no account's name: "models/x" would read back as a
    // type prefix, "hf.co/x" as a link.
    if (typeFromPrefix(owner) || owner == QLatin1String("api") || owner == QLatin1String("hf.co") ||
        owner == QLatin1String("huggingface.co"))
        return fail(error, tr("\u201C%1\u201D is not an account name on the Hub: expected owner/name.").arg(owner));
    if (!isValidSegment(owner) || !isValidSegment(name) || owner.size() + name.size() + 1 > 96)
        return fail(error,
                    tr("\"%1/%2\" is not a valid repository id: use letters, digits, '-', '_' and '.'.")
                        .arg(owner, name));
    ref.id = owner + QLatin1Char('/') + name;
    return ref;
}

QString RepoRef::typePlural() const
{
    switch (type) {
    case Dataset:
        return QStringLiteral("datasets");
    case Space:
        return QStringLiteral("spaces");
    case Model:
        break;
    }
    return QStringLiteral("models");
}

QString RepoRef::apiPath() const
{
    return QLatin1String("/api/") + typePlural() + QLatin1Char('/') + id;
}

QString RepoRef::authCheckPath() const
{
    return apiPath() + QLatin1String("/auth-check");
}

QString RepoRef::displayId() const
{
    return type == Model ? id : typePlural() + QLatin1Char('/') + id;
}

QString RepoRef::webUrl(const QString &endpoint) const
{
    QString base = endpoint;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QLatin1Char('/') + displayId();
}

bool RepoRef::isForeignTo(const QString &endpoint) const
{
    if (sourceHost.isEmpty())
        return false;
    const QUrl url(endpoint);
    if (canonicalHost(url.host()) != sourceHost)
        return true;
    return sourcePort != -1 && sourcePort != url.port(url.scheme() == QLatin1String("http") ? 80 : 443);
}

} // namespace hftm
