#include "core/Loyalty.h"

#include <QtNumeric>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <optional>

namespace counterpart {

namespace {

// Unsigned 128-bit integers, just enough for exact points arithmetic: amount x points per unit x
// up to three percentages needs more than 64 bits, and MSVC (the Windows build) has no __int128.
struct U128 {
    quint64 hi = 0;
    quint64 lo = 0;
};

U128 mul64(quint64 a, quint64 b)
{
    const quint64 aL = a & 0xffffffffU;
    const quint64 aH = a >> 32;
    const quint64 bL = b & 0xffffffffU;
    const quint64 bH = b >> 32;
    const quint64 ll = aL * bL;
    const quint64 lh = aL * bH;
    const quint64 hl = aH * bL;
    const quint64 hh = aH * bH;
    const quint64 mid = (ll >> 32) + (lh & 0xffffffffU) + (hl & 0xffffffffU);
    return U128{hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (ll & 0xffffffffU) | (mid << 32)};
}

// a * b, or false when the product does not fit in 128 bits.
bool mulChecked(U128 a, quint64 b, U128 *out)
{
    const U128 low = mul64(a.lo, b);
    const U128 high = mul64(a.hi, b);
    if (high.hi != 0)
        return false;
    const quint64 hi = low.hi + high.lo;
    if (hi < low.hi)
        return false;
    *out = U128{hi, low.lo};
    return true;
}

// n / d and n % d: shift-and-subtract long division, 128 steps, no hardware 128-bit divide. d is a
// positive qint64, so r < d < 2^63 and shifting r left never loses a bit.
U128 divMod(U128 n, quint64 d, quint64 *remainder)
{
    Q_ASSERT(d > 0 && d <= quint64(std::numeric_limits<qint64>::max()));
    U128 q;
    quint64 r = 0;
    for (int i = 127; i >= 0; --i) {
        const quint64 bit = i >= 64 ? (n.hi >> (i - 64)) & 1U : (n.lo >> i) & 1U;
        r = (r << 1) | bit;
        q.hi = (q.hi << 1) | (q.lo >> 63);
        q.lo <<= 1;
        if (r >= d) {
            r -= d;
            q.lo |= 1U;
        }
    }
    *remainder = r;
    return q;
}

// numerator / denominator with the rules' rounding, or nothing when the result exceeds qint64.
std::optional<qint64> roundDiv128(U128 numerator, quint64 denominator, Rounding rounding)
{
    quint64 r = 0;
    U128 q = divMod(numerator, denominator, &r);
    if (q.hi != 0 || q.lo > quint64(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    quint64 result = q.lo;
    switch (rounding) {
    case Rounding::Floor:
        break;
    case Rounding::Ceil:
        result += r != 0 ? 1 : 0;
        break;
    case Rounding::Nearest:
        // Half up, written so that 2 * r cannot overflow.
        result += r >= denominator - r ? 1 : 0;
        break;
    }
    if (result > quint64(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return static_cast<qint64>(result);
}

// The product of non-negative factors, or nothing when it does not fit in 128 bits.
std::optional<U128> product(std::initializer_list<qint64> factors)
{
    U128 p{0, 1};
    for (const qint64 f : factors) {
        if (f < 0 || !mulChecked(p, static_cast<quint64>(f), &p))
            return std::nullopt;
    }
    return p;
}

// The product of positive factors when it fits in 64 bits (denominators).
std::optional<quint64> product64(std::initializer_list<qint64> factors)
{
    qint64 p = 1;
    for (const qint64 f : factors) {
        if (f <= 0 || qMulOverflow(p, f, &p))
            return std::nullopt;
    }
    return static_cast<quint64>(p);
}

std::optional<qint64> mulDiv(std::initializer_list<qint64> numerator,
                             std::initializer_list<qint64> denominator, Rounding rounding)
{
    const auto n = product(numerator);
    const auto d = product64(denominator);
    if (!n || !d)
        return std::nullopt;
    return roundDiv128(*n, *d, rounding);
}

QDate birthdayIn(int year, int month, int day)
{
    // A Feb 29 birthday is celebrated on Feb 28 in common years.
    if (month == 2 && day == 29 && !QDate::isLeapYear(year))
        return QDate(year, 2, 28);
    return QDate(year, month, day);
}

Rounding mirrored(Rounding r)
{
    switch (r) {
    case Rounding::Floor:
        return Rounding::Ceil;
    case Rounding::Ceil:
        return Rounding::Floor;
    case Rounding::Nearest:
        return Rounding::Nearest;
    }
    return r;
}

} // namespace

qint64 roundDiv(qint64 numerator, qint64 denominator, Rounding rounding)
{
    Q_ASSERT(denominator > 0);
    if (denominator <= 0)
        return 0;
    if (numerator < 0) {
        // Not used for points (amounts are never negative), but defined: floor(-x) = -ceil(x).
        const quint64 magnitude = 0 - static_cast<quint64>(numerator);
        const auto r = roundDiv128(U128{0, magnitude}, static_cast<quint64>(denominator), mirrored(rounding));
        return r ? -*r : std::numeric_limits<qint64>::min();
    }
    return *roundDiv128(U128{0, static_cast<quint64>(numerator)}, static_cast<quint64>(denominator),
                        rounding);
}

QString giftKindId(GiftKind kind)
{
    switch (kind) {
    case GiftKind::Welcome:
        return QStringLiteral("welcome");
    case GiftKind::FirstPurchase:
        return QStringLiteral("first_purchase");
    case GiftKind::Birthday:
        return QStringLiteral("birthday");
    }
    return {};
}

EarnBreakdown computeEarn(const LoyaltyRules &rules, const MemberFacts &member, qint64 eligibleMinor,
                          const QDate &date)
{
    EarnBreakdown b;
    b.eligibleMinor = eligibleMinor;

    const Tier *tier = rules.tier(member.tierId);
    if (!tier && !rules.tiers.tiers.isEmpty())
        tier = &rules.entryTier(); // a tier dropped from the rules earns like the entry tier
    b.tierMultiplierPercent = tier ? tier->multiplierPercent : 100;

    int memberDayPercent = 100;
    if (isMemberDay(rules, date, &memberDayPercent))
        b.memberDayMultiplierPercent = memberDayPercent;

    int birthdayPercent = 100;
    if (member.birthMonth && member.birthDay) {
        b.birthdayPeriod = birthdayPeriod(rules.birthday, *member.birthMonth, *member.birthDay, date);
        if (!b.birthdayPeriod.isEmpty() && !member.birthdayBonusUsedThisYear)
            birthdayPercent = rules.birthday.multiplierPercent;
    }

    // The birthday bonus is once a year, so it only counts as used when it raised the points: under
    // "highest" a member day that pays as much wins, and the birthday stays for another visit.
    bool birthdayCounts = false;
    if (rules.bonusStacking == BonusStacking::Highest) {
        birthdayCounts = birthdayPercent > b.memberDayMultiplierPercent;
        b.bonusMultiplierPercent = std::max(b.memberDayMultiplierPercent, birthdayPercent);
    } else {
        birthdayCounts = birthdayPercent > 100;
        b.bonusMultiplierPercent =
            static_cast<int>(qint64(b.memberDayMultiplierPercent) * birthdayPercent / 100);
    }

    if (eligibleMinor < rules.earning.minimumSpendMinor || eligibleMinor <= 0) {
        b.belowMinimumSpend = eligibleMinor < rules.earning.minimumSpendMinor;
        b.bonusMultiplierPercent = b.memberDayMultiplierPercent; // the birthday bonus stays unused
        return b;
    }

    const qint64 ppu = rules.earning.pointsPerUnit;
    const qint64 unit = rules.earning.unitMinor;
    const Rounding rounding = rules.earning.rounding;
    const qint64 tierPct = b.tierMultiplierPercent;
    const auto base = mulDiv({eligibleMinor, ppu}, {unit}, rounding);
    const auto withTier = mulDiv({eligibleMinor, ppu, tierPct}, {unit, 100}, rounding);
    // The total is rounded once from the exact product, so the parts never round the member short.
    const auto total =
        rules.bonusStacking == BonusStacking::Highest
            ? mulDiv({eligibleMinor, ppu, tierPct, b.bonusMultiplierPercent}, {unit, 100, 100}, rounding)
            : mulDiv({eligibleMinor, ppu, tierPct, b.memberDayMultiplierPercent, birthdayPercent},
                     {unit, 100, 100, 100}, rounding);
    if (!base || !withTier || !total) {
        b.amountTooLarge = true;
        return b;
    }
    b.birthdayBonusApplied = birthdayCounts;
    b.birthdayMultiplierPercent = birthdayCounts ? birthdayPercent : 100;
    b.basePoints = *base;
    b.tierExtraPoints = *withTier - *base;
    b.totalPoints = *total;
    b.bonusExtraPoints = *total - *base - b.tierExtraPoints;
    return b;
}

QString birthdayPeriod(const BirthdayRules &rules, int birthMonth, int birthDay, const QDate &date)
{
    if (!date.isValid() || !QDate::isValid(2000, birthMonth, birthDay)) // 2000: a leap year, Feb 29 exists
        return {};
    for (const int year : {date.year(), date.year() - 1, date.year() + 1}) {
        const QDate birthday = birthdayIn(year, birthMonth, birthDay);
        bool inWindow = false;
        switch (rules.window) {
        case BirthdayWindow::Day:
            inWindow = date == birthday;
            break;
        case BirthdayWindow::Week:
            inWindow = std::abs(birthday.daysTo(date)) <= 3;
            break;
        case BirthdayWindow::Month:
            inWindow = date.year() == year && date.month() == birthMonth;
            break;
        }
        if (inWindow)
            return QString::number(year);
    }
    return {};
}

bool isMemberDay(const LoyaltyRules &rules, const QDate &date, int *multiplierPercent)
{
    bool found = false;
    int best = 100;
    if (date.isValid()) {
        for (const MemberDay &d : rules.memberDays) {
            const bool matches = (d.weekday && *d.weekday == date.dayOfWeek()) ||
                                 (d.dayOfMonth && *d.dayOfMonth == date.day());
            if (matches) {
                best = found ? std::max(best, d.multiplierPercent) : d.multiplierPercent;
                found = true;
            }
        }
    }
    if (multiplierPercent)
        *multiplierPercent = best;
    return found;
}

std::optional<int> longestVisitGapDays(const TierRecord &record, const QDate &asOf)
{
    if (record.visitDays.isEmpty())
        return std::nullopt;
    QList<QDate> days = record.visitDays; // shared, not copied, unless it needs sorting
    if (!std::is_sorted(days.cbegin(), days.cend()))
        std::sort(days.begin(), days.end());
    qint64 longest = 0;
    QDate previous = days.front();
    for (const QDate &day : std::as_const(days)) {
        longest = std::max(longest, previous.daysTo(day));
        previous = day;
    }
    longest = std::max(longest, previous.daysTo(asOf));
    return static_cast<int>(std::min<qint64>(longest, std::numeric_limits<int>::max()));
}

bool meetsTier(const Tier &tier, const TierRecord &record, const QDate &asOf)
{
    if (record.spendMinor < tier.thresholdSpendMinor)
        return false;
    if (record.visitDays.size() < tier.thresholdVisits)
        return false;
    if (tier.maxDaysBetweenVisits > 0) {
        const auto gap = longestVisitGapDays(record, asOf);
        if (!gap || *gap > tier.maxDaysBetweenVisits)
            return false;
    }
    return true;
}

const Tier &tierEarned(const LoyaltyRules &rules, const TierRecord &record, const QDate &asOf)
{
    static const Tier none;
    const Tier *best = rules.tiers.tiers.isEmpty() ? &none : &rules.tiers.tiers.front();
    // The rules make each tier ask at least what the one below asks, so the tiers met are a prefix.
    for (const Tier &t : rules.tiers.tiers) {
        if (!meetsTier(t, record, asOf))
            break;
        best = &t;
    }
    return *best;
}

int tierRank(const LoyaltyRules &rules, const QString &tierId)
{
    for (qsizetype i = 0; i < rules.tiers.tiers.size(); ++i) {
        if (rules.tiers.tiers[i].id == tierId)
            return static_cast<int>(i);
    }
    return -1;
}

QString tierAfterPurchase(const LoyaltyRules &rules, const QString &currentTier, const TierRecord &record,
                          const QDate &date)
{
    const Tier &target = tierEarned(rules, record, date);
    const int current = tierRank(rules, currentTier);
    // An unknown current tier (dropped from the rules) is replaced by what the record earns.
    if (current < 0 || tierRank(rules, target.id) > current)
        return target.id;
    return currentTier;
}

QString tierAtEvaluation(const LoyaltyRules &rules, const QString &currentTier, const QDate &tierSince,
                         const TierRecord &record, const QDate &evaluationDate)
{
    const Tier &target = tierEarned(rules, record, evaluationDate);
    const int current = tierRank(rules, currentTier);
    if (current < 0)
        return target.id;
    const bool down = tierRank(rules, target.id) < current;
    const bool inGrace = tierSince.isValid() && evaluationDate < tierSince.addDays(rules.tiers.graceDays);
    if (down && inGrace)
        return currentTier;
    if (down && rules.tiers.downgrade == TierRules::Downgrade::OneLevel)
        return rules.tiers.tiers.at(current - 1).id;
    return target.id;
}

TierProgress tierProgress(const LoyaltyRules &rules, const QString &currentTier, const TierRecord &record,
                          const QDate &asOf)
{
    TierProgress p;
    p.spendInWindowMinor = record.spendMinor;
    p.visitsInWindow = static_cast<int>(record.visitDays.size());
    int rank = tierRank(rules, currentTier);
    if (rank < 0) {
        p.currentTier = tierEarned(rules, record, asOf).id;
        rank = tierRank(rules, p.currentTier);
    } else {
        p.currentTier = currentTier;
    }
    if (rank >= 0 && rank + 1 < rules.tiers.tiers.size()) {
        const Tier &next = rules.tiers.tiers[rank + 1];
        p.nextTier = next.id;
        p.moreToSpendMinor = std::max<qint64>(0, next.thresholdSpendMinor - record.spendMinor);
        p.moreVisits = std::max(0, next.thresholdVisits - p.visitsInWindow);
        p.maxDaysBetweenVisits = next.maxDaysBetweenVisits;
    }
    return p;
}

QList<LotRemainder> remainingLots(QList<PointsLot> lots, const QList<PointsDebit> &debits)
{
    std::sort(lots.begin(), lots.end(), [](const PointsLot &a, const PointsLot &b) {
        return a.earnedAtMs != b.earnedAtMs ? a.earnedAtMs < b.earnedAtMs : a.entryId < b.entryId;
    });
    QList<LotRemainder> out;
    out.reserve(lots.size());
    for (const PointsLot &l : lots)
        out.append(LotRemainder{l.entryId, std::max<qint64>(0, l.points), l.expiresAtMs});

    QList<PointsDebit> ordered = debits;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const PointsDebit &a, const PointsDebit &b) { return a.atMs < b.atMs; });

    const auto take = [](LotRemainder &lot, qint64 &wanted) {
        const qint64 n = std::min(lot.remaining, wanted);
        lot.remaining -= n;
        wanted -= n;
    };
    for (const PointsDebit &d : std::as_const(ordered)) {
        qint64 wanted = std::max<qint64>(0, d.points);
        if (d.reversesEntryId != 0) {
            for (LotRemainder &lot : out) {
                if (lot.entryId == d.reversesEntryId)
                    take(lot, wanted);
            }
        }
        // Everything else, and what a reversal could not find in its own lot, comes from the oldest
        // points. What no lot covers is an overdraw (accepted offline): the balance goes negative
        // and there is nothing left to expire.
        for (qsizetype i = 0; i < out.size() && wanted > 0; ++i)
            take(out[i], wanted);
    }
    return out;
}

qint64 expiredPoints(const QList<LotRemainder> &remainders, qint64 nowMs)
{
    qint64 sum = 0;
    for (const LotRemainder &r : remainders) {
        if (r.expiresAtMs != 0 && r.expiresAtMs <= nowMs)
            sum += r.remaining;
    }
    return sum;
}

qint64 expiringPoints(const QList<LotRemainder> &remainders, qint64 nowMs, qint64 untilMs)
{
    qint64 sum = 0;
    for (const LotRemainder &r : remainders) {
        if (r.expiresAtMs != 0 && r.expiresAtMs > nowMs && r.expiresAtMs <= untilMs)
            sum += r.remaining;
    }
    return sum;
}

qint64 refundReversal(qint64 earnedPoints, qint64 purchaseMinor, qint64 alreadyRefundedMinor,
                      qint64 refundMinor, qint64 alreadyReversedPoints)
{
    if (earnedPoints <= 0 || purchaseMinor <= 0 || refundMinor <= 0)
        return 0;
    const qint64 left = std::max<qint64>(0, earnedPoints - std::max<qint64>(0, alreadyReversedPoints));
    const qint64 refundedBefore = std::max<qint64>(0, alreadyRefundedMinor);
    // The last part (or an over-refund) takes exactly what is left, so the parts add up to the earn.
    if (refundedBefore >= purchaseMinor || refundMinor >= purchaseMinor - refundedBefore)
        return left;
    const qint64 refundedAfter = refundedBefore + refundMinor;
    const auto due = mulDiv({earnedPoints, refundedAfter}, {purchaseMinor}, Rounding::Floor);
    if (!due)
        return left;
    return std::clamp<qint64>(*due - alreadyReversedPoints, 0, left);
}

} // namespace counterpart
