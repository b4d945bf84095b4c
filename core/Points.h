#pragma once

// Checked points arithmetic. A balance is a sum of ledger entries that a till or a forged request could
// drive past 2^63 (undefined behaviour in C++, a failed batch on PostgreSQL, a float in SQLite). Every
// balance stays within ±MaxBalancePoints, far below that: sums of a whole push (500 ops of 1,000 entries
// of at most 10^12 points) cannot overflow on the way to the check.

#include <QtGlobal>

#include <optional>

namespace counterpart {

inline constexpr qint64 MaxBalancePoints = 1'000'000'000'000'000; // 10^15

// a + b, or nothing when it overflows 64 bits or leaves ±MaxBalancePoints.
constexpr std::optional<qint64> addPoints(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum) || sum > MaxBalancePoints || sum < -MaxBalancePoints)
        return std::nullopt;
    return sum;
}

} // namespace counterpart
