// The jobs that run by themselves at the server: expiry and tier evaluation, due on the rules'
// schedule (core/JobSchedule.h), each period claimed in job_runs before it runs (docs/server.md, "Jobs").

#include "server/Log.h"
#include "server/ServerStore.h"

#include <QTimeZone>

namespace counterpart::server {

namespace {

// A run still marked running after this long belongs to a process that died: its period is taken
// again. Both jobs are safe to run again (the sweep takes only what is unexpired and unspent, the
// evaluation decides from the data as it is).
constexpr qint64 StaleRunMs = qint64(2) * 3600 * 1000;

const QList<Job> ServerJobs = {Job::Expiry, Job::TierEvaluation};

const QString RunColumns =
    QStringLiteral("job, period, outcome, COALESCE(detail, ''), started_at, finished_at FROM job_runs");

JobRunRecord runFromRow(const SqlRows &rows, qsizetype r)
{
    return {rows.text(r, 0), rows.text(r, 1),  rows.text(r, 2),
            rows.text(r, 3), rows.int64(r, 4), rows.optionalInt64(r, 5)};
}

// Inserts the period's row as running, or takes over a failed or abandoned one; false when another
// process holds or finished it.
Result<bool> claim(SqlConnection &c, const QString &job, const QString &period, qint64 now)
{
    auto rows = c.query(QStringLiteral(R"(
        INSERT INTO job_runs (job, period, started_at, outcome) VALUES ($1, $2, $3, 'running')
        ON CONFLICT (job, period) DO UPDATE
            SET started_at = excluded.started_at, finished_at = NULL, outcome = 'running', detail = NULL
            WHERE job_runs.outcome = 'failed' OR (job_runs.outcome = 'running' AND job_runs.started_at < $4)
        RETURNING job)"),
                        {job, period, now, now - StaleRunMs});
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

} // namespace

Result<ServerStore::JobBasis> ServerStore::jobBasis(SqlConnection &c)
{
    auto rules = c.query(QStringLiteral("SELECT document FROM rules WHERE active = 1"));
    if (!rules)
        return rules.error();
    auto parsed = rules->isEmpty() ? Result<LoyaltyRules>(LoyaltyRules::defaults())
                                   : LoyaltyRules::fromJson(rules->text(0, 0).toUtf8());
    if (!parsed)
        return parsed.error();
    auto stores = c.query(QStringLiteral("SELECT time_zone FROM stores ORDER BY created_at, id LIMIT 1"));
    if (!stores)
        return stores.error();
    const QTimeZone zone(stores->isEmpty() ? QByteArray() : stores->text(0, 0).toUtf8());
    return JobBasis{parsed.value(), zone.isValid() ? zone : QTimeZone::utc()};
}

Result<QList<ServerJobStatus>> ServerStore::jobStatus()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    auto basis = jobBasis(c);
    if (!basis)
        return basis.error();
    const qint64 now = m_clock.nowMs();
    QList<ServerJobStatus> out;
    for (const Job job : ServerJobs) {
        const JobSchedule schedule = scheduleOf(job, basis->rules, QTime());
        ServerJobStatus status;
        status.job = job;
        status.due = duePeriod(schedule, basis->zone, now);
        status.nextDueMs = nextDueMs(schedule, basis->zone, now);
        auto last = c.query(QStringLiteral("SELECT ") + RunColumns +
                                QStringLiteral(" WHERE job = $1 ORDER BY started_at DESC LIMIT 1"),
                            {jobId(job)});
        if (!last)
            return last.error();
        if (!last->isEmpty())
            status.last = runFromRow(last.value(), 0);
        auto due = c.query(QStringLiteral("SELECT outcome FROM job_runs WHERE job = $1 AND period = $2"),
                           {jobId(job), status.due.key});
        if (!due)
            return due.error();
        status.done = !due->isEmpty() && due->text(0, 0) == QLatin1String("ok");
        out.append(status);
    }
    return out;
}

Result<QList<ServerJobReport>> ServerStore::runDueJobs()
{
    auto statuses = jobStatus();
    if (!statuses)
        return statuses.error();
    QList<ServerJobReport> reports;
    for (const ServerJobStatus &status : statuses.value()) {
        if (status.done)
            continue;
        ServerJobReport report{status.job, status.due.key, false, true, {}};
        {
            auto lease = acquire();
            if (!lease)
                return lease.error();
            auto claimed = claim(**lease, jobId(status.job), status.due.key, m_clock.nowMs());
            if (!claimed)
                return claimed.error();
            report.ran = claimed.value();
        }
        if (!report.ran) {
            report.detail = QStringLiteral("another process is running it");
            reports.append(report);
            continue;
        }
        if (status.job == Job::Expiry) {
            auto r = expire();
            report.ok = r.ok();
            report.detail =
                r ? QStringLiteral("%1 points of %2 members expired").arg(r->points).arg(r->members)
                  : r.error().message;
        } else {
            auto r = evaluateTiers();
            report.ok = r.ok();
            report.detail = r ? QStringLiteral("%1 members evaluated, %2 up, %3 down")
                                    .arg(r->evaluated)
                                    .arg(r->upgraded)
                                    .arg(r->downgraded)
                              : r.error().message;
        }
        auto lease = acquire();
        if (!lease)
            return lease.error();
        CP_TRY(
            (*lease)->exec(QStringLiteral("UPDATE job_runs SET finished_at = $3, outcome = $4, detail = $5 "
                                          "WHERE job = $1 AND period = $2"),
                           {jobId(status.job), status.due.key, m_clock.nowMs(),
                            report.ok ? QStringLiteral("ok") : QStringLiteral("failed"), report.detail}));
        qCInfo(lcServer).noquote() << "job" << jobId(status.job) << "for" << status.due.key
                                   << (report.ok ? "done:" : "failed:") << report.detail;
        reports.append(report);
    }
    return reports;
}

} // namespace counterpart::server
