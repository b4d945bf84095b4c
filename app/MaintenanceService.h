#pragma once

// Keeping the till in order: the scheduled work (expiry sweep, tier evaluation, backup) and the jobs
// that run it, and the consistency check with its counter repair. Till's "scheduled" and
// "maintenance" use cases.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class MaintenanceService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit MaintenanceService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    Result<SweepOutcome> expirePoints();
    Result<TierEvaluationOutcome> evaluateTiers();
    Result<BackupOutcome> backup(const QString &reason, const QString &dir = {}, int keep = 0);

    static QList<Job> jobs();
    bool ownsJob(Job job) const;
    Result<QList<JobStatus>> jobStatus();
    Result<QList<JobRunReport>> runDueJobs();

    Result<CheckReport> check(bool fullIntegrity);
    // Once after an upgrade (or a snapshot file from an older server): the pinyin of the names already
    // there, in batches. Returns how many members were looked at.
    Result<qint64> indexPinyin();
    Result<CounterReport> repairCounters(int exampleLimit);
    static QString counterMismatchText(const CounterMismatch &m);

private:
    TillContext &m_ctx;
};

} // namespace counterpart
