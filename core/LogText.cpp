#include "core/LogText.h"

namespace counterpart {

namespace {

// Characters that move the cursor, end a line or reorder text when a log is shown on a terminal or
// in a table.
bool needsEscape(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
           (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0xfeff;
}

void appendEscape(QString &out, char16_t c)
{
    switch (c) {
    case u'\n':
        out += QLatin1String("\\n");
        return;
    case u'\r':
        out += QLatin1String("\\r");
        return;
    case u'\t':
        out += QLatin1String("\\t");
        return;
    default:
        break;
    }
    if (c < 0x100)
        out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    else
        out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

} // namespace

QString logText(QStringView text, qsizetype maxChars)
{
    QString out;
    const qsizetype n = std::min(text.size(), maxChars);
    out.reserve(n + 8);
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\\')
            out += QLatin1String("\\\\");
        else if (needsEscape(c))
            appendEscape(out, c);
        else
            out += QChar(c);
    }
    if (text.size() > maxChars)
        out += QChar(0x2026);
    return out;
}

} // namespace counterpart
