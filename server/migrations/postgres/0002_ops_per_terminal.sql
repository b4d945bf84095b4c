-- Operation ids are unique per terminal (docs/sync-protocol.md, "What the server refuses"): a till makes
-- its own ids, so one terminal's id must never answer for, or block, another terminal's operation.
ALTER TABLE applied_ops DROP CONSTRAINT applied_ops_pkey;
ALTER TABLE applied_ops ADD PRIMARY KEY (terminal, op_id);
