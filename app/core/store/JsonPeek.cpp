#include "core/store/JsonPeek.h"

namespace hftm::JsonPeek {

namespace {

// Well inside QJsonDocument's own limit (1024): deeper documents are left to it.
constexpr int MaxDepth = 256;
// A sign, up to 15 digits and a point: every such number is one QJsonDocument reads; longer ones (and
// exponents, which can overflow) are left to it.
constexpr qsizetype MaxNumberLength = 17;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isSurrogateOrNonCharacter(char32_t code)
{
    return (code >= 0xD800 && code <= 0xDFFF) || (code >= 0xFDD0 && code <= 0xFDEF) ||
           (code & 0xFFFE) == 0xFFFE;
}

// RFC 8259 JSON, checked byte by byte and built into nothing. Every "false" means "not vouched for".
class Scanner {
public:
    explicit Scanner(QByteArrayView json)
        : m_at(json.data())
        , m_end(json.data() + json.size())
    {
    }

    const char *at() const { return m_at; }
    bool atEnd() const { return m_at == m_end; }
    bool next(char c) const { return m_at != m_end && *m_at == c; }
    bool take(char c)
    {
        if (!next(c))
            return false;
        ++m_at;
        return true;
    }

    void skipSpace()
    {
        while (m_at != m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }

    // At a quote: the whole string, its escapes and its UTF-8. *escaped tells whether it held an escape.
    bool string(bool *escaped)
    {
        *escaped = false;
        if (!take('"'))
            return false;
        while (m_at != m_end) {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c == '"') {
                ++m_at;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                *escaped = true;
                if (!escape())
                    return false;
            } else if (c < 0x80) {
                ++m_at;
            } else if (!utf8()) {
                return false;
            }
        }
        return false;
    }

    bool value(int depth)
    {
        skipSpace();
        if (atEnd())
            return false;
        bool escaped = false;
        switch (*m_at) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string(&escaped);
        case 't':
            return word("true");
        case 'f':
            return word("false");
        case 'n':
            return word("null");
        default:
            return number();
        }
    }

private:
    bool escape()
    {
        ++m_at; // the backslash
        if (atEnd())
            return false;
        switch (*m_at) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            ++m_at;
            return true;
        case 'u':
            break;
        default:
            return false;
        }
        ++m_at;
        if (m_end - m_at < 4)
            return false;
        char32_t code = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(m_at[i]);
            if (digit < 0)
                return false;
            code = code * 16 + char32_t(digit);
        }
        m_at += 4;
        // Surrogate pairs are valid JSON, but how a lone half is read is QJsonDocument's business.
        return !isSurrogateOrNonCharacter(code);
    }

    // One multi-byte UTF-8 character, shortest form, no surrogate, no non-character.
    bool utf8()
    {
        const auto lead = static_cast<unsigned char>(*m_at);
        int more = 0;
        char32_t code = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
            code = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            code = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            code = lead & 0x07;
        } else {
            return false;
        }
        if (m_end - m_at < more + 1)
            return false;
        for (int i = 1; i <= more; ++i) {
            const auto c = static_cast<unsigned char>(m_at[i]);
            if ((c & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (c & 0x3F);
        }
        if ((more == 2 && code < 0x800) || (more == 3 && (code < 0x10000 || code > 0x10FFFF)))
            return false;
        if (isSurrogateOrNonCharacter(code))
            return false;
        m_at += more + 1;
        return true;
    }

    bool word(const char *text)
    {
        for (; *text; ++text) {
            if (!take(*text))
                return false;
        }
        return true;
    }

    bool number()
    {
        const char *start = m_at;
        take('-');
        if (!take('0')) { // no leading zeros
            if (atEnd() || !isDigit(*m_at))
                return false;
            while (!atEnd() && isDigit(*m_at))
                ++m_at;
        }
        if (take('.')) {
            if (atEnd() || !isDigit(*m_at))
                return false;
            while (!atEnd() && isDigit(*m_at))
                ++m_at;
        }
        if (next('e') || next('E'))
            return false;
        return m_at - start <= MaxNumberLength;
    }

    bool object(int depth)
    {
        if (depth > MaxDepth || !take('{'))
            return false;
        skipSpace();
        if (take('}'))
            return true;
        for (;;) {
            skipSpace();
            bool escaped = false;
            if (!string(&escaped))
                return false;
            skipSpace();
            if (!take(':') || !value(depth))
                return false;
            skipSpace();
            if (take('}'))
                return true;
            if (!take(','))
                return false;
        }
    }

    bool array(int depth)
    {
        if (depth > MaxDepth || !take('['))
            return false;
        skipSpace();
        if (take(']'))
            return true;
        for (;;) {
            if (!value(depth))
                return false;
            skipSpace();
            if (take(']'))
                return true;
            if (!take(','))
                return false;
        }
    }

    const char *m_at;
    const char *m_end;
};

} // namespace

Peek topLevelMember(QByteArrayView json, QByteArrayView key, QByteArrayView *value)
{
    Scanner scan(json);
    scan.skipSpace(); // a byte-order mark is not space: left to QJsonDocument
    if (!scan.take('{'))
        return Peek::Unsure;
    bool found = false;
    scan.skipSpace();
    if (!scan.take('}')) {
        for (;;) {
            scan.skipSpace();
            const char *nameStart = scan.at() + 1;
            bool escaped = false;
            if (!scan.string(&escaped) || escaped) // a key is compared as written, so never one escaped
                return Peek::Unsure;
            const QByteArrayView name(nameStart, scan.at() - 1 - nameStart);
            scan.skipSpace();
            if (!scan.take(':'))
                return Peek::Unsure;
            scan.skipSpace();
            const char *valueStart = scan.at();
            if (!scan.value(1))
                return Peek::Unsure;
            if (name == key) {
                if (found) // which of two QJsonDocument keeps is its own business
                    return Peek::Unsure;
                found = true;
                *value = QByteArrayView(valueStart, scan.at() - valueStart);
            }
            scan.skipSpace();
            if (scan.take('}'))
                break;
            if (!scan.take(','))
                return Peek::Unsure;
        }
    }
    scan.skipSpace();
    if (!scan.atEnd())
        return Peek::Unsure;
    return found ? Peek::Found : Peek::Absent;
}

} // namespace hftm::JsonPeek
