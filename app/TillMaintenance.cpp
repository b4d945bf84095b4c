// Scheduled work (expiry sweep, tier evaluation) and the consistency check.

#include "app/Till.h"
#include "app/TillInternal.h"
#include "storage/Database.h"
#include "storage/MemberCounters.h"
#include "storage/Schema.h"
#include "storage/StatsStore.h"
#include "storage/Stores.h"
#include "storage/TillQueries.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

namespace {
constexpr int SweepBatch = 500;
const QString ExpirySweptUntil = QStringLiteral("expiry_swept_until");
} // namespace

Result<SweepOutcome> Till::expirePoints()
{
    SweepOutcome outcome;
    if (m_enrolled) {
        // The server sweeps for the whole chain and its expire entries come down with the changes: two
        // tills sweeping the same member would expire the same points twice.
        outcome.serverExpires = true;
        return outcome;
    }
    if (m_rules.expiry.months <= 0)
        return outcome;
    const qint64 now = m_clock.nowMs();
    SettingsStore settings(*m_db);
    auto sweptUntil = settings.get(ExpirySweptUntil);
    if (!sweptUntil)
        return sweptUntil.error();
    // Lots that expired before the previous sweep were dealt with then; a lot's expiry never moves.
    const qint64 after = sweptUntil->has_value() ? sweptUntil->value().toLongLong() : 0;
    TillQueries queries(*m_db);
    auto candidates = queries.membersWithCreditsExpiring(after, now);
    if (!candidates)
        return candidates.error();

    const Operator previous = m_operator;
    m_operator = Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System};
    auto restore = qScopeGuard([&] { m_operator = previous; });

    const QList<qint64> &members = candidates.value();
    qsizetype start = 0;
    do {
        // Batches keep each transaction short; each member's expiry is its own ledger entry, outbox
        // operation and audit row inside the batch's transaction.
        Transaction tx(*m_db);
        CP_TRY(tx.begin());
        for (qsizetype i = start; i < qMin(members.size(), start + SweepBatch); ++i) {
            const qint64 member = members[i];
            QList<PointsLot> lots;
            QList<PointsDebit> debits;
            CP_TRY(queries.lotsAndDebits(member, lots, debits));
            const qint64 expired = expiredPoints(remainingLots(lots, debits), now);
            if (expired <= 0)
                continue;
            auto row = MemberStore(*m_db).byLocalId(member);
            if (!row)
                return row.error();
            if (!row->has_value())
                continue;
            LedgerRow entry;
            entry.member = member;
            entry.kind = ledgerKindId(LedgerKind::Expire);
            entry.points = -expired;
            entry.atMs = now;
            CP_TRY(TillInternal::appendEntry(*this, entry));
            sync::ParsedOp op;
            op.kind = sync::OpKind::Expire;
            op.entries = {TillInternal::wireEntry(entry)};
            CP_TRY(TillInternal::enqueue(*this, row->value().id, op));
            CP_TRY(TillInternal::audit(*this, QStringLiteral("points.expire"), member, {}, {},
                                       QJsonObject{{QStringLiteral("points"), expired}}));
            ++outcome.members;
            outcome.points += expired;
        }
        start += SweepBatch;
        if (start >= members.size())
            CP_TRY(settings.set(ExpirySweptUntil, QString::number(now)));
        CP_TRY(tx.commit());
    } while (start < members.size());
    qCInfo(lcTill) << "expiry sweep:" << outcome.members << "members," << outcome.points << "points";
    return outcome;
}

Result<TierEvaluationOutcome> Till::evaluateTiers()
{
    TierEvaluationOutcome outcome;
    const qint64 now = m_clock.nowMs();
    const QDate today = this->today();
    const qint64 windowStart = TillInternal::addMonthsLocal(*this, now, -m_rules.tiers.windowMonths);
    const QString entry = m_rules.entryTier().id;
    TillQueries queries(*m_db);
    PurchaseStore purchases(*m_db);
    MemberStore members(*m_db);

    const Operator previous = m_operator;
    m_operator = Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System};
    auto restore = qScopeGuard([&] { m_operator = previous; });

    qint64 after = 0;
    while (true) {
        auto batch = queries.membersAboveTier(entry, after, SweepBatch);
        if (!batch)
            return batch.error();
        if (batch->isEmpty())
            break;
        Transaction tx(*m_db);
        CP_TRY(tx.begin());
        for (const qint64 id : batch.value()) {
            after = id;
            auto row = members.byLocalId(id);
            if (!row)
                return row.error();
            if (!row->has_value())
                continue;
            const MemberRow &m = row->value();
            auto spend = purchases.spendSince(id, windowStart);
            if (!spend)
                return spend.error();
            ++outcome.evaluated;
            const QString target =
                tierAtEvaluation(m_rules, m.tier, localDate(m.tierSinceMs), spend.value(), today);
            if (target == m.tier)
                continue;
            const bool up = tierRank(m_rules, target) > tierRank(m_rules, m.tier);
            const Uuid changeId = Uuid::createV7(m_clock);
            CP_TRY(members.setTier(id, target, now, now));
            CP_TRY(TierChangeStore(*m_db).insert(changeId, id, m.tier, target, now,
                                                 QStringLiteral("evaluation"), m_rules.version));
            sync::ParsedOp op;
            op.kind = sync::OpKind::TierChange;
            op.tierChange =
                sync::WireTierChange{changeId.toString(), m.tier, target, QStringLiteral("evaluation")};
            CP_TRY(TillInternal::enqueue(*this, m.id, op));
            CP_TRY(TillInternal::audit(
                *this, QStringLiteral("tier.evaluate"), id, {}, {},
                QJsonObject{{QStringLiteral("from"), m.tier}, {QStringLiteral("to"), target}}));
            if (up)
                ++outcome.upgraded;
            else
                ++outcome.downgraded;
        }
        CP_TRY(tx.commit());
    }
    CP_TRY(SettingsStore(*m_db).set(QStringLiteral("tiers_evaluated_on"), today.toString(Qt::ISODate)));
    qCInfo(lcTill) << "tier evaluation:" << outcome.evaluated << "evaluated," << outcome.downgraded << "down,"
                   << outcome.upgraded << "up";
    return outcome;
}

