#include "core/files/TokenText.h"

#include "core/files/DisplayText.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace hftm::TokenText {

namespace {

constexpr qsizetype MaxTokenLength = 512;
constexpr qsizetype MaxNameLength = 200;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(hftm::TokenText)
};

bool isControl(char16_t c)
{
    return DisplayText::isControl(c);
}

bool isLineBreak(char16_t c)
{
    return c == u'\r' || c == u'\n';
}

} // namespace

// The complete set behind Python 3.11's str.isspace(), which is also what its regex \s matches.
bool isPythonWhitespace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
           c == 0x3000;
}

QString pythonStrip(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPythonWhitespace(text.at(begin).unicode()))
        ++begin;
    while (end > begin && isPythonWhitespace(text.at(end - 1).unicode()))
        --end;
    return text.mid(begin, end - begin);
}

QString clean(const QString &raw)
{
    QString text = raw;
    text.remove(QLatin1Char('\r'));
    text.remove(QLatin1Char('\n'));
    return pythonStrip(text);
}

// Messages below describe the problem but never quote the input: it may be a real secret that the
// user pasted into the wrong field, and messages end up in logs and screenshots.
Result<QString> validatePasted(const QString &raw)
{
    const QString token = pythonStrip(raw);
    if (token.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         Tr::tr("The token is empty. Paste the token you copied from "
                                "your Hugging Face settings."));
    if (token.size() > MaxTokenLength)
        return makeError(ErrorCode::InvalidInput,
                         Tr::tr("The pasted text is too long to be a token (%1 characters; at most %2).")
                             .arg(token.size())
                             .arg(MaxTokenLength));
    for (const QChar ch : token) {
        if (isLineBreak(ch.unicode()))
            return makeError(ErrorCode::InvalidInput,
                             Tr::tr("The token contains a line break. Copy only the token itself."));
    }
    for (const QChar ch : token) {
        if (isControl(ch.unicode()))
            return makeError(
                ErrorCode::InvalidInput,
                Tr::tr("The token contains an invisible control character (such as a tab or NUL). "
                       "Copy it again from your Hugging Face settings."));
    }
    for (const QChar ch : token) {
        if (isPythonWhitespace(ch.unicode()) || ch.isSpace())
            return makeError(ErrorCode::InvalidInput,
                             Tr::tr("The token contains a space. Tokens are a single word; copy it again."));
    }
    for (const QChar ch : token) {
        if (ch.unicode() > 0x7e)
            return makeError(ErrorCode::InvalidInput,
                             Tr::tr("The token contains non-ASCII characters. Tokens only use plain letters, "
                                    "digits and underscores; copy it again."));
    }
    if (token.startsWith(QLatin1String("api_org")))
        return makeError(ErrorCode::InvalidInput,
                         Tr::tr("This is an organization token. Use a personal access token instead; "
                                "huggingface_hub refuses organization tokens."));
    return token;
}

bool looksLikeHfToken(const QString &token)
{
    if (token.size() <= 3 || !token.startsWith(QLatin1String("hf_")))
        return false;
    for (const QChar ch : token) {
        const char16_t u = ch.unicode();
        const bool ok =
            (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

Error validateName(const QString &name)
{
    if (name.isEmpty())
        return makeError(ErrorCode::InvalidInput, Tr::tr("The token name is empty."));
    if (name.size() > MaxNameLength)
        return makeError(ErrorCode::InvalidInput,
                         Tr::tr("The token name is too long (at most %1 characters).").arg(MaxNameLength));
    for (const QChar ch : name) {
        if (isControl(ch.unicode()))
            return makeError(ErrorCode::InvalidInput,
                             Tr::tr("The token name contains a line break or another control character."));
    }
    // A name is how a person tells tokens apart: nothing may reorder it or hide a difference.
    for (const QChar ch : name) {
        if (DisplayText::isBidiControl(ch.unicode()))
            return makeError(ErrorCode::InvalidInput,
                             Tr::tr("The token name contains an invisible character that reverses the "
                                    "direction of text (a bidirectional override); type the name again."));
        if (DisplayText::isZeroWidth(ch.unicode()))
            return makeError(
                ErrorCode::InvalidInput,
                Tr::tr("The token name contains an invisible zero-width character; type the name again."));
    }
    // configparser ends the header at the last ']' and old huggingface_hub versions interpolate '%'.
    if (name.contains(QLatin1Char('[')) || name.contains(QLatin1Char(']')) || name.contains(QLatin1Char('%')))
        return makeError(ErrorCode::InvalidInput, Tr::tr("The token name cannot contain '[', ']' or '%'."));
    if (pythonStrip(name) != name || name.trimmed() != name)
        return makeError(ErrorCode::InvalidInput, Tr::tr("The token name cannot start or end with a space."));
    // configparser reserves DEFAULT; other spellings are refused too so names never look alike.
    if (name.compare(QLatin1String("DEFAULT"), Qt::CaseInsensitive) == 0)
        return makeError(
            ErrorCode::InvalidInput,
            Tr::tr("\"DEFAULT\" is reserved by the stored_tokens file format; choose another name."));
    return {};
}

QString mask(const QString &token)
{
    if (token.size() < 8)
        return QStringLiteral("****");
    return token.left(3) + QStringLiteral("****") + token.right(4);
}

QString fingerprint(const QString &token)
{
    const QByteArray hash = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.toHex().left(16));
}

} // namespace hftm::TokenText
