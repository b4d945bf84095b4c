#include "core/Money.h"

#include <QCoreApplication>
#include <QList>

#include <utility>

namespace counterpart {

namespace {

// ISO 4217 currencies whose minor unit is not 2 digits. Everything else has 2 (CNY, USD, EUR, GBP,
// HKD, TWD...). TWD is listed with 2 by ISO even though coins below 1 dollar are not in use.
struct MinorDigits {
    const char *code;
    int digits;
};
constexpr MinorDigits kMinorDigits[] = {
    {"BHD", 3}, {"BIF", 0}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"IQD", 3},
    {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"LYD", 3},
    {"OMR", 3}, {"PYG", 0}, {"RWF", 0}, {"TND", 3}, {"UGX", 0}, {"UYI", 0}, {"UYW", 4},
    {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
};

// The largest amount a person may type, in major units: far above any till purchase, far below
// anything that could overflow points arithmetic.
constexpr qint64 kMaxMajor = 100'000'000;

constexpr qint64 pow10(int n)
{
    qint64 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

// The symbol shown before the amount, or empty when the ISO code is written after it instead.
QString displaySymbol(const QString &currency)
{
    if (currency == QLatin1String("CNY") || currency == QLatin1String("JPY"))
        return QStringLiteral("\u00a5");
    if (currency == QLatin1String("USD"))
        return QStringLiteral("$");
    if (currency == QLatin1String("EUR"))
        return QStringLiteral("\u20ac");
    if (currency == QLatin1String("GBP"))
        return QStringLiteral("\u00a3");
    if (currency == QLatin1String("HKD"))
        return QStringLiteral("HK$");
    return {};
}

// Markers people type around an amount in `currency`, longest first so "HK$" wins over "$".
QList<QString> acceptedMarkers(const QString &currency)
{
    QList<QString> m{currency};
    if (currency == QLatin1String("CNY"))
        m << QStringLiteral("RMB") << QStringLiteral("\u00a5") << QStringLiteral("\u5143"); // ¥ 元
    else if (currency == QLatin1String("JPY"))
        m << QStringLiteral("\u00a5") << QStringLiteral("\u5186"); // ¥ 円
    else if (currency == QLatin1String("USD"))
        m << QStringLiteral("US$") << QStringLiteral("$");
    else if (currency == QLatin1String("HKD"))
        m << QStringLiteral("HK$") << QStringLiteral("$");
    else if (currency == QLatin1String("TWD"))
        m << QStringLiteral("NT$") << QStringLiteral("$");
    else if (currency == QLatin1String("EUR"))
        m << QStringLiteral("\u20ac");
    else if (currency == QLatin1String("GBP"))
        m << QStringLiteral("\u00a3");
    else if (currency == QLatin1String("KRW"))
        m << QStringLiteral("\u20a9");
    return m;
}

// Signs of other currencies: typing one of these is a mistake worth its own message.
bool startsOrEndsWithForeignSign(const QString &s)
{
    static const QString signs = QStringLiteral("$\u00a5\u20ac\u00a3\u20a9\u5143\u5186");
    return !s.isEmpty() && (signs.contains(s.front()) || signs.contains(s.back()));
}

// Full-width digits and punctuation from Chinese and Japanese input methods, and other Unicode digits,
// become their ASCII forms so the rest of the parser only deals with ASCII.
QString normalised(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.isDigit()) {
            out += QLatin1Char(static_cast<char>('0' + c.digitValue()));
            continue;
        }
        switch (c.unicode()) {
        case 0xFF0E: // ．
        case 0x3002: // 。 typed by mistake for the decimal point on Chinese keyboards
            out += QLatin1Char('.');
            break;
        case 0xFF0C: // ，
            out += QLatin1Char(',');
            break;
        case 0xFF04: // ＄
            out += QLatin1Char('$');
            break;
        case 0xFFE5: // ￥
            out += QChar(0x00A5);
            break;
        case 0xFFE1: // ￡
            out += QChar(0x00A3);
            break;
        case 0x2212: // − minus sign
        case 0xFF0D: // －
            out += QLatin1Char('-');
            break;
        default:
            out += c.isSpace() ? QLatin1Char(' ') : c;
        }
    }
    return out.trimmed();
}

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

bool allDigits(QStringView s)
{
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// "1,234,567": groups of three after a first group of one to three digits.
bool validGrouping(QStringView s)
{
    const auto groups = s.split(QLatin1Char(','));
    if (groups.front().isEmpty() || groups.front().size() > 3)
        return false;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        if (groups[i].size() != 3)
            return false;
    }
    return true;
}

} // namespace

int Money::minorDigits(const QString &currency)
{
    for (const auto &e : kMinorDigits) {
        if (currency == QLatin1String(e.code))
            return e.digits;
    }
    return 2;
}