Result<CheckReport> Till::check(bool fullIntegrity)
{
    CheckReport report;
    auto version = Schema::currentVersion(*m_db);
    if (!version)
        return version.error();
    report.schemaVersion = version.value();
    if (report.schemaVersion != Schema::latestVersion())
        report.problems << tr("The schema is version %1; this program expects %2.")
                               .arg(report.schemaVersion)
                               .arg(Schema::latestVersion());

    auto integrity = checkIntegrity(*m_db, fullIntegrity);
    if (!integrity)
        return integrity.error();
    report.integrityOk = integrity->ok;
    report.integrityProblems = integrity->problems;
    if (!integrity->ok)
        report.problems
            << tr("The database file is damaged; a copy was kept at %1.").arg(integrity->keptCopyPath);

    auto members = MemberStore(*m_db).count();
    auto entries = LedgerStore(*m_db).count();
    auto pending = OutboxStore(*m_db).pendingCount();
    if (!members)
        return members.error();
    if (!entries)
        return entries.error();
    if (!pending)
        return pending.error();
    report.members = members.value();
    report.ledgerEntries = entries.value();
    report.pendingOutbox = pending.value();

    auto mismatches = LedgerStore(*m_db).balanceMismatches(1000);
    if (!mismatches)
        return mismatches.error();
    report.balanceMismatches = mismatches->size();
    for (const auto &m : mismatches.value()) {
        report.problems << tr("Member #%1: balance %2 but the ledger adds up to %3.")
                               .arg(m.member)
                               .arg(m.cached)
                               .arg(m.sum);
    }
    // The manager's statistics are maintained by triggers; prove them equal to the records.
    auto stats = StatsStore(*m_db).verify(5);
    if (!stats)
        return stats.error();
    report.statsMismatches = stats->mismatchCount;
    for (const StatsMismatch &m : std::as_const(stats->mismatches)) {
        report.problems << tr("Statistics: %1 %2 holds %3 / %4 but the records add up to %5 / %6.")
                               .arg(m.metric, m.table == QLatin1String("stats_totals")
                                                  ? tr("(running total)")
                                                  : QDateTime::fromMSecsSinceEpoch(m.bucketMs, Qt::UTC)
                                                        .toString(Qt::ISODate))
                               .arg(m.stored.n)
                               .arg(m.stored.amount)
                               .arg(m.expected.n)
                               .arg(m.expected.amount);
    }
    if (stats->mismatchCount > stats->mismatches.size())
        report.problems << tr("Statistics: %1 more differences. Run counterpart-admin stats --rebuild.")
                               .arg(stats->mismatchCount - stats->mismatches.size());
    // Visits, first purchase and last visit are cached on the member row (schema 7).
    auto counters = MemberCounters(*m_db).verify(5);
    if (!counters)
        return counters.error();
    report.counterMismatches = counters->mismatchCount;
    for (const CounterMismatch &m : std::as_const(counters->examples))
        report.problems << counterMismatchText(m);
    if (counters->mismatchCount > counters->examples.size())
        report.problems << tr("Member counters: %1 more differences. Run counterpart-admin check --repair.")
                               .arg(counters->mismatchCount - counters->examples.size());
    if (!m_cipherProblem.isEmpty())
        report.problems << m_cipherProblem;
    report.ok = report.problems.isEmpty();
    return report;
}

Result<CounterReport> Till::repairCounters(int exampleLimit)
{
    QString approvedBy;
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Mending the member counters"), &approvedBy));
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    auto mended = MemberCounters(*m_db).repair(exampleLimit);
    if (!mended)
        return mended.error();
    if (mended->mismatchCount == 0)
        return mended; // nothing written, nothing to audit
    CP_TRY(TillInternal::audit(*this, QStringLiteral("check.repair_counters"), std::nullopt, {}, approvedBy,
                               QJsonObject{{QStringLiteral("members"), mended->mismatchCount}}));
    CP_TRY(tx.commit());
    qCInfo(lcTill) << "member counters mended:" << mended->mismatchCount << "members";
    return mended;
}

QString Till::counterMismatchText(const CounterMismatch &m)
{
    const auto when = [](std::optional<qint64> ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate) : tr("none");
    };
    return tr("Member #%1: visits %2, first purchase %3, last visit %4; the purchases say %5, %6, %7.")
        .arg(QString::number(m.member), QString::number(m.visits), when(m.firstPurchaseAtMs),
             when(m.lastVisitAtMs), QString::number(m.expectedVisits), when(m.expectedFirstPurchaseAtMs),
             when(m.expectedLastVisitAtMs));
}

} // namespace counterpart
