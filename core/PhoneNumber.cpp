#include "core/PhoneNumber.h"

#include <QCoreApplication>
#include <QLocale>

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>

namespace counterpart {

namespace {

namespace pn = i18n::phonenumbers;
using Util = pn::PhoneNumberUtil;

// National significant numbers are at most 17 digits (ITU-T E.164 allows 15 with the country code;
// libphonenumber allows a little more). Anything with more digits than this was not a phone number.
constexpr int kMaxDigits = 20;

const Util &util()
{
    // Parse errors are logged by the library with the input in them: phone numbers must never reach
    // a log, so the library gets a logger that drops everything.
    static const Util *const instance = [] {
        Util *u = Util::GetInstance();
        u->SetLogger(new pn::NullLogger());
        return u;
    }();
    return *instance;
}

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// What the person typed, reduced to ASCII digits, '+' and the separators libphonenumber knows.
struct Cleaned {
    QString text;
    int digits = 0;
    bool hasLetters = false;
    bool hasOther = false;
};

Cleaned clean(const QString &input)
{
    Cleaned c;
    c.text.reserve(input.size());
    for (const QChar ch : input) {
        if (ch.isDigit()) {
            // Full-width digits (Chinese and Japanese input methods) and other scripts' digits.
            c.text += QLatin1Char(static_cast<char>('0' + ch.digitValue()));
            ++c.digits;
        } else if (ch.isLetter()) {
            // libphonenumber would read letters as a keypad word ("1-800-FLOWERS"); at a till they
            // are a typing mistake, or an extension we cannot store in E.164.
            c.hasLetters = true;
        } else if (ch.isSpace()) {
            c.text += QLatin1Char(' ');
        } else if (ch == QLatin1Char('+') || ch.unicode() == 0xFF0B) {
            c.text += QLatin1Char('+');
        } else if (ch == QLatin1Char('(') || ch.unicode() == 0xFF08) {
            c.text += QLatin1Char('(');
        } else if (ch == QLatin1Char(')') || ch.unicode() == 0xFF09) {
            c.text += QLatin1Char(')');
        } else if (ch == QLatin1Char('.') || ch.unicode() == 0xFF0E) {
            c.text += QLatin1Char('.');
        } else if (ch == QLatin1Char('/') || ch.unicode() == 0xFF0F) {
            c.text += QLatin1Char('/');
        } else if (ch == QLatin1Char('-') || ch.category() == QChar::Punctuation_Dash ||
                   ch.unicode() == 0x2212) {
            c.text += QLatin1Char('-');
        } else {
            c.hasOther = true;
        }
    }
    return c;
}

bool isValid(const pn::PhoneNumber &n)
{
    return util().IsValidNumber(n);
}

int digitCount(quint64 n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

// libphonenumber only says "invalid" for a number of a possible length that matches no pattern
// (a Chinese mobile number with a digit missing is a possible fixed-line length). To tell the
// cashier which way it is wrong, see whether adding digits or dropping trailing ones would make
// a valid number.
bool validIfLonger(const pn::PhoneNumber &n)
{
    const quint64 national = n.national_number();
    const int have = digitCount(national);
    for (int extra = 1; have + extra <= 17; ++extra) {
        for (const quint64 fill : {0ULL, 1ULL, 5ULL, 8ULL}) {
            quint64 candidate = national;
            for (int i = 0; i < extra; ++i)
                candidate = candidate * 10 + fill;
            pn::PhoneNumber longer(n);
            longer.set_national_number(candidate);
            if (isValid(longer))
                return true;
        }
    }
    return false;
}

bool validIfShorter(const pn::PhoneNumber &n)
{
    quint64 national = n.national_number();
    while (national >= 100) {
        national /= 10;
        pn::PhoneNumber shorter(n);
        shorter.set_national_number(national);
        if (isValid(shorter))
            return true;
    }
    return false;
}

QString countryName(int countryCode)
{
    std::string region;
    util().GetRegionCodeForCountryCode(countryCode, &region);
    const QLocale::Territory territory = QLocale::codeToTerritory(QString::fromStdString(region));
    if (territory == QLocale::AnyTerritory)
        return QStringLiteral("+%1").arg(countryCode);
    return QStringLiteral("%1 (+%2)").arg(QLocale::territoryToString(territory)).arg(countryCode);
}

Error tooShort()
{
    return invalid(QCoreApplication::translate("PhoneNumber",
                                               "This phone number is too short. Check for a missing digit."));
}

Error tooLong()
{
    return invalid(QCoreApplication::translate("PhoneNumber",
                                               "This phone number is too long. Check for an extra digit."));
}

Error unknownCountryCode(const QString &cleanedText)
{
    // Name the code the person typed (not the number): the digits right after '+' or "00".
    QString digits;
    for (const QChar ch : cleanedText) {
        if (ch.isDigit())
            digits += ch;
    }
    if (digits.startsWith(QLatin1String("00")))
        digits = digits.mid(2);
    const QString code = digits.left(3);
    if (code.isEmpty()) {
        return invalid(
            QCoreApplication::translate("PhoneNumber", "This phone number has an unknown country code."));
    }
    return invalid(
        QCoreApplication::translate("PhoneNumber", "This phone number has an unknown country code (+%1...).")
            .arg(code));
}

Error notValidIn(int countryCode)
{
    return invalid(QCoreApplication::translate("PhoneNumber", "This is not a valid phone number in %1.")
                       .arg(countryName(countryCode)));
}

// Why a number that libphonenumber read (or could not read) is not acceptable, in plain words.
Error explain(Util::ErrorType parseError, const pn::PhoneNumber &n, const Cleaned &c,
              const std::string &region)
{
    switch (parseError) {
    case Util::INVALID_COUNTRY_CODE_ERROR:
        if (!c.text.contains(QLatin1Char('+')) && !util().GetCountryCodeForRegion(region)) {
            // Without a '+' the store's region decides the country; that region is misconfigured.
            return invalid(QCoreApplication::translate("PhoneNumber",
                                                       "The store's country (%1) is not known, so a number "
                                                       "without a country code cannot be read.")
                               .arg(QString::fromStdString(region)));
        }
        return unknownCountryCode(c.text);
    case Util::TOO_SHORT_AFTER_IDD:
    case Util::TOO_SHORT_NSN:
        return tooShort();
    case Util::TOO_LONG_NSN:
        return tooLong();
    case Util::NOT_A_NUMBER:
        if (c.digits < 3)
            return tooShort();
        return invalid(QCoreApplication::translate("PhoneNumber", "This is not a phone number."));
    case Util::NO_PARSING_ERROR:
        break;
    }
    switch (util().IsPossibleNumberWithReason(n)) {
    case Util::INVALID_COUNTRY_CODE:
        return unknownCountryCode(c.text);
    case Util::TOO_SHORT:
        return tooShort();
    case Util::IS_POSSIBLE_LOCAL_ONLY:
        // Long enough to dial within one area only: the area code is missing.
        return invalid(
            QCoreApplication::translate("PhoneNumber", "This phone number is too short. Add the area code."));
    case Util::TOO_LONG:
        return tooLong();
    default:
        break;
    }
    const bool longer = validIfLonger(n);
    const bool shorter = validIfShorter(n);
    if (longer && !shorter)
        return tooShort();
    if (shorter && !longer)
        return tooLong();
    return notValidIn(n.country_code());
}

// China's trunk prefix "0" is only dialled before area codes; people still type it before mobile
// numbers, and before "86". libphonenumber 8.12 copes with "0138..." itself, but not with "086...":
// drop a single leading 0 (never the "00" international prefix) when that makes a valid number.
bool parseWithoutTrunkZero(const QString &text, const std::string &region, pn::PhoneNumber *out)
{
    if (text.contains(QLatin1Char('+')))
        return false;
    qsizetype first = -1;
    qsizetype second = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isDigit()) {
            if (first < 0) {
                first = i;
            } else {
                second = i;
                break;
            }
        }
    }
    if (first < 0 || text[first] != QLatin1Char('0') || (second >= 0 && text[second] == QLatin1Char('0')))
        return false;
    QString stripped = text;
    stripped.remove(first, 1);
    pn::PhoneNumber n;
    if (util().Parse(stripped.toStdString(), region, &n) != Util::NO_PARSING_ERROR || !isValid(n))
        return false;
    *out = n;
    return true;
}

// The number without its country code, as dialled within the country ("13812345678"); empty when it
// cannot be read.
QString nationalNumber(const QString &e164)
{
    pn::PhoneNumber n;
    if (e164.isEmpty() || util().Parse(e164.toStdString(), "ZZ", &n) != Util::NO_PARSING_ERROR)
        return {};
    std::string out;
    util().GetNationalSignificantNumber(n, &out);
    return QString::fromStdString(out);
}

constexpr int kAskedDigits = 4;

QString format(const QString &e164, const QString &region)
{
    pn::PhoneNumber n;
    if (util().Parse(e164.toStdString(), "ZZ", &n) != Util::NO_PARSING_ERROR)
        return e164;
    const int regionCode = util().GetCountryCodeForRegion(region.trimmed().toUpper().toStdString());
    // Compared by calling code, not region: +44 numbers from Guernsey or +1 numbers from Canada
    // are dialled nationally from a GB or US store.
    const auto style = n.country_code() == regionCode ? Util::NATIONAL : Util::INTERNATIONAL;
    std::string out;
    util().Format(n, style, &out);
    return QString::fromStdString(out);
}

} // namespace

