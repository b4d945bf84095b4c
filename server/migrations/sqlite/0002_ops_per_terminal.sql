-- Operation ids are unique per terminal (docs/sync-protocol.md, "What the server refuses"): a till makes
-- its own ids, so one terminal's id must never answer for, or block, another terminal's operation.
-- SQLite cannot change a primary key in place: the table is copied into one keyed by (terminal, op_id).
CREATE TABLE applied_ops_by_terminal (
    terminal TEXT NOT NULL,
    op_id    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    reason   TEXT,
    result   TEXT NOT NULL,                  -- the OpResult JSON first answered
    at       INTEGER NOT NULL,
    PRIMARY KEY (terminal, op_id)
);
INSERT INTO applied_ops_by_terminal (terminal, op_id, kind, status, reason, result, at)
    SELECT terminal, op_id, kind, status, reason, result, at FROM applied_ops;
DROP TABLE applied_ops;
ALTER TABLE applied_ops_by_terminal RENAME TO applied_ops;
