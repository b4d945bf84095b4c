#include "core/MemberCode.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace counterpart {

namespace {

// The Damm quasigroup of order 10 (weakly totally anti-symmetric, zero diagonal): every single-digit
// error and every adjacent transposition changes the interim digit.
constexpr int kDamm[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

constexpr int kPayloadDigits = MemberCode::Length;

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// Digits as typed or scanned: full-width digits become ASCII, spaces and dashes between groups go.
// Returns false when something else is in the text.
bool normalise(const QString &text, QString *digits)
{
    digits->clear();
    for (const QChar c : text) {
        if (c.isDigit())
            *digits += QLatin1Char(static_cast<char>('0' + c.digitValue()));
        else if (c.isSpace() || c == QLatin1Char('-') || c.category() == QChar::Punctuation_Dash)
            continue;
        else
            return false;
    }
    return true;
}

} // namespace

int MemberCode::dammCheckDigit(const QString &digits)
{
    int interim = 0;
    for (const QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return -1;
        interim = kDamm[interim][c.unicode() - u'0'];
    }
    return interim;
}

Result<MemberCode> MemberCode::make(int terminalNumber, int sequence)
{
    if (terminalNumber < MinTerminal || terminalNumber > MaxTerminal) {
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("MemberCode", "The terminal number must be between %1 and %2.")
                .arg(MinTerminal)
                .arg(MaxTerminal));
    }
    if (sequence < 1) {
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("MemberCode", "A member code sequence starts at 1."));
    }
    if (sequence > MaxSequence) {
        // The till has handed out every code of its terminal number; it needs a new one.
        return makeError(ErrorCode::Refused,
                         QCoreApplication::translate("MemberCode",
                                                     "This till has used up its member codes. Ask for the "
                                                     "terminal to be enrolled again."),
                         QStringLiteral("member code sequence %1 out of range").arg(sequence));
    }
    const QString body = QStringLiteral("%1%2")
                             .arg(terminalNumber, 5, 10, QLatin1Char('0'))
                             .arg(sequence, 6, 10, QLatin1Char('0'));
    return MemberCode(body + QString::number(dammCheckDigit(body)));
}

Result<MemberCode> MemberCode::parse(const QString &text)
{
    QString digits;
    if (!normalise(text.trimmed(), &digits)) {
        return invalid(QCoreApplication::translate("MemberCode", "A member code has only digits."));
    }
    if (digits.isEmpty())
        return invalid(QCoreApplication::translate("MemberCode", "Please enter a member code."));
    if (digits.size() != Length) {
        return invalid(QCoreApplication::translate("MemberCode", "A member code has 12 digits; this has %n.",
                                                   nullptr, int(digits.size())));
    }
    if (dammCheckDigit(digits) != 0) {
        return invalid(
            QCoreApplication::translate("MemberCode", "That member code has a typing error (check digit)."));
    }
    // A code with a correct check digit that no till could have made (terminal 0xxxx, sequence 0):
    // most likely another kind of number that happens to have 12 digits.
    const int terminal = QStringView(digits).left(5).toInt();
    const int sequence = QStringView(digits).mid(5, 6).toInt();
    if (terminal < MinTerminal || sequence < 1)
        return invalid(QCoreApplication::translate("MemberCode", "That is not a member code."));
    return MemberCode(digits);
}

QString MemberCode::grouped() const
{
    QString out;
    for (qsizetype i = 0; i < m_digits.size(); i += 4) {
        if (i > 0)
            out += QLatin1Char(' ');
        out += QStringView(m_digits).mid(i, 4);
    }
    return out;
}

int MemberCode::terminalNumber() const
{
    if (m_digits.size() != Length)
        return 0;
    return QStringView(m_digits).left(5).toInt();
}

QString MemberQrPayload::encode() const
{
    return QStringLiteral("CP%1:").arg(version) + code.digits();
}

Result<MemberQrPayload> MemberQrPayload::decode(const QString &payload)
{
    // Scanners in keyboard-wedge mode add a trailing Enter or Tab.
    const QString text = payload.trimmed();
    static const QRegularExpression versioned(QStringLiteral("^CP(\\d{1,4}):(.*)$"),
                                              QRegularExpression::CaseInsensitiveOption |
                                                  QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = versioned.match(text);
    const auto notOurs = [] {
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("MemberQrPayload", "This code is not a Counterpart member card."));
    };
    if (m.hasMatch()) {
        const int version = m.capturedView(1).toInt();
        if (version > CurrentVersion) {
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("MemberQrPayload",
                                            "This member card is from a newer version of Counterpart. "
                                            "Update this till, or type the member's phone number."),
                QStringLiteral("QR payload version %1").arg(version));
        }
        if (version != 1)
            return notOurs();
        const QString body = m.captured(2);
        QString digits;
        if (!normalise(body, &digits) || digits.size() != kPayloadDigits)
            return notOurs();
        auto code = MemberCode::parse(digits);
        if (!code)
            return code.error();
        return MemberQrPayload{1, std::move(code).value()};
    }
    // A bare code, as printed under the QR code or typed by hand.
    QString digits;
    if (!normalise(text, &digits) || digits.isEmpty())
        return notOurs();
    auto code = MemberCode::parse(text);
    if (!code)
        return code.error();
    return MemberQrPayload{CurrentVersion, std::move(code).value()};
}

} // namespace counterpart
