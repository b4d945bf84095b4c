#pragma once

// Realistic demo data for trade shows, training and benchmarks, made through the till's own use cases
// (registerMember, earn, redeem, refund, expirePoints, evaluateTiers) while a ManualClock walks
// through the months of history. Every member, entry and outbox operation is exactly what the till
// would have written in service.

#include "core/Clock.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

#include <functional>

namespace counterpart {

class Till;

struct SeedOptions {
    int members = 0;
    int monthsOfHistory = 18;
    quint32 randomSeed = 1;
    // Called after each batch is committed, with the use cases run so far and the total planned.
    // Return false to stop there: what was committed stays (every use case in it is complete).
    std::function<bool(int done, int total)> progress;
};

struct SeedReport {
    int members = 0;
    int purchases = 0;
    int redemptions = 0;
    int refunds = 0;
    qint64 spentMinor = 0;
    qint64 pointsEarned = 0; // by purchases and their gifts, before refunds
    qint64 pointsRedeemed = 0;
    qint64 pointsExpired = 0;
    QMap<QString, int> membersByTier; // tier id -> seeded members holding it at the end
    int birthdaysThisWeek = 0;        // seeded members whose birthday window is open "now"
    qint64 elapsedMs = 0;
    bool cancelled = false;
};

class DemoSeeder
{
    Q_DECLARE_TR_FUNCTIONS(DemoSeeder)

public:
    // `till` must have been opened with `clock`. The clock's value when seed() is called is "now":
    // members join over the `monthsOfHistory` months before it, buy, redeem and sometimes return
    // things; the monthly tier evaluation and expiry sweep run on their days; at the end the clock is
    // back at "now" and expiry and tier evaluation run once more. The same randomSeed, starting time
    // and terminal number give the same members, codes, receipts and balances.
    // For speed, the use cases run in batches inside one outer transaction each (every use case is
    // still its own savepoint, exactly as in service); open the till with unsafeFastWrites for
    // large amounts.
    static Result<SeedReport> seed(Till &till, ManualClock &clock, const SeedOptions &options);
};

} // namespace counterpart
