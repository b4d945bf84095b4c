-- The jobs that run by themselves at the server (expiry, tier evaluation), one row per period
-- (core/JobSchedule.h: "2026-02-28" for the daily sweep, "2026-02" for the monthly evaluation). The key
-- is what makes a period run once for the whole chain: every process claims the row before it runs the
-- job, and only the one whose insert (or take-over of a failed or stale run) succeeds goes on.
CREATE TABLE job_runs (
    job         TEXT NOT NULL,
    period      TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
    detail      TEXT,                       -- what it did, or why it failed (no personal data)
    PRIMARY KEY (job, period)
);
CREATE INDEX job_runs_started ON job_runs(job, started_at);
