-- 0005: runs of the jobs that run by themselves (expiry, tier evaluation, backup). One row per job and
-- period ("2026-02-28", "2026-02"): the primary key is what makes "at most once per period" hold even
-- when two processes on this file (the till and counterpart-admin) wake at the same moment.

CREATE TABLE job_runs (
    job         TEXT NOT NULL,
    period      TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
    detail      TEXT,                       -- what it did, or why it failed (no personal data)
    PRIMARY KEY (job, period)
) WITHOUT ROWID;

CREATE INDEX job_runs_started ON job_runs(job, started_at);
