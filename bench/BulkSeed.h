#pragma once

// Bulk data for benchmarks: a chain-sized member cache (1,000,000 members, ~10,000,000 ledger
// entries) written straight into the till's schema in large transactions, in minutes rather than the
// hours that running every historical purchase through the use cases would take. Every member's
// cached balance equals the sum of their entries, tiers follow spend, member codes carry their check
// digit, phones are valid CN mobiles, and history looks like a synced till's (empty outbox).
// Benchmark fixture only: the product seeds demo data through DemoSeeder and the real use cases.

#include "core/Result.h"

#include <functional>

namespace counterpart {

class Till;

struct BulkSeedReport {
    qint64 members = 0;
    qint64 entries = 0;
    qint64 purchases = 0;
    qint64 elapsedMs = 0;
};

Result<BulkSeedReport> bulkSeed(Till &till, int members, int entriesPerMember, quint32 seed,
                                const std::function<void(qint64 done, qint64 total)> &progress);

} // namespace counterpart
