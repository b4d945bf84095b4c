#pragma once

#include "core/Result.h"

#include <QString>

namespace counterpart {

// An amount of money as an integer count of the currency's minor unit (fen, cents). Never a double.
class Money
{
public:
    Money() = default;
    Money(qint64 minor, QString currency)
        : m_minor(minor)
        , m_currency(std::move(currency))
    {}

    qint64 minor() const { return m_minor; }
    const QString &currency() const { return m_currency; }

    // Number of minor-unit digits of an ISO 4217 code (CNY 2, JPY 0, KWD 3...). Unknown codes: 2.
    static int minorDigits(const QString &currency);

    // Parses what a person types: "12.34", "12", "¥12.30", "1,234.50", full-width digits. Refuses more
    // decimals than the currency has, negative amounts, and amounts above 100,000,000 major units.
    static Result<Money> parse(const QString &text, const QString &currency);

    // "12.34" (no symbol, '.' decimal point) - for CSV, JSON and the CLI.
    QString toPlainString() const;
    // "¥1,234.56" / "$12.34" / "12.34 EUR", thousands grouped - for people.
    QString toDisplayString() const;

    friend bool operator==(const Money &, const Money &) = default;

private:
    qint64 m_minor = 0;
    QString m_currency;
};

} // namespace counterpart
