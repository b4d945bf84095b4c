-- Schema 11: the chain's data keys as head office's server handed them to this till (GET /v1/keys;
-- docs/security.md, "Keys for a chain"). Each is kept wrapped with this terminal's secret, which is
-- itself sealed with the till's key file: the database alone opens nothing. ID numbers and full birth
-- dates are sealed with the newest key; any till of the chain opens them.
CREATE TABLE chain_keys (
    kid         INTEGER PRIMARY KEY,
    wrapped     BLOB NOT NULL,
    received_at INTEGER NOT NULL
);
