-- Counterpart till schema, version 1.
-- Times are UTC milliseconds since the Unix epoch. Global ids are UUIDv7 as 16-byte BLOBs, made at
-- the till; local INTEGER keys (rowids) are for joins inside this file only and never leave it.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE rules_versions (
    version     TEXT PRIMARY KEY,
    document    TEXT NOT NULL,            -- the JSON as received
    received_at INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX rules_versions_one_active ON rules_versions(active) WHERE active = 1;

CREATE TABLE cashiers (
    id              TEXT PRIMARY KEY,     -- login name / staff number
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    pin_hash        BLOB NOT NULL,        -- PBKDF2-HMAC-SHA256
    pin_salt        BLOB NOT NULL,
    pin_iterations  INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,              -- lockout after repeated failures
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL
);

CREATE TABLE members (
    local_id          INTEGER PRIMARY KEY,
    id                BLOB NOT NULL UNIQUE,        -- UUIDv7, global
    code              TEXT NOT NULL UNIQUE,        -- MemberCode digits
    phone             TEXT NOT NULL,               -- E.164
    phone_last4       TEXT NOT NULL,
    name              TEXT NOT NULL,
    gender            TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    birth_month       INTEGER CHECK (birth_month BETWEEN 1 AND 12),
    birth_day         INTEGER CHECK (birth_day BETWEEN 1 AND 31),
    birth_date_enc    BLOB,                        -- AES-256-GCM, full date; never searched
    id_number_enc     BLOB,                        -- AES-256-GCM; never searched
    tier              TEXT NOT NULL,
    tier_since        INTEGER NOT NULL,
    balance           INTEGER NOT NULL DEFAULT 0,  -- cache of SUM(ledger.points), same transaction
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'closed')),
    merged_into       BLOB,
    channel           TEXT NOT NULL DEFAULT 'till' CHECK (channel IN ('till', 'online', 'import')),
    marketing_consent INTEGER NOT NULL DEFAULT 0,
    consent_at        INTEGER,                     -- when consent was given or withdrawn
    note              TEXT NOT NULL DEFAULT '',    -- the cashier's note: preferred name, preferences
    store_id          TEXT NOT NULL,
    terminal_id       TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    first_purchase_at INTEGER,
    last_visit_at     INTEGER,
    visits            INTEGER NOT NULL DEFAULT 0
);
-- One phone belongs to at most one active member.
CREATE UNIQUE INDEX members_phone_active ON members(phone) WHERE status = 'active';
CREATE INDEX members_last4 ON members(phone_last4, local_id) WHERE status = 'active';

-- Name prefix search: one row per word of a name (a Chinese name is one word), case-folded.
CREATE TABLE member_names (
    token  TEXT NOT NULL,
    member INTEGER NOT NULL REFERENCES members(local_id),
    PRIMARY KEY (token, member)
) WITHOUT ROWID;

CREATE TABLE purchases (
    local_id       INTEGER PRIMARY KEY,
    id             BLOB NOT NULL UNIQUE,
    store_id       TEXT NOT NULL,
    receipt        TEXT NOT NULL,
    member         INTEGER NOT NULL REFERENCES members(local_id),
    amount         INTEGER NOT NULL CHECK (amount >= 0),       -- minor units, what earned
    currency       TEXT NOT NULL,
    at             INTEGER NOT NULL,
    refunded       INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    points_earned  INTEGER NOT NULL DEFAULT 0,                  -- the earn entry's points
    points_reversed INTEGER NOT NULL DEFAULT 0,                 -- reversed by refunds so far
    voided_at      INTEGER
);
-- Earning twice on one receipt is refused; a voided purchase frees its receipt.
CREATE UNIQUE INDEX purchases_receipt ON purchases(store_id, receipt) WHERE voided_at IS NULL;
CREATE INDEX purchases_member_at ON purchases(member, at);
CREATE INDEX purchases_at ON purchases(at);

CREATE TABLE refunds (
    local_id  INTEGER PRIMARY KEY,
    id        BLOB NOT NULL UNIQUE,
    purchase  INTEGER NOT NULL REFERENCES purchases(local_id),
    amount    INTEGER NOT NULL CHECK (amount > 0),
    at        INTEGER NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refunds_purchase ON refunds(purchase);

-- The points ledger: append-only. A balance is the sum of a member's entries.
CREATE TABLE ledger (
    local_id      INTEGER PRIMARY KEY,
    id            BLOB NOT NULL UNIQUE,
    member        INTEGER NOT NULL REFERENCES members(local_id),
    kind          TEXT NOT NULL CHECK (kind IN ('earn', 'welcome_gift', 'first_purchase_gift', 'birthday_gift',
                                                'redeem', 'refund_reversal', 'redeem_restore', 'adjust',
                                                'expire', 'void', 'opening', 'merge_correction')),
    points        INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    expires_at    INTEGER,                          -- credits only; NULL = never
    purchase      INTEGER REFERENCES purchases(local_id),
    reverses      INTEGER REFERENCES ledger(local_id), -- the entry this one takes back (refund, void)
    reward        TEXT,                             -- redeem: catalogue id, or 'discount'
    discount      INTEGER,                          -- redeem as discount: minor units
    rules_version TEXT NOT NULL,
    terminal_id   TEXT NOT NULL,
    cashier       TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    approved_by   TEXT
);
CREATE INDEX ledger_member ON ledger(member, local_id);
CREATE INDEX ledger_at ON ledger(at);
CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;
CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;

-- Each gift once per period: (member, gift, period) can be granted only once.
CREATE TABLE gift_grants (
    member  INTEGER NOT NULL REFERENCES members(local_id),
    gift    TEXT NOT NULL,     -- welcome | first_purchase | birthday | birthday_bonus
    period  TEXT NOT NULL,     -- 'once' or the year of the birthday occurrence
    entry   INTEGER REFERENCES ledger(local_id),
    at      INTEGER NOT NULL,
    PRIMARY KEY (member, gift, period)
) WITHOUT ROWID;

CREATE TABLE tier_changes (
    local_id      INTEGER PRIMARY KEY,
    id            BLOB NOT NULL UNIQUE,
    member        INTEGER NOT NULL REFERENCES members(local_id),
    from_tier     TEXT NOT NULL,
    to_tier       TEXT NOT NULL,
    at            INTEGER NOT NULL,
    reason        TEXT NOT NULL CHECK (reason IN ('upgrade', 'evaluation', 'adjust')),
    rules_version TEXT NOT NULL
);
CREATE INDEX tier_changes_member ON tier_changes(member, at);

-- Operations waiting to be pushed to the central server, in order. Applied there exactly once by id.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    entity      BLOB NOT NULL,           -- the global id of the row the operation is about
    payload     TEXT NOT NULL,           -- JSON
    created_at  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX outbox_pending ON outbox(status, seq);

-- Who did what, where, when and why. Append-only.
CREATE TABLE audit (
    local_id    INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    action      TEXT NOT NULL,
    member      INTEGER REFERENCES members(local_id),
    reason      TEXT NOT NULL DEFAULT '',
    approved_by TEXT,
    details     TEXT NOT NULL DEFAULT '{}'   -- JSON, no personal data
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_member ON audit(member, at);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
