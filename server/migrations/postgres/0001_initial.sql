-- counterpart-server schema, version 1 (PostgreSQL). Keep in step with ../sqlite/0001_initial.sql.
-- Times are UTC milliseconds since the Unix epoch; ids are the tills' UUID text; JSON is stored as text.
-- `seq` columns hold the change number that created the row, so a snapshot can be cut at a cursor.

CREATE TABLE stores (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    region     TEXT NOT NULL,
    time_zone  TEXT NOT NULL,
    currency   TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE terminals (
    id           TEXT PRIMARY KEY,
    store        TEXT NOT NULL REFERENCES stores(id),
    number       BIGINT NOT NULL UNIQUE CHECK (number BETWEEN 10000 AND 99999),
    name         TEXT NOT NULL,
    database_id  TEXT,
    secret       TEXT NOT NULL,              -- base64; the HMAC key, so the database is a secret too
    disabled     BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT
);

CREATE TABLE enrol_codes (
    hash       TEXT PRIMARY KEY,             -- hex SHA-256 of the normalised code; the code is not stored
    store      TEXT NOT NULL REFERENCES stores(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    terminal   TEXT
);

CREATE TABLE auth_nonces (
    terminal TEXT NOT NULL,
    nonce    TEXT NOT NULL,
    at       BIGINT NOT NULL,
    PRIMARY KEY (terminal, nonce)
);
CREATE INDEX auth_nonces_at ON auth_nonces(at);

CREATE TABLE applied_ops (
    op_id    TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    kind     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    reason   TEXT,
    result   TEXT NOT NULL,                  -- the OpResult JSON first answered
    at       BIGINT NOT NULL
);

CREATE TABLE members (
    id          TEXT PRIMARY KEY,
    code        TEXT UNIQUE,                 -- NULL when the till's code was already another member's
    phone       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'closed')),
    merged_into TEXT REFERENCES members(id),
    profile     TEXT NOT NULL,               -- JSON: the last-writer-wins fields (MemberFields)
    field_hlc   TEXT NOT NULL,               -- JSON: field -> HLC of its current value
    tier        TEXT NOT NULL,
    tier_since  BIGINT NOT NULL,
    tier_hlc    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    store       TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    balance     BIGINT NOT NULL DEFAULT 0,  -- SUM(entries.points), same transaction
    seq         BIGINT
);
CREATE UNIQUE INDEX members_phone_active ON members(phone) WHERE status = 'active';

CREATE TABLE purchases (
    id         TEXT PRIMARY KEY,
    store      TEXT NOT NULL,
    receipt    TEXT NOT NULL,
    member     TEXT NOT NULL REFERENCES members(id),
    amount     BIGINT NOT NULL CHECK (amount >= 0),
    eligible   BIGINT NOT NULL,
    currency   TEXT NOT NULL,
    at         BIGINT NOT NULL,
    refunded   BIGINT NOT NULL DEFAULT 0,
    voided     BIGINT NOT NULL DEFAULT 0,
    terminal   TEXT NOT NULL,
    seq        BIGINT
);
CREATE UNIQUE INDEX purchases_receipt_live ON purchases(store, receipt) WHERE voided = 0;
CREATE INDEX purchases_member ON purchases(member, at);

CREATE TABLE refunds (
    id       TEXT PRIMARY KEY,
    purchase TEXT NOT NULL REFERENCES purchases(id),
    amount   BIGINT NOT NULL CHECK (amount > 0),
    at       BIGINT NOT NULL,
    terminal TEXT NOT NULL,
    op_id    TEXT NOT NULL
);

CREATE TABLE entries (
    id         TEXT PRIMARY KEY,
    member     TEXT NOT NULL REFERENCES members(id),
    kind       TEXT NOT NULL,
    points     BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    expires_at BIGINT,
    terminal   TEXT,                         -- NULL for the server's own entries
    store      TEXT,
    op_id      TEXT,
    purchase   TEXT,
    data       TEXT NOT NULL,                -- JSON: rulesVersion, reward, discountMinor, reason, approvedBy, receipt
    seq        BIGINT
);
CREATE INDEX entries_member ON entries(member, at);
CREATE INDEX entries_expiring ON entries(expires_at) WHERE expires_at IS NOT NULL AND points > 0;

CREATE TABLE tier_changes (
    id        TEXT PRIMARY KEY,
    member    TEXT NOT NULL,
    from_tier TEXT NOT NULL,
    to_tier   TEXT NOT NULL,
    reason    TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    applied   BIGINT NOT NULL,
    op_id     TEXT NOT NULL
);

CREATE TABLE changes (
    seq     BIGINT PRIMARY KEY,
    type    TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE change_counter (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 0);

CREATE TABLE flags (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    member      TEXT NOT NULL,
    op_id       TEXT,
    terminal    TEXT,
    balance     BIGINT,
    at          BIGINT NOT NULL,
    resolved_at BIGINT
);

CREATE TABLE rules (
    version      TEXT PRIMARY KEY,
    document     TEXT NOT NULL,
    installed_at BIGINT NOT NULL,
    active       BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX rules_one_active ON rules(active) WHERE active = 1;

CREATE TABLE server_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
