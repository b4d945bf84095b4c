#pragma once

// Bulk data for benchmarks: a chain-sized member cache (1,000,000 members, ~10,000,000 ledger
// entries) written straight into the till's schema in large transactions, in minutes rather than the
// hours that running every historical purchase through the use cases would take. Every member's
// cached balance equals the sum of their entries, tiers follow spend, member codes carry their check
// digit, phones are valid CN mobiles, and history looks like a synced till's (empty outbox).
// Benchmark fixture only: the product seeds demo data through DemoSeeder and the real use cases.

#include "core/Result.h"

#include <QString>

#include <functional>

namespace counterpart {

class Database;
class Till;

struct BulkSeedReport {
    qint64 members = 0;
    qint64 entries = 0;
    qint64 purchases = 0;
    qint64 elapsedMs = 0;
};

// `stores` > 1: members join at the chain's stores in turn (the till's store first) and buy three times
// in ten at another store, so a store's figures are a part of the chain's.
Result<BulkSeedReport> bulkSeed(Till &till, int members, int entriesPerMember, quint32 seed,
                                const std::function<void(qint64 done, qint64 total)> &progress,
                                int stores = 1);

// Brings the benchmark file at `path` up to `members` members (terminal 10001, fast writes, a 2 GiB page
// cache while seeding, progress on stderr), seeding with `seed` + the members it already has so a file
// grown in steps holds the same members as one seeded at once. Nothing when it has them already.
Result<BulkSeedReport> seedFileTo(const QString &path, qint64 members, int entriesPerMember, quint32 seed,
                                  int stores = 1);

// One number from the database, -1 when the query fails: the benchmarks' counts and checks.
qint64 scalar(Database &db, const QString &sql);

} // namespace counterpart
