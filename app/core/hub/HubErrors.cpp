#include "core/hub/HubErrors.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace hftm {

QByteArray HubResponse::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

namespace HubErrors {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::HubErrors", text);
}

void addUnique(QStringList &list, const QString &text)
{
    const QString clean = sanitize(text).trimmed();
    if (!clean.isEmpty() && !list.contains(clean))
        list.append(clean);
}

// The first maxChars characters of text, without the word the cut falls in: a cut never leaves a piece
// of a token (or of anything else) that redact() could no longer recognise.
QString cutAtWord(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype end = maxChars;
    if (!text.at(end).isSpace()) {
        while (end > 0 && !text.at(end - 1).isSpace())
            --end;
    }
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    return text.left(end);
}

QStringList bodyMessages(const QByteArray &body)
{
    QStringList messages;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        const QJsonValue error = object.value(QStringLiteral("error"));
        const QString description = object.value(QStringLiteral("error_description")).toString();
        if (error.isString() && !description.isEmpty())
            messages.append(error.toString() + QStringLiteral(": ") + description); // OAuth style
        else if (error.isString())
            messages.append(error.toString());
        const QJsonArray errorList = error.toArray();
        for (const QJsonValue &item : errorList)
            messages.append(item.toString());
        const QJsonArray errors = object.value(QStringLiteral("errors")).toArray();
        for (const QJsonValue &item : errors)
            messages.append(item.toObject().value(QStringLiteral("message")).toString());
        return messages;
    }
    if (!doc.isNull())
        return messages;
    // The body is already capped by the client; decode it whole and cut at a word, never inside one.
    const QString text = cutAtWord(QString::fromUtf8(body).trimmed(), 2000);
    const bool looksHtml = text.startsWith(QLatin1Char('<'));
    if (!text.isEmpty() && !looksHtml)
        messages.append(text);
    return messages;
}

} // namespace

QString sanitize(const QString &text, int maxChars)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\t'))
            out.append(QLatin1Char(' '));
        else if (c.isPrint())
            out.append(c);
    }
    // Cut only after filtering (removed characters must not let a token slip past the cut), and between
    // words: a token cut in half would no longer match redact() and its first half would survive.
    if (out.size() > maxChars)
        return cutAtWord(out, maxChars) + QChar(0x2026);
    return out;
}

QString requestId(const HubResponse &response)
{
    for (const char *name : {"X-Request-Id", "X-Amzn-Trace-Id", "X-Amz-Cf-Id"}) {
        const QByteArray value = response.header(name);
        if (!value.isEmpty())
            return sanitize(QString::fromLatin1(value), 100);
    }
    return {};
}

QString errorCode(const HubResponse &response)
{
    return sanitize(QString::fromLatin1(response.header("X-Error-Code")), 100);
}

QString hubMessage(const HubResponse &response)
{
    QStringList parts;
    addUnique(parts, QString::fromUtf8(response.header("X-Error-Message")));
    const QStringList fromBody = bodyMessages(response.body);
    for (const QString &text : fromBody)
        addUnique(parts, text);
    QString message = parts.join(QLatin1Char('\n'));
    const QString id = requestId(response);
    if (!id.isEmpty())
        message += (message.isEmpty() ? QString() : QStringLiteral(" ")) + tr("(Request ID: %1)").arg(id);
    return message;
}

bool isInvalidCredentials(const HubResponse &response)
{
    if (response.httpStatus != 401)
        return false;
    const QLatin1String wording(InvalidCredentialsMessage);
    return QString::fromUtf8(response.header("X-Error-Message")).contains(wording, Qt::CaseInsensitive) ||
           bodyMessages(response.body).join(QLatin1Char('\n')).contains(wording, Qt::CaseInsensitive);
}

bool isExpiredMessage(const HubResponse &response)
{
    if (response.httpStatus != 401)
        return false;
    static const QRegularExpression expired(QStringLiteral("\\bexpired\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    return expired.match(QString::fromUtf8(response.header("X-Error-Message"))).hasMatch() ||
           expired.match(bodyMessages(response.body).join(QLatin1Char('\n'))).hasMatch();
}

int retryAfterSeconds(const HubResponse &response, const QDateTime &now)
{
    const QByteArray retryAfter = response.header("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const int seconds = retryAfter.toInt(&ok);
        if (ok && seconds >= 0)
            return seconds;
        // HTTP-date form, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
        // Qt's RFC 2822 parser wants a numeric zone; HTTP dates always say GMT.
        QString date = QString::fromLatin1(retryAfter);
        if (date.endsWith(QLatin1String(" GMT")) || date.endsWith(QLatin1String(" UTC")))
            date = date.chopped(4) + QLatin1String(" +0000");
        const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
        if (when.isValid())
            return int(qMax<qint64>(0, now.secsTo(when)));
    }
    // RateLimit: "api";r=0;t=55 (IETF draft used by the Hub): t = seconds until the window resets.
    static const QRegularExpression reset(QStringLiteral("(?:^|;)\\s*t=(\\d+)"));
    const auto match = reset.match(QString::fromLatin1(response.header("RateLimit")));
    if (match.hasMatch())
        return match.captured(1).toInt();
    return DefaultRetryAfterSeconds;
}

QString describeHubError(const HubResponse &response)
{
    if (!response.hasHttpStatus())
        return response.errorText;
    const QString message = hubMessage(response);
    if (message.isEmpty())
        return tr("The Hub answered with HTTP status %1.").arg(response.httpStatus);
    return tr("The Hub answered with HTTP status %1: %2").arg(response.httpStatus).arg(message);
}

QString redact(QString text, const QString &token)
{
    if (token.isEmpty())
        return text;
    const QString masked =
        token.size() < 12 ? QStringLiteral("****") : token.left(3) + QStringLiteral("****") + token.right(4);
    text.replace(token, masked);
    // A server that echoes part of a credential ("hf_AbCdEfGh…", or one split across lines) must not
    // hand that part to a log either: every run of RedactedPiece or more characters of the token goes.
    if (token.size() < RedactedPiece)
        return text;
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        qsizetype length = 0;
        while (i + length < text.size() && token.contains(QStringView(text).mid(i, length + 1)))
            ++length;
        if (length >= RedactedPiece) {
            out += QStringLiteral("****");
            i += length;
        } else {
            out += text.at(i);
            ++i;
        }
    }
    return out;
}

} // namespace HubErrors
} // namespace hftm
