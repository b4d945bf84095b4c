#pragma once

#include "core/Result.h"

#include <QString>

namespace counterpart {

// A member's card number: 12 digits, "TTTTT SSSSSS C" - a 5-digit terminal number (10000-99999, so it
// never starts with 0 and survives spreadsheets), a 6-digit per-terminal sequence, and a Damm check
// digit, which catches every single wrong digit and every swap of two neighbouring digits.
// Any till makes codes on its own: two tills never share a terminal number, so codes never collide.
// Shown in groups of four ("1234 5678 9012") so it can be read aloud.
class MemberCode
{
public:
    static constexpr int Length = 12;
    static constexpr int MinTerminal = 10000;
    static constexpr int MaxTerminal = 99999;
    static constexpr int MaxSequence = 999999;

    MemberCode() = default;
    static Result<MemberCode> make(int terminalNumber, int sequence);
    // Accepts the digits with spaces or dashes between them, full-width digits; checks length and
    // check digit.
    static Result<MemberCode> parse(const QString &text);
    static int dammCheckDigit(const QString &digits);

    bool isEmpty() const { return m_digits.isEmpty(); }
    const QString &digits() const { return m_digits; } // "123456789012"
    QString grouped() const;                           // "1234 5678 9012"
    int terminalNumber() const;

    friend bool operator==(const MemberCode &, const MemberCode &) = default;

private:
    explicit MemberCode(QString digits)
        : m_digits(std::move(digits))
    {}
    QString m_digits;
};

// What a member QR code carries. Version 1 is "CP1:" followed by the 12 code digits. Later versions
// (e.g. signed codes "CP2:<code>.<signature>") are added beside it; old cards keep working.
struct MemberQrPayload {
    static constexpr int CurrentVersion = 1;
    int version = CurrentVersion;
    MemberCode code;

    QString encode() const;
    // Accepts "CP1:<code>" and, as a convenience for printed cards and manual entry, a bare valid code.
    static Result<MemberQrPayload> decode(const QString &payload);
};

} // namespace counterpart