namespace {

Error notAnAmount()
{
    return invalid(QCoreApplication::translate("Money", "That is not an amount. Type it like 12.34."));
}

Error negativeAmount()
{
    return invalid(QCoreApplication::translate("Money", "An amount cannot be negative."));
}

Error tooLarge(const QString &currency)
{
    return invalid(
        QCoreApplication::translate("Money", "Amounts above 100,000,000 %1 are not accepted.").arg(currency));
}

Error tooManyDecimals(const QString &currency, int digits)
{
    if (digits == 0)
        return invalid(QCoreApplication::translate("Money", "%1 amounts have no decimals.").arg(currency));
    return invalid(
        // Every currency with decimals has at least two, so no singular form is needed.
        QCoreApplication::translate("Money", "%1 amounts have at most %2 decimals.")
            .arg(currency)
            .arg(digits));
}

// The number in `s` (normalised, not empty): the currency's sign or code taken off either end. A sign
// may stand before or after the currency sign ("-¥12", "¥-12"); either way it is negative.
Result<QString> withoutCurrency(QString s, const QString &currency)
{
    if (s.startsWith(QLatin1Char('-')) || (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')'))))
        return negativeAmount();
    const QList<QString> markers = acceptedMarkers(currency);
    for (const QString &marker : markers) {
        if (s.startsWith(marker, Qt::CaseInsensitive)) {
            s = s.mid(marker.size()).trimmed();
            break;
        }
    }
    for (const QString &marker : markers) {
        if (s.endsWith(marker, Qt::CaseInsensitive)) {
            s.chop(marker.size());
            s = s.trimmed();
            break;
        }
    }
    if (s.startsWith(QLatin1Char('-')))
        return negativeAmount();
    if (startsOrEndsWithForeignSign(s)) {
        return invalid(QCoreApplication::translate("Money",
                                                   "This amount has another currency's sign; this till "
                                                   "takes %1.")
                           .arg(currency));
    }
    if (s.isEmpty())
        return notAnAmount();
    return s;
}

// "1,234.5" as its whole digits (the grouping checked and removed) and its fraction digits.
Result<std::pair<QString, QString>> amountDigits(const QString &s)
{
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    QStringView whole = dot < 0 ? QStringView(s) : QStringView(s).left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : QStringView(s).mid(dot + 1);
    if (whole.isEmpty() && fraction.isEmpty())
        return notAnAmount();
    if (!allDigits(fraction))
        return notAnAmount();
    QString wholeDigits;
    if (whole.contains(QLatin1Char(','))) {
        if (!validGrouping(whole))
            return notAnAmount();
        wholeDigits = whole.toString().remove(QLatin1Char(','));
    } else {
        wholeDigits = whole.toString();
    }
    if (!allDigits(wholeDigits))
        return notAnAmount();
    return std::pair(wholeDigits, fraction.toString());
}

} // namespace

Result<Money> Money::parse(const QString &text, const QString &currency)
{
    const QString s = normalised(text);
    if (s.isEmpty())
        return invalid(QCoreApplication::translate("Money", "Please enter an amount."));
    CP_TRY_ASSIGN(const QString number, withoutCurrency(s, currency));
    CP_TRY_ASSIGN(auto parts, amountDigits(number));
    auto &[wholeDigits, fraction] = parts;
    const int digits = minorDigits(currency);
    if (fraction.size() > digits)
        return tooManyDecimals(currency, digits);

    // Leading zeros are harmless; counting the rest bounds the value before converting, so nothing
    // can overflow however many digits were pasted.
    while (wholeDigits.size() > 1 && wholeDigits.front() == QLatin1Char('0'))
        wholeDigits.remove(0, 1);
    if (wholeDigits.size() > 9)
        return tooLarge(currency);
    const qint64 major = wholeDigits.isEmpty() ? 0 : wholeDigits.toLongLong();
    const QString fractionDigits = fraction.leftJustified(digits, QLatin1Char('0'));
    const qint64 minorPart = fractionDigits.isEmpty() ? 0 : fractionDigits.toLongLong();
    if (major > kMaxMajor || (major == kMaxMajor && minorPart > 0))
        return tooLarge(currency);
    return Money(major * pow10(digits) + minorPart, currency);
}

QString Money::toPlainString() const
{
    const int digits = minorDigits(m_currency);
    // The magnitude as unsigned so that the most negative value does not overflow.
    const quint64 magnitude = m_minor < 0 ? 0 - static_cast<quint64>(m_minor) : static_cast<quint64>(m_minor);
    const quint64 scale = static_cast<quint64>(pow10(digits));
    QString out = m_minor < 0 ? QStringLiteral("-") : QString();
    out += QString::number(magnitude / scale);
    if (digits > 0)
        out += QLatin1Char('.') + QString::number(magnitude % scale).rightJustified(digits, QLatin1Char('0'));
    return out;
}

namespace {
// "1234567.89" -> "1,234,567.89": thousands grouped with commas, as prices are written in China and in
// English (Money::parse reads them back).
QString groupThousands(const QString &plain)
{
    const qsizetype sign = plain.startsWith(QLatin1Char('-')) ? 1 : 0;
    qsizetype end = plain.indexOf(QLatin1Char('.'));
    if (end < 0)
        end = plain.size();
    QString out = plain;
    for (qsizetype at = end - 3; at > sign; at -= 3)
        out.insert(at, QLatin1Char(','));
    return out;
}
} // namespace

QString Money::toDisplayString() const
{
    const QString symbol = displaySymbol(m_currency);
    const QString grouped = groupThousands(toPlainString());
    if (symbol.isEmpty())
        return grouped + QLatin1Char(' ') + m_currency;
    if (m_minor < 0)
        return QLatin1Char('-') + symbol + grouped.mid(1);
    return symbol + grouped;
}

} // namespace counterpart
