#pragma once

// Benchmark fixture only: fills a counterpart-server SQLite database (DIR/server.db, already created and
// migrated by the server) with a chain's members, ledger entries and purchases in a few large
// transactions, straight into the server's tables. Going through POST /v1/push would take most of an
// hour for a million members; the rows written here are the rows Apply.cpp writes for registrations,
// earns and redemptions (same columns, same JSON shapes, balances equal to ledger sums), all numbered
// with change number 1 so a snapshot at the counter's value sees every one of them.
// The product never writes the server's tables this way.

#include "core/Result.h"

#include <QString>

#include <functional>

namespace counterpart::bench {

struct ServerSeedReport {
    qint64 members = 0;
    qint64 entries = 0;
    qint64 purchases = 0;
    qint64 purchasesLastYear = 0; // what a snapshot carries
    qint64 balanceSum = 0;
    qint64 elapsedMs = 0;
};

// `entriesPerMember`: average ledger entries of a member (a welcome gift, earns with their purchases,
// and redemptions), spread over 18 months before `nowMs`.
Result<ServerSeedReport> seedServerDatabase(const QString &serverDb, int members, int entriesPerMember,
                                            qint64 nowMs, const std::function<void(qint64 done)> &progress);

} // namespace counterpart::bench
