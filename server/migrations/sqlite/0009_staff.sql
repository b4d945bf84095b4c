-- Schema 9: staff managed chain-wide (`counterpart-server admin staff`, docs/server.md "Staff").
-- Each person belongs to one store; its tills fetch the store's list (GET /v1/staff) and let in whoever
-- is active with the PIN head office set. The PIN is kept only as its PBKDF2-HMAC-SHA256 hash (base64),
-- the same derivation the tills use. A person switched off keeps their row (the audit names them) and
-- loses the hash; deactivated_at is when, so operations a till made offline later are flagged.
CREATE TABLE staff (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    store          TEXT NOT NULL REFERENCES stores(id),
    role           TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    pin_hash       TEXT NOT NULL DEFAULT '',
    pin_salt       TEXT NOT NULL DEFAULT '',
    pin_iterations INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1,
    deactivated_at INTEGER,
    changed_at     INTEGER NOT NULL
);
CREATE INDEX staff_store ON staff (store);
-- Where a person worked before a move: the old store's tills drop them, and its list still shows them as
-- moved (not active) so those tills know.
CREATE TABLE staff_former_stores (
    staff    TEXT NOT NULL REFERENCES staff(id),
    store    TEXT NOT NULL REFERENCES stores(id),
    left_at  INTEGER NOT NULL,
    PRIMARY KEY (staff, store)
);

-- Who did what at which till, chain-wide (`admin activity`): each operation's operator, member and
-- time as the till stamped them, beside the answer the server gave.
ALTER TABLE applied_ops ADD COLUMN operator TEXT;
ALTER TABLE applied_ops ADD COLUMN member TEXT;
ALTER TABLE applied_ops ADD COLUMN op_at INTEGER;
CREATE INDEX applied_ops_operator ON applied_ops (operator, op_at);
CREATE INDEX applied_ops_member ON applied_ops (member);

-- A head-office client (`admin enrol-code --head-office`): signs its requests as a till does, may manage
-- every store's staff (POST /v1/staff) and read every store's figures, and never pushes or pulls.
ALTER TABLE enrol_codes ADD COLUMN head_office INTEGER NOT NULL DEFAULT 0;
ALTER TABLE terminals ADD COLUMN head_office INTEGER NOT NULL DEFAULT 0;
