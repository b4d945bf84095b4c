-- Schema version 3: sync with the central server (docs/sync-protocol.md, docs/sync-client.md).
-- The sync engine's state (server address, encrypted terminal secret, cursor, clock offset, last HLC)
-- lives in `settings`; this step adds what needs rows or columns.

-- Last-writer-wins per profile field: the HLC of each field's current value, as a JSON object
-- {"name": "1795000000000-0000-<terminal>", ...}. A pulled value replaces a field only when its HLC is
-- not older.
ALTER TABLE members ADD COLUMN field_hlc TEXT NOT NULL DEFAULT '{}';

-- What the server answered for an operation: the reason code of a rejection (the message is in
-- last_error) and when the answer came.
ALTER TABLE outbox ADD COLUMN reject_reason TEXT;
ALTER TABLE outbox ADD COLUMN answered_at INTEGER;
-- "Does this member have work on its way?" (a pulled change never overwrites it) and the pending
-- entries of a member (its synced balance).
CREATE INDEX outbox_pending_entity ON outbox(entity) WHERE status = 'pending';

-- Things the server flagged for the manager (an offline redemption that overdrew a balance, ...).
CREATE TABLE sync_flags (
    local_id    INTEGER PRIMARY KEY,
    id          BLOB UNIQUE,            -- the server's flag id, when it has one
    kind        TEXT NOT NULL,          -- overdraw, rules_refused, ...
    op_id       BLOB,                   -- the operation it is about
    member      BLOB,                   -- the member's global id
    balance     INTEGER,                -- the member's balance at the server after the operation
    at          INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    seen_at     INTEGER,                -- a manager acknowledged it
    UNIQUE (kind, op_id)
);
CREATE INDEX sync_flags_unseen ON sync_flags(received_at) WHERE seen_at IS NULL;

-- Merged members point at the member they live on; "which aliases does this member have" must not
-- scan a million rows.
CREATE INDEX members_merged_into ON members(merged_into) WHERE merged_into IS NOT NULL;
