#pragma once

#include "core/LoyaltyRules.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart {

// Pure loyalty arithmetic: no storage, no clock. Inputs are facts, outputs are decisions. Dates are
// the store's local calendar dates.

// Integer division with the rules' rounding. denominator > 0; numerator >= 0.
qint64 roundDiv(qint64 numerator, qint64 denominator, Rounding rounding);

struct MemberFacts {
    QString tierId;
    std::optional<int> birthMonth;          // 1..12
    std::optional<int> birthDay;            // 1..31
    bool hasPurchased = false;              // any earlier purchase (not voided)
    bool birthdayBonusUsedThisYear = false; // for the birthday occurrence that `date` falls in
};

enum class GiftKind { Welcome, FirstPurchase, Birthday };
QString giftKindId(GiftKind kind); // "welcome", "first_purchase", "birthday"

struct GiftGrant {
    GiftKind kind;
    int points = 0;
    QString period; // "once", or the birthday occurrence's year "2026"
};

struct EarnBreakdown {
    qint64 eligibleMinor = 0; // amount that earns (after exclusions)
    qint64 basePoints = 0;    // at 100%
    int tierMultiplierPercent = 100;
    int memberDayMultiplierPercent = 100; // 100 when not a member day
    int birthdayMultiplierPercent = 100;  // 100 when not applied
    int bonusMultiplierPercent = 100;     // the one actually applied after stacking
    qint64 tierExtraPoints = 0;
    qint64 bonusExtraPoints = 0;
    qint64 totalPoints = 0; // base + tier extra + bonus extra, rounded once
    bool belowMinimumSpend = false;
    bool birthdayBonusApplied = false;
    QString birthdayPeriod; // set when the date is in a birthday window
    // The points would not fit in 64 bits: nothing is earned, and the caller refuses the purchase.
    // Takes an absurd amount or absurd rules (e.g. 10^11 fen at a million points per fen).
    bool amountTooLarge = false;
};

// Points for a purchase of `eligibleMinor` on local `date`.
EarnBreakdown computeEarn(const LoyaltyRules &rules, const MemberFacts &member, qint64 eligibleMinor,
                          const QDate &date);

// The birthday occurrence a date belongs to, per the rules' window, as its year ("2026"), or empty
// when the date is in no window. A Dec 30 birthday with a Week window makes Jan 2 belong to the
// previous year's occurrence. Feb 29 birthdays fall on Feb 28 in common years.
QString birthdayPeriod(const BirthdayRules &rules, int birthMonth, int birthDay, const QDate &date);

bool isMemberDay(const LoyaltyRules &rules, const QDate &date, int *multiplierPercent = nullptr);

// What a member's record shows in the tier window (rules.tiers.windowMonths back from the day of the
// decision): what a tier is earned on. A visit is a purchase that was not voided (a refunded one still
// counts: the member came), as the statistics count visits; two receipts on one day are two visits.
struct TierRecord {
    qint64 spendMinor = 0;  // net spend: purchases less their refunds, voided ones left out
    QList<QDate> visitDays; // the store's local date of each visit in the window, ascending
};

// The longest gap in days between consecutive visits of the record, and from the last visit to `asOf`;
// nothing when the record has no visit.
std::optional<int> longestVisitGapDays(const TierRecord &record, const QDate &asOf);

// Whether the record meets every requirement `tier` sets on `asOf`.
bool meetsTier(const Tier &tier, const TierRecord &record, const QDate &asOf);

// THE answer to "which tier does this record earn on `asOf`": the highest tier whose every requirement
// the record meets. The till at earn time, the till's and the server's evaluation, the server's check
// of a till's upgrade and the member card all ask this one function, so they cannot disagree.
const Tier &tierEarned(const LoyaltyRules &rules, const TierRecord &record, const QDate &asOf);
int tierRank(const LoyaltyRules &rules, const QString &tierId); // -1 when unknown

// What tier a member should hold after a purchase on `date` (the record includes that purchase):
// upgrades only, at once.
QString tierAfterPurchase(const LoyaltyRules &rules, const QString &currentTier, const TierRecord &record,
                          const QDate &date);

// What tier a member should hold at a scheduled evaluation: may go down (to the tier earned, or one
// level, per rules.tiers.downgrade), but not within the grace period after the current tier was reached.
QString tierAtEvaluation(const LoyaltyRules &rules, const QString &currentTier, const QDate &tierSince,
                         const TierRecord &record, const QDate &evaluationDate);

// Progress to the next tier, for the member card: how much more to spend and how many more visits, or
// nothing at the top.
struct TierProgress {
    QString currentTier;
    QString nextTier; // empty at the top tier
    qint64 spendInWindowMinor = 0;
    qint64 moreToSpendMinor = 0;
    int visitsInWindow = 0;
    int moreVisits = 0;
    int maxDaysBetweenVisits = 0; // the next tier's; 0 = not asked
};
TierProgress tierProgress(const LoyaltyRules &rules, const QString &currentTier, const TierRecord &record,
                          const QDate &asOf);

// Expiry (oldest points first). A lot is a credit entry; debits consume lots. A debit that reverses a
// specific credit (a refund reversing its earn) consumes that lot; every other debit consumes the
// oldest lots first.
struct PointsLot {
    qint64 entryId = 0; // local ledger sequence of the credit
    qint64 points = 0;  // > 0
    qint64 earnedAtMs = 0;
    qint64 expiresAtMs = 0; // 0 = never
};
struct PointsDebit {
    qint64 points = 0; // > 0 (the magnitude)
    qint64 atMs = 0;
    qint64 reversesEntryId = 0; // 0 = FIFO
};
struct LotRemainder {
    qint64 entryId = 0;
    qint64 remaining = 0;
    qint64 expiresAtMs = 0;
};
// What is left of each lot after all debits, in lot order.
QList<LotRemainder> remainingLots(QList<PointsLot> lots, const QList<PointsDebit> &debits);
// Points whose lots expired at or before `nowMs` and are still unspent: what an expiry sweep removes.
qint64 expiredPoints(const QList<LotRemainder> &remainders, qint64 nowMs);
// Points expiring in (nowMs, untilMs]: "expiring soon".
qint64 expiringPoints(const QList<LotRemainder> &remainders, qint64 nowMs, qint64 untilMs);

// Refund: points to reverse for refunding `refundMinor` of a purchase of `purchaseMinor` that earned
// `earnedPoints`, when `alreadyRefundedMinor` was refunded before. Proportional, and the last refund
// takes exactly what is left, so a purchase refunded in parts reverses exactly what it earned.
qint64 refundReversal(qint64 earnedPoints, qint64 purchaseMinor, qint64 alreadyRefundedMinor,
                      qint64 refundMinor, qint64 alreadyReversedPoints);

} // namespace counterpart
