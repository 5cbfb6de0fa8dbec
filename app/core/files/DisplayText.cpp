#include "core/files/DisplayText.h"

namespace hftm::DisplayText {

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

bool isBidiControl(char32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

bool isZeroWidth(char32_t c)
{
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff;
}

QString forTerminal(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (!isControl(c) && !isBidiControl(c) && !isZeroWidth(c))
            out.append(ch);
    }
    return out;
}

} // namespace hftm::DisplayText
