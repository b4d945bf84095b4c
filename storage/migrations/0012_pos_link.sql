-- Schema 12: the POS link (docs/pos-api.md). A point-of-sale system talks to the till over a local
-- HTTP API; each POS signs every request with a token a manager made at this till.

-- The POS systems allowed to call. The token is shown once, when it is made; only its SHA-256 is kept,
-- so a copy of this file gives no one a working token. A revoked POS is refused from then on.
CREATE TABLE pos_clients (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL,
    revoked_at   INTEGER,
    last_used_at INTEGER
);

-- What a POS asked once and what it was answered: the same request again (a retry after a lost answer)
-- gets the same answer and changes nothing. `key` is the sale's receipt, the refund's document number
-- or the hold being captured; `fingerprint` is the SHA-256 of the request that used it first, so the
-- same key with other content is refused instead of answered.
CREATE TABLE pos_requests (
    key         TEXT PRIMARY KEY,
    client      INTEGER NOT NULL REFERENCES pos_clients(id),
    fingerprint BLOB NOT NULL,
    response    BLOB NOT NULL,
    at          INTEGER NOT NULL
);

-- Points a POS holds for a redemption until the sale is paid: counted as spent for every other
-- redemption at this till until captured (a redemption then), released, or past expires_at.
CREATE TABLE pos_holds (
    id             TEXT PRIMARY KEY,
    client         INTEGER NOT NULL REFERENCES pos_clients(id),
    member         INTEGER NOT NULL REFERENCES members(local_id),
    points         INTEGER NOT NULL CHECK (points > 0),
    discount_minor INTEGER NOT NULL DEFAULT 0,
    reward         TEXT,
    quantity       INTEGER NOT NULL DEFAULT 1,
    receipt        TEXT NOT NULL,
    found_with     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    state          TEXT NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'captured', 'released')),
    ended_at       INTEGER
);
CREATE INDEX pos_holds_live ON pos_holds (member, expires_at) WHERE state = 'held';
