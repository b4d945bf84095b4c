#pragma once

// One escaping for every string that reaches a log line or a listing and may come from outside (an op
// kind, a terminal's name, a path): control characters, line and paragraph separators and bidi
// controls become visible escapes, so a value can never start a forged line or hide text.

#include <QString>
#include <QStringView>

namespace counterpart {

// "a\nb" -> "a\\nb", "\x1b[2J" -> "\\x1b[2J", U+2028 -> "\\u2028"; a backslash is doubled, so the
// escaped text maps back to exactly one input. At most maxChars input characters, then "…".
QString logText(QStringView text, qsizetype maxChars = 200);
inline QString logText(const QByteArray &utf8, qsizetype maxChars = 200)
{
    return logText(QString::fromUtf8(utf8), maxChars);
}

} // namespace counterpart
