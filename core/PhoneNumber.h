#pragma once

#include "core/Result.h"

#include <QString>

namespace counterpart {

// A phone number normalised to E.164 with libphonenumber. The only way to get one is parse(), so a
// PhoneNumber in the program is always valid.
class PhoneNumber
{
public:
    PhoneNumber() = default;

    // Accepts every form a person types in the store's region (ISO 3166 alpha-2, e.g. "CN"): spaces,
    // dashes, dots, brackets, "+86" / "0086" / "86" prefixes, a national trunk prefix "0" where the
    // region has one, full-width digits. Errors say what is wrong in plain words.
    static Result<PhoneNumber> parse(const QString &input, const QString &region);

    // Rebuilds from a stored E.164 string without re-validating against a region.
    static PhoneNumber fromE164(const QString &e164);

    bool isEmpty() const { return m_e164.isEmpty(); }
    const QString &e164() const { return m_e164; } // "+8613800138000"
    QString lastFour() const { return m_e164.right(4); }
    // National format for the number's own country ("138 0013 8000"), international if it differs
    // from region ("+1 650-253-0000").
    QString formatted(const QString &region) const;
    // Everything but the last four digits hidden: "*** **** 8000".
    QString masked(const QString &region) const;
    // What a member is asked for to spend by card (docs/security.md, "Spending by card"): the four digits
    // before the last four of the national number ("138 1234 5678" gives "1234"). A national number of
    // fewer than eight digits has no four there: its first four are asked instead (askedDigitsAreFirst).
    // Empty when the number has fewer than four digits, or none.
    QString askedDigits() const;
    bool askedDigitsAreFirst() const;

    friend bool operator==(const PhoneNumber &, const PhoneNumber &) = default;

private:
    explicit PhoneNumber(QString e164)
        : m_e164(std::move(e164))
    {}
    QString m_e164;
};

} // namespace counterpart
