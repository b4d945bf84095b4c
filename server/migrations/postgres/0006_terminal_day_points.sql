-- The points each terminal credited on each local day of its store (server/PointsBudget.*): one row a
-- terminal and day, added to once a push, so checking the day's budget costs one indexed read. flagged:
-- head office was told (`budget_exceeded`) that day already.
CREATE TABLE terminal_day_points (
    terminal TEXT NOT NULL,
    day      TEXT NOT NULL,             -- "2026-12-05", the store's local date
    points   BIGINT NOT NULL,
    flagged  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (terminal, day)
);
