#include "print/EscPos.h"

#include <QCoreApplication>
#include <QStringEncoder>

namespace counterpart::print {

namespace {

constexpr char ESC = 0x1B;
constexpr char GS = 0x1D;
constexpr char FS = 0x1C;

bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

QByteArray command(std::initializer_list<int> bytes)
{
    QByteArray out;
    for (int b : bytes)
        out.append(char(b));
    return out;
}

// The printer draws the QR code itself: store the data, then print it.
QByteArray qrCode(const QByteArray &data, int module)
{
    QByteArray out;
    out += command({GS, '(', 'k', 4, 0, 49, 65, 50, 0});                 // model 2
    out += command({GS, '(', 'k', 3, 0, 49, 67, qBound(1, module, 16)}); // module size
    out += command({GS, '(', 'k', 3, 0, 49, 69, 49});                    // error correction M
    const int length = int(data.size()) + 3;
    out += command({GS, '(', 'k', length & 0xFF, (length >> 8) & 0xFF, 49, 80, 48});
    out += data;
    out += command({GS, '(', 'k', 3, 0, 49, 81, 48}); // print
    return out;
}

// The yen sign as the full-width one: GBK printers (most sold in China) have only that.
QString printed(const QString &s)
{
    return QString(s).replace(QChar(0x00A5), QChar(0xFFE5));
}

// `text` in lines of at most `columns`: broken at spaces, and anywhere in a run of Chinese.
QStringList wrapped(const QString &text, int columns)
{
    QStringList lines;
    QString current;
    const auto fits = [&](const QString &s) { return printColumns(s) <= columns; };
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString joined = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
        if (fits(joined)) {
            current = joined;
            continue;
        }
        if (!current.isEmpty())
            lines.append(current);
        current.clear();
        for (const QChar ch : word) { // a word longer than the line: cut it
            if (!fits(current + ch)) {
                lines.append(current);
                current.clear();
            }
            current += ch;
        }
    }
    if (!current.isEmpty() || lines.isEmpty())
        lines.append(current);
    return lines;
}

} // namespace

int printColumns(const QString &text)
{
    int columns = 0;
    for (char32_t c : text.toUcs4())
        columns += isWide(c) ? 2 : 1;
    return columns;
}

Result<QByteArray> escPos(const Slip &slip, const EscPosOptions &options)
{
    QStringEncoder gb18030("GB18030");
    if (!gb18030.isValid())
        return makeError(ErrorCode::Internal,
                         QCoreApplication::translate("ReceiptSlip", "This build cannot write Chinese for a "
                                                                    "receipt printer (no GB18030)."));
    auto text = [&](const QString &s) { return QByteArray(gb18030.encode(printed(s))); };
    QByteArray out = command({ESC, '@'}) + command({FS, '&'}); // initialise; Chinese mode
    // The heading at double width and height: half the columns.
    out += command({ESC, 'a', 1}) + command({GS, '!', 0x11});
    for (const QString &l : wrapped(printed(slip.heading), options.columns / 2))
        out += text(l) + '\n';
    out += command({GS, '!', 0}) + command({ESC, 'E', 1});
    for (const QString &l : wrapped(printed(slip.title), options.columns))
        out += text(l) + '\n';
    out += command({ESC, 'E', 0});
    out += command({ESC, 'a', 0}) + QByteArray(options.columns, '-') + '\n';
    for (const SlipLine &line : slip.lines) {
        if (line.strong)
            out += command({ESC, 'E', 1});
        const QStringList label = wrapped(printed(line.label), options.columns);
        for (qsizetype i = 0; i + 1 < label.size(); ++i)
            out += text(label[i]) + '\n';
        const int gap = options.columns - printColumns(label.last()) - printColumns(printed(line.value));
        if (line.value.isEmpty())
            out += text(label.last()) + '\n';
        else if (gap >= 1)
            out += text(label.last()) + QByteArray(gap, ' ') + text(line.value) + '\n';
        else // no room beside the label: the value on the next line, right-aligned
            out += text(label.last()) + '\n' +
                   QByteArray(qMax(0, options.columns - printColumns(printed(line.value))), ' ') +
                   text(line.value) + '\n';
        if (line.strong)
            out += command({ESC, 'E', 0});
    }
    out += QByteArray(options.columns, '-') + '\n';
    if (!slip.qrPayload.isEmpty())
        out += command({ESC, 'a', 1}) + qrCode(slip.qrPayload.toUtf8(), options.qrModule) + '\n';
    if (!slip.footer.isEmpty()) {
        out += command({ESC, 'a', 1});
        for (const QString &l : wrapped(printed(slip.footer), options.columns))
            out += text(l) + '\n';
    }
    out += command({ESC, 'a', 0}) + command({ESC, 'd', 4});
    if (options.cut)
        out += command({GS, 'V', 66, 0});
    return out;
}

} // namespace counterpart::print
