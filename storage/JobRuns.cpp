#include "storage/JobRuns.h"

#include "storage/Database.h"

namespace counterpart {

Result<bool> JobRunStore::claim(const QString &job, const QString &period, qint64 nowMs, qint64 staleBeforeMs)
{
    const QString sql = QStringLiteral(R"(
        INSERT INTO job_runs (job, period, started_at, outcome) VALUES (?1, ?2, ?3, 'running')
        ON CONFLICT (job, period) DO UPDATE
            SET started_at = excluded.started_at, finished_at = NULL, outcome = 'running', detail = NULL
            WHERE job_runs.outcome = 'failed' OR (job_runs.outcome = 'running' AND job_runs.started_at < ?4))");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(job, period, nowMs, staleBeforeMs);
    CP_TRY(st.exec());
    return m_db.changes() == 1;
}

Status JobRunStore::finish(const QString &job, const QString &period, qint64 nowMs, bool ok,
                           const QString &detail)
{
    const QString sql = QStringLiteral(
        "UPDATE job_runs SET finished_at = ?3, outcome = ?4, detail = ?5 WHERE job = ?1 AND period = ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(job, period, nowMs);
    st.bind(4, ok ? QStringLiteral("ok") : QStringLiteral("failed")).bind(5, detail);
    return st.exec();
}

Result<std::optional<JobRun>> JobRunStore::last(const QString &job)
{
    return lastWhere(job, QStringLiteral("1"));
}

Result<std::optional<JobRun>> JobRunStore::lastOk(const QString &job)
{
    return lastWhere(job, QStringLiteral("outcome = 'ok'"));
}

Result<std::optional<JobRun>> JobRunStore::lastWhere(const QString &job, const QString &condition)
{
    const QString sql =
        QStringLiteral("SELECT period, started_at, finished_at, outcome, detail FROM job_runs "
                       "WHERE job = ?1 AND %1 ORDER BY started_at DESC LIMIT 1")
            .arg(condition);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, job);
    if (!st.next()) {
        if (!st.ok())
            return st.error();
        return std::optional<JobRun>{};
    }
    JobRun run;
    run.job = job;
    run.period = st.text(0);
    run.startedMs = st.int64(1);
    run.finishedMs = st.optionalInt64(2).value_or(0);
    run.outcome = st.text(3);
    run.detail = st.text(4);
    return std::optional<JobRun>{run};
}

} // namespace counterpart