Result<PhoneNumber> PhoneNumber::parse(const QString &input, const QString &region)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return invalid(QCoreApplication::translate("PhoneNumber", "Please enter a phone number."));
    const Cleaned c = clean(trimmed);
    if (c.hasLetters) {
        return invalid(QCoreApplication::translate(
            "PhoneNumber", "A phone number has only digits, and this one contains letters."));
    }
    if (c.hasOther) {
        return invalid(QCoreApplication::translate(
            "PhoneNumber",
            "A phone number has only digits, spaces, dashes, dots, brackets and a leading +."));
    }
    if (c.digits == 0)
        return invalid(QCoreApplication::translate("PhoneNumber", "Please enter a phone number."));
    if (c.digits > kMaxDigits)
        return tooLong();

    const std::string regionCode = region.trimmed().toUpper().toStdString();
    pn::PhoneNumber number;
    const Util::ErrorType error = util().Parse(c.text.toStdString(), regionCode, &number);
    bool valid = error == Util::NO_PARSING_ERROR && isValid(number);
    if (!valid && regionCode == "CN")
        valid = parseWithoutTrunkZero(c.text, regionCode, &number);
    if (!valid)
        return explain(error, number, c, regionCode);

    std::string e164;
    util().Format(number, Util::E164, &e164);
    return PhoneNumber(QString::fromStdString(e164));
}

PhoneNumber PhoneNumber::fromE164(const QString &e164)
{
    return PhoneNumber(e164);
}

QString PhoneNumber::formatted(const QString &region) const
{
    if (isEmpty())
        return {};
    return format(m_e164, region);
}

QString PhoneNumber::masked(const QString &region) const
{
    QString out = formatted(region);
    int keep = 4;
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        if (!out[i].isDigit())
            continue;
        if (keep > 0)
            --keep;
        else
            out[i] = QLatin1Char('*');
    }
    return out;
}

QString PhoneNumber::askedDigits() const
{
    const QString national = nationalNumber(m_e164);
    if (national.size() < kAskedDigits)
        return {};
    if (askedDigitsAreFirst())
        return national.left(kAskedDigits);
    return national.mid(national.size() - 2 * kAskedDigits, kAskedDigits);
}

bool PhoneNumber::askedDigitsAreFirst() const
{
    return nationalNumber(m_e164).size() < 2 * kAskedDigits;
}

} // namespace counterpart
