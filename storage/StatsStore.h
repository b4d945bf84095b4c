#pragma once

// The manager's statistics in SQL (docs/statistics.md): sums of the quarter-hour aggregates that
// schema 4's triggers maintain (scoped by schema 8: this till's store, or the chain), running totals, the
// distinct-member counts read from indexes, the member lists to act on, and the check that the
// aggregates equal a full recomputation.
// Times are UTC milliseconds; local days are the app layer's business (app/Statistics.h).

#include "core/Result.h"
#include "core/Uuid.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace counterpart {

class Database;

struct StatsSum {
    qint64 n = 0;
    qint64 amount = 0;
};
using StatsSums = QHash<QString, StatsSum>; // by metric, see 0004_statistics.sql

// Whose figures: the store this till belongs to (settings.store_id), or every store the till knows of.
enum class StatsScope { Store, Chain };

// A maintained aggregate that differs from the recomputation.
struct StatsMismatch {
    QString table;       // stats_buckets, stats_totals or member_visits_here
    bool here = false;   // the row of this store's scope (else the chain's)
    qint64 bucketMs = 0; // stats_buckets only (member_visits_here: the member's local id)
    QString metric;      // e.g. "sales", "points:earn+"
    StatsSum stored;     // what the table holds (zero when the row is missing)
    StatsSum expected;   // what the rows add up to (zero when nothing should be there)
};

struct StatsVerifyReport {
    qint64 bucketRows = 0;           // rows recomputed
    qint64 mismatchCount = 0;        // all of them
    QList<StatsMismatch> mismatches; // the first few
};

// A member as the lists show them; the app layer formats it.
struct StatsMemberRow {
    qint64 localId = 0;
    Uuid id;
    QString code;
    QString phone; // E.164
    QString name;
    QString tier;
    qint64 balance = 0;
    qint64 createdAtMs = 0;
    std::optional<qint64> lastVisitAtMs;
    int visits = 0;
    std::optional<int> birthMonth;
    std::optional<int> birthDay;
    qint64 spendMinor = 0; // segments: net spend since SegmentThresholds::spendSinceMs
};

enum class Segment { Champions, Loyal, AtRisk, Lost };

// Recency, frequency and spend limits of the segments, as instants (the app layer turns days into
// them in the store's zone). A member is in the first segment they qualify for:
//   champions  last visit >= championSinceMs, visits >= championMinVisits, spend >= championMinSpendMinor
//   loyal      last visit >= loyalSinceMs, visits >= loyalMinVisits
//   at risk    last visit in [atRiskSinceMs, loyalSinceMs), visits >= atRiskMinVisits
//   lost       last visit before atRiskSinceMs
struct SegmentThresholds {
    qint64 endMs = 0; // visits and spend up to here
    qint64 spendSinceMs = 0;
    qint64 championSinceMs = 0;
    int championMinVisits = 0;
    qint64 championMinSpendMinor = 0;
    qint64 loyalSinceMs = 0;
    int loyalMinVisits = 0;
    qint64 atRiskSinceMs = 0;
    int atRiskMinVisits = 0;
};

class StatsStore
{
public:
    static constexpr qint64 BucketMs = 15 * 60 * 1000;
    static qint64 floorToBucket(qint64 ms);

    explicit StatsStore(Database &db, StatsScope scope = StatsScope::Chain)
        : m_db(db)
        , m_scope(scope)
    {}

    // --- figures ------------------------------------------------------------------------------------
    // Sums by metric of the buckets in [fromMs, toMs) (instants on bucket boundaries).
    Result<StatsSums> sums(qint64 fromMs, qint64 toMs);
    // Every bucket row in [fromMs, toMs), in bucket order: for daily series.
    Status forEachBucket(
        qint64 fromMs, qint64 toMs,
        const std::function<void(qint64 bucketMs, const QString &metric, const StatsSum &sum)> &visit);
    // The running totals by metric.
    Result<StatsSums> totals();
    // Points of ledger entries at or after `fromMs` (outstanding points at an instant = the total minus
    // this).
    Result<qint64> pointsSince(qint64 fromMs);

    // Distinct members with a live purchase in [fromMs, toMs) (in the store's scope: at this store), and
    // how many of them joined in it.
    struct Visitors {
        qint64 members = 0;
        qint64 joinedInPeriod = 0;
    };
    Result<Visitors> visitors(qint64 fromMs, qint64 toMs);

    // --- the check ----------------------------------------------------------------------------------
    // Compares the maintained aggregates with a full recomputation (schema 4's *_expected views).
    // Reads every ledger entry: seconds at chain size, so for `counterpart-admin check`, not for screens.
    Result<StatsVerifyReport> verify(int exampleLimit = 20);
    // Replaces the aggregates with the recomputation (the repair after a failed check). Call inside a
    // transaction.
    Status rebuild();

    // --- member lists -------------------------------------------------------------------------------
    // In the store's scope a list holds the members who joined at this store or bought here, and their
    // visits, last visit and spend are those at this store.
    // Members of a segment, best first: champions by spend, loyal by visits, at risk and lost by most
    // recent visit.
    Result<QList<StatsMemberRow>> segmentMembers(Segment segment, const SegmentThresholds &t, int offset,
                                                 int limit);
    Result<qint64> segmentCount(Segment segment, const SegmentThresholds &t);
    // Active members born on any of these (month, day) pairs.
    Result<QList<StatsMemberRow>> birthdays(const QList<std::pair<int, int>> &monthDays);
    // Active members who joined in [fromMs, toMs) and bought nothing later than `backAfterMs` after
    // joining, newest first.
    Result<QList<StatsMemberRow>> joinedNotBack(qint64 fromMs, qint64 toMs, qint64 backAfterMs, int offset,
                                                int limit);
    Result<qint64> joinedNotBackCount(qint64 fromMs, qint64 toMs, qint64 backAfterMs);
    // Members holding credits that expire in (afterMs, untilMs], soonest first expiry first.
    Result<QList<std::pair<qint64, qint64>>> expiringCandidates(qint64 afterMs, qint64 untilMs);
    // An active member (merged and closed ones are not listed).
    Result<std::optional<StatsMemberRow>> member(qint64 localId);

private:
    bool here() const { return m_scope == StatsScope::Store; }
    QString memberColumns() const;
    QString memberFrom() const; // members m, with this store's visits in the store's scope
    Status verifyVisitsHere(StatsVerifyReport &report, int exampleLimit);

    Database &m_db;
    StatsScope m_scope;
};

} // namespace counterpart
