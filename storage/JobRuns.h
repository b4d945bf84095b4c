#pragma once

#include "core/Result.h"

#include <QString>

#include <optional>

namespace counterpart {

class Database;

struct JobRun {
    QString job;
    QString period;
    qint64 startedMs = 0;
    qint64 finishedMs = 0; // 0 while running
    QString outcome;       // "running", "ok", "failed"
    QString detail;
};

// The till's record of its scheduled jobs (table job_runs).
class JobRunStore
{
public:
    explicit JobRunStore(Database &db)
        : m_db(db)
    {}
    // Takes the run of `job` for `period`, in one statement: true when this caller now owns it. A period
    // already done, or running since `staleBeforeMs` or later, is not taken; a failed run, or one whose
    // process died (running since before `staleBeforeMs`), is taken again.
    Result<bool> claim(const QString &job, const QString &period, qint64 nowMs, qint64 staleBeforeMs);
    Status finish(const QString &job, const QString &period, qint64 nowMs, bool ok, const QString &detail);
    // The most recently started run of `job`.
    Result<std::optional<JobRun>> last(const QString &job);
    // The most recent successful run of `job`.
    Result<std::optional<JobRun>> lastOk(const QString &job);

private:
    Result<std::optional<JobRun>> lastWhere(const QString &job, const QString &condition);
    Database &m_db;
};

} // namespace counterpart
