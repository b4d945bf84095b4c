#pragma once

#include "core/Result.h"

#include <QList>

#include <optional>

namespace counterpart {

class Database;

// One member whose cached counters (members.visits, first_purchase_at, last_visit_at) differ from what
// their live purchases say (schema 7, docs/design.md "The member's counters").
struct CounterMismatch {
    qint64 member = 0; // local id: the check names no one
    qint64 visits = 0;
    std::optional<qint64> firstPurchaseAtMs;
    std::optional<qint64> lastVisitAtMs;
    qint64 expectedVisits = 0;
    std::optional<qint64> expectedFirstPurchaseAtMs;
    std::optional<qint64> expectedLastVisitAtMs;
};

struct CounterReport {
    qint64 mismatchCount = 0;        // every member that differs
    QList<CounterMismatch> examples; // the first few, by local id
};

// Compares the cached counters with one set-based recomputation over the purchases, and mends them.
class MemberCounters
{
public:
    explicit MemberCounters(Database &db)
        : m_db(db)
    {}
    Result<CounterReport> verify(int exampleLimit);
    // What verify() finds, then sets those members' counters to the recomputation. The caller holds the
    // transaction (and writes the audit row): the two passes see the same rows.
    Result<CounterReport> repair(int exampleLimit);

private:
    Database &m_db;
};

} // namespace counterpart
