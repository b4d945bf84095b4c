// The jobs that run by themselves: when each is due, who owns it, and running it at most once a period.

#include "app/Till.h"
#include "storage/Database.h"
#include "storage/JobRuns.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"

#include <QLoggingCategory>
#include <QTimeZone>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

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

QList<Job> Till::jobs()
{
    return {Job::Expiry, Job::TierEvaluation, Job::Backup};
}

bool Till::ownsJob(Job job) const
{
    // An enrolled till's expiry and tier evaluation belong to the server, once for the whole chain:
    // two tills sweeping the same member would expire the same points twice.
    return job == Job::Backup || !m_enrolled;
}

Result<QList<JobStatus>> Till::jobStatus()
{
    QList<JobStatus> out;
    const QTimeZone zone(m_config.timeZone);
    const qint64 now = m_clock.nowMs();
    JobRunStore runs(*m_db);
    for (const Job job : jobs()) {
        const JobSchedule schedule = scheduleOf(job, m_rules, QTime(2, 30));
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

Result<QList<JobRunReport>> Till::runDueJobs()
{
    QList<JobRunReport> done;
    // A till enrolled since it was opened hands its jobs to the server from now on.
    auto server = SyncStore(*m_db).setting(SyncKeys::ServerUrl);
    if (!server)
        return server.error();
    m_enrolled = server->has_value();
    const QTimeZone zone(m_config.timeZone);
    JobRunStore runs(*m_db);
    for (const Job job : jobs()) {
        if (!ownsJob(job))
            continue;
        const qint64 now = m_clock.nowMs();
        const JobPeriod period = duePeriod(scheduleOf(job, m_rules, QTime(2, 30)), zone, now);
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
        CP_TRY(runs.finish(jobId(job), period.key, m_clock.nowMs(), report.ok, report.detail));
        qCInfo(lcTill).noquote() << "job" << jobId(job) << "for" << period.key
                                 << (report.ok ? "done:" : "failed:") << report.detail;
        done.append(report);
    }
    return done;
}

Result<BackupOutcome> Till::backup(const QString &reason, const QString &dir, int keep)
{
    SettingsStore settings(*m_db);
    auto savedDir = settings.get(QStringLiteral("backup_dir"));
    auto savedKeep = settings.get(QStringLiteral("backup_keep"));
    if (!savedDir)
        return savedDir.error();
    if (!savedKeep)
        return savedKeep.error();
    BackupOptions options;
    options.keep = keep > 0 ? keep : savedKeep->value_or(QStringLiteral("7")).toInt();
    const QString folder = !dir.isEmpty() ? dir : savedDir->value_or(Backup::defaultDir(m_db->path()));
    return Backup::create(m_db->path(), folder, reason, m_clock.nowMs(), options);
}

} // namespace counterpart
