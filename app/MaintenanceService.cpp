// Scheduled work (expiry sweep, tier evaluation) and the consistency check.

#include "app/MaintenanceService.h"

#include "app/TillContext.h"
#include "storage/Database.h"
#include "storage/JobRuns.h"
#include "storage/KeyRing.h"
#include "storage/MemberCounters.h"
#include "storage/Schema.h"
#include "storage/StatsStore.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "storage/TillQueries.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimeZone>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

namespace {
constexpr int SweepBatch = 500;
const QString NameTokensSetting = QStringLiteral("name_tokens_version");
constexpr int NameTokensVersion = 2; // 2: with pinyin
const QString ExpirySweptUntil = QStringLiteral("expiry_swept_until");
} // namespace

Result<SweepOutcome> MaintenanceService::expirePoints()
{
    SweepOutcome outcome;
    if (m_ctx.isEnrolled()) {
        // The server sweeps for the whole chain and its expire entries come down with the changes: two
        // tills sweeping the same member would expire the same points twice.
        outcome.serverExpires = true;
        return outcome;
    }
    if (m_ctx.rules().expiry.months <= 0)
        return outcome;
    const qint64 now = m_ctx.clock().nowMs();
    SettingsStore settings(m_ctx.db());
    auto sweptUntil = settings.get(ExpirySweptUntil);
    if (!sweptUntil)
        return sweptUntil.error();
    // Lots that expired before the previous sweep were dealt with then; a lot's expiry never moves.
    const qint64 after = sweptUntil->has_value() ? sweptUntil->value().toLongLong() : 0;
    TillQueries queries(m_ctx.db());
    auto candidates = queries.membersWithCreditsExpiring(after, now);
    if (!candidates)
        return candidates.error();

    const OperatorScope asSystem(m_ctx, OperatorScope::system());

    const QList<qint64> &members = candidates.value();
    qsizetype start = 0;
    do {
        // Batches keep each transaction short; each member's expiry is its own ledger entry, outbox
        // operation and audit row inside the batch's transaction.
        Transaction tx(m_ctx.db());
        CP_TRY(tx.begin());
        for (qsizetype i = start; i < qMin(members.size(), start + SweepBatch); ++i) {
            const qint64 member = members[i];
            QList<PointsLot> lots;
            QList<PointsDebit> debits;
            CP_TRY(queries.lotsAndDebits(member, lots, debits));
            const qint64 expired = expiredPoints(remainingLots(lots, debits), now);
            if (expired <= 0)
                continue;
            auto row = MemberStore(m_ctx.db()).byLocalId(member);
            if (!row)
                return row.error();
            if (!row->has_value())
                continue;
            LedgerRow entry;
            entry.member = member;
            entry.kind = ledgerKindId(LedgerKind::Expire);
            entry.points = -expired;
            entry.atMs = now;
            CP_TRY(m_ctx.appendEntry(entry));
            sync::ParsedOp op;
            op.kind = sync::OpKind::Expire;
            op.entries = {TillContext::wireEntry(entry)};
            CP_TRY(m_ctx.enqueue(row->value().id, op));
            CP_TRY(m_ctx.audit(QStringLiteral("points.expire"), member, {}, {},
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

Result<TierEvaluationOutcome> MaintenanceService::evaluateTiers()
{
    TierEvaluationOutcome outcome;
    // Asked of the settings, not of the flag set at opening: a till enrolled since must not evaluate
    // (and downgrade) on its own any more, or two owners would decide one member's tier.
    auto server = SyncStore(m_ctx.db()).setting(SyncKeys::ServerUrl);
    if (!server)
        return server.error();
    if (m_ctx.isEnrolled() || server->has_value()) {
        outcome.serverEvaluates = true;
        return outcome;
    }
    const qint64 now = m_ctx.clock().nowMs();
    const QDate today = m_ctx.today();
    const QString entry = m_ctx.rules().entryTier().id;
    TillQueries queries(m_ctx.db());
    MemberStore members(m_ctx.db());

    const OperatorScope asSystem(m_ctx, OperatorScope::system());

    qint64 after = 0;
    while (true) {
        auto batch = queries.membersAboveTier(entry, after, SweepBatch);
        if (!batch)
            return batch.error();
        if (batch->isEmpty())
            break;
        Transaction tx(m_ctx.db());
        CP_TRY(tx.begin());
        for (const qint64 id : batch.value()) {
            after = id;
            auto row = members.byLocalId(id);
            if (!row)
                return row.error();
            if (!row->has_value())
                continue;
            const MemberRow &m = row->value();
            CP_TRY_ASSIGN(const TierRecord record, m_ctx.tierRecord(id, now));
            ++outcome.evaluated;
            const QString target =
                tierAtEvaluation(m_ctx.rules(), m.tier, m_ctx.localDate(m.tierSinceMs), record, today);
            if (target == m.tier)
                continue;
            const bool up = tierRank(m_ctx.rules(), target) > tierRank(m_ctx.rules(), m.tier);
            const Uuid changeId = Uuid::createV7(m_ctx.clock());
            CP_TRY(members.setTier(id, target, now, now));
            CP_TRY(TierChangeStore(m_ctx.db())
                       .insert(changeId, id, m.tier, target, now, QStringLiteral("evaluation"),
                               m_ctx.rules().version));
            sync::ParsedOp op;
            op.kind = sync::OpKind::TierChange;
            op.tierChange =
                sync::WireTierChange{changeId.toString(), m.tier, target, QStringLiteral("evaluation")};
            CP_TRY(m_ctx.enqueue(m.id, op));
            CP_TRY(
                m_ctx.audit(QStringLiteral("tier.evaluate"), id, {}, {},
                            QJsonObject{{QStringLiteral("from"), m.tier}, {QStringLiteral("to"), target}}));
            if (up)
                ++outcome.upgraded;
            else
                ++outcome.downgraded;
        }
        CP_TRY(tx.commit());
    }
    CP_TRY(SettingsStore(m_ctx.db()).set(QStringLiteral("tiers_evaluated_on"), today.toString(Qt::ISODate)));
    qCInfo(lcTill) << "tier evaluation:" << outcome.evaluated << "evaluated," << outcome.downgraded << "down,"
                   << outcome.upgraded << "up";
    return outcome;
}

namespace {

// One difference the statistics check found, for the technician.
QString statsMismatchText(const StatsMismatch &m)
{
    if (m.table == QLatin1String("member_visits_here"))
        return MaintenanceService::tr(
                   "Statistics: member #%1 has %2 visits here (last %3) but the records say %4 "
                   "(last %5).")
            .arg(m.bucketMs)
            .arg(m.stored.n)
            .arg(m.stored.amount)
            .arg(m.expected.n)
            .arg(m.expected.amount);
    const QString where = m.table == QLatin1String("stats_totals")
                              ? MaintenanceService::tr("(running total)")
                              : QDateTime::fromMSecsSinceEpoch(m.bucketMs, Qt::UTC).toString(Qt::ISODate);
    return MaintenanceService::tr("Statistics: %1 %2 of %3 holds %4 / %5 but the records add up to %6 / %7.")
        .arg(m.metric, where,
             m.here ? MaintenanceService::tr("this store") : MaintenanceService::tr("the chain"))
        .arg(m.stored.n)
        .arg(m.stored.amount)
        .arg(m.expected.n)
        .arg(m.expected.amount);
}

} // namespace

Result<qint64> MaintenanceService::indexPinyin()
{
    SettingsStore settings(m_ctx.db());
    CP_TRY_ASSIGN(const auto done, settings.get(NameTokensSetting));
    if (done && done->toInt() >= NameTokensVersion)
        return qint64(0);
    QElapsedTimer timer;
    timer.start();
    qint64 looked = 0;
    for (qint64 after = 0;;) {
        Transaction tx(m_ctx.db());
        CP_TRY(tx.begin());
        CP_TRY_ASSIGN(const QList<qint64> batch, MemberStore(m_ctx.db()).addMissingNameTokens(after, 50000));
        CP_TRY(tx.commit());
        if (batch.isEmpty())
            break;
        looked += batch.size();
        after = batch.last();
    }
    CP_TRY(settings.set(NameTokensSetting, QString::number(NameTokensVersion)));
    if (looked > 0)
        qCInfo(lcTill) << "pinyin added to the name search of" << looked << "members in" << timer.elapsed()
                       << "ms";
    return looked;
}

Result<CheckReport> MaintenanceService::check(bool fullIntegrity)
{
    CheckReport report;
    auto version = Schema::currentVersion(m_ctx.db());
    if (!version)
        return version.error();
    report.schemaVersion = version.value();
    if (report.schemaVersion != Schema::latestVersion())
        report.problems << tr("The schema is version %1; this program expects %2.")
                               .arg(report.schemaVersion)
                               .arg(Schema::latestVersion());

    auto integrity = checkIntegrity(m_ctx.db(), fullIntegrity);
    if (!integrity)
        return integrity.error();
    report.integrityOk = integrity->ok;
    report.integrityProblems = integrity->problems;
    if (!integrity->ok)
        report.problems
            << tr("The database file is damaged; a copy was kept at %1.").arg(integrity->keptCopyPath);

    auto members = MemberStore(m_ctx.db()).count();
    auto entries = LedgerStore(m_ctx.db()).count();
    auto pending = OutboxStore(m_ctx.db()).pendingCount();
    if (!members)
        return members.error();
    if (!entries)
        return entries.error();
    if (!pending)
        return pending.error();
    report.members = members.value();
    report.ledgerEntries = entries.value();
    report.pendingOutbox = pending.value();
    report.chainKey = m_ctx.cipher().currentChainKey();

    auto mismatches = LedgerStore(m_ctx.db()).balanceMismatches(1000);
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
    auto stats = StatsStore(m_ctx.db()).verify(5);
    if (!stats)
        return stats.error();
    report.statsMismatches = stats->mismatchCount;
    for (const StatsMismatch &m : std::as_const(stats->mismatches))
        report.problems << statsMismatchText(m);
    if (stats->mismatchCount > stats->mismatches.size())
        report.problems << tr("Statistics: %1 more differences. Run counterpart-admin stats --rebuild.")
                               .arg(stats->mismatchCount - stats->mismatches.size());
    // Visits, first purchase and last visit are cached on the member row (schema 7).
    auto counters = MemberCounters(m_ctx.db()).verify(5);
    if (!counters)
        return counters.error();
    report.counterMismatches = counters->mismatchCount;
    for (const CounterMismatch &m : std::as_const(counters->examples))
        report.problems << counterMismatchText(m);
    if (counters->mismatchCount > counters->examples.size())
        report.problems << tr("Member counters: %1 more differences. Run counterpart-admin check --repair.")
                               .arg(counters->mismatchCount - counters->examples.size());
    if (!m_ctx.cipherProblem().isEmpty())
        report.problems << m_ctx.cipherProblem();
    report.ok = report.problems.isEmpty();
    return report;
}

Result<CounterReport> MaintenanceService::repairCounters(int exampleLimit)
{
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Mending the member counters"), &approvedBy));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto mended = MemberCounters(m_ctx.db()).repair(exampleLimit);
    if (!mended)
        return mended.error();
    if (mended->mismatchCount == 0)
        return mended; // nothing written, nothing to audit
    CP_TRY(m_ctx.audit(QStringLiteral("check.repair_counters"), std::nullopt, {}, approvedBy,
                       QJsonObject{{QStringLiteral("members"), mended->mismatchCount}}));
    CP_TRY(tx.commit());
    qCInfo(lcTill) << "member counters mended:" << mended->mismatchCount << "members";
    return mended;
}

QString MaintenanceService::counterMismatchText(const CounterMismatch &m)
{
    const auto when = [](std::optional<qint64> ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate) : tr("none");
    };
    return tr("Member #%1: visits %2, first purchase %3, last visit %4; the purchases say %5, %6, %7.")
        .arg(QString::number(m.member), QString::number(m.visits), when(m.firstPurchaseAtMs),
             when(m.lastVisitAtMs), QString::number(m.expectedVisits), when(m.expectedFirstPurchaseAtMs),
             when(m.expectedLastVisitAtMs));
}

// The jobs that run by themselves: when each is due, who owns it, and running it at most once a period.

namespace {

// A run still marked running after this long belongs to a process that died (power cut, kill): its
// period is taken again. Every job here is safe to run again: the sweep only takes what is still
// unexpired and unspent, an evaluation decides from the data as it is.
constexpr qint64 StaleRunMs = qint64(2) * 3600 * 1000;

bool doneFor(const std::optional<JobRun> &last, const JobPeriod &period)
{
    return last && last->period == period.key && last->outcome == QLatin1String("ok");
}

} // namespace

QList<Job> MaintenanceService::jobs()
{
    return {Job::Expiry, Job::TierEvaluation, Job::Backup};
}

bool MaintenanceService::ownsJob(Job job) const
{
    // An enrolled till's expiry and tier evaluation belong to the server, once for the whole chain:
    // two tills sweeping the same member would expire the same points twice.
    return job == Job::Backup || !m_ctx.isEnrolled();
}

Result<QList<JobStatus>> MaintenanceService::jobStatus()
{
    QList<JobStatus> out;
    const QTimeZone zone(m_ctx.config().timeZone);
    const qint64 now = m_ctx.clock().nowMs();
    JobRunStore runs(m_ctx.db());
    for (const Job job : jobs()) {
        const JobSchedule schedule = scheduleOf(job, m_ctx.rules(), QTime(2, 30));
        JobStatus status;
        status.job = job;
        status.ownedHere = ownsJob(job);
        auto last = runs.last(jobId(job));
        if (!last)
            return last.error();
        status.last = last.value();
        status.due = duePeriod(schedule, zone, now);
        status.overdue = status.ownedHere && !doneFor(status.last, status.due);
        status.nextDueMs = nextDueMs(schedule, zone, now);
        out.append(status);
    }
    return out;
}

Result<QList<JobRunReport>> MaintenanceService::runDueJobs()
{
    QList<JobRunReport> done;
    // A till enrolled since it was opened hands its jobs to the server from now on.
    auto server = SyncStore(m_ctx.db()).setting(SyncKeys::ServerUrl);
    if (!server)
        return server.error();
    m_ctx.setEnrolled(server->has_value());
    const QTimeZone zone(m_ctx.config().timeZone);
    JobRunStore runs(m_ctx.db());
    for (const Job job : jobs()) {
        if (!ownsJob(job))
            continue;
        const qint64 now = m_ctx.clock().nowMs();
        const JobPeriod period = duePeriod(scheduleOf(job, m_ctx.rules(), QTime(2, 30)), zone, now);
        auto last = runs.last(jobId(job));
        if (!last)
            return last.error();
        if (doneFor(last.value(), period))
            continue; // the usual minute: one read, no write
        auto claimed = runs.claim(jobId(job), period.key, now, now - StaleRunMs);
        if (!claimed)
            return claimed.error();
        if (!claimed.value())
            continue; // another process on this file runs it, or ran it
        JobRunReport report{job, period.key, false, {}};
        if (job == Job::Backup) {
            auto r = backup(QStringLiteral("daily"));
            report.ok = r.ok();
            report.detail = r ? r->path : r.error().message;
        } else if (job == Job::Expiry) {
            auto r = expirePoints();
            report.ok = r.ok();
            report.detail =
                r ? tr("%1 points of %2 members expired").arg(r->points).arg(r->members) : r.error().message;
        } else {
            auto r = evaluateTiers();
            report.ok = r.ok();
            report.detail = r ? tr("%1 members evaluated, %2 up, %3 down")
                                    .arg(r->evaluated)
                                    .arg(r->upgraded)
                                    .arg(r->downgraded)
                              : r.error().message;
        }
        CP_TRY(runs.finish(jobId(job), period.key, m_ctx.clock().nowMs(), report.ok, report.detail));
        qCInfo(lcTill).noquote() << "job" << jobId(job) << "for" << period.key
                                 << (report.ok ? "done:" : "failed:") << report.detail;
        done.append(report);
    }
    return done;
}

Result<BackupOutcome> MaintenanceService::backup(const QString &reason, const QString &dir, int keep)
{
    SettingsStore settings(m_ctx.db());
    auto savedDir = settings.get(QStringLiteral("backup_dir"));
    auto savedKeep = settings.get(QStringLiteral("backup_keep"));
    if (!savedDir)
        return savedDir.error();
    if (!savedKeep)
        return savedKeep.error();
    BackupOptions options;
    options.keep = keep > 0 ? keep : savedKeep->value_or(QStringLiteral("7")).toInt();
    const QString folder = !dir.isEmpty() ? dir : savedDir->value_or(Backup::defaultDir(m_ctx.db().path()));
    return Backup::create(m_ctx.db().path(), folder, reason, m_ctx.clock().nowMs(), options);
}

} // namespace counterpart
