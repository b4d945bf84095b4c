-- Schema 10: the chain's data keys (docs/security.md, "Keys for a chain"). Tills seal ID numbers and full
-- birth dates with the newest key; the server hands every key, wrapped with the asking terminal's own
-- secret, to each enrolled till (GET /v1/keys). Disabling a terminal adds a new key, so what is sealed
-- from then on is out of that terminal's reach. A key is 32 random bytes, base64; it is as secret as the
-- terminals' secrets beside it.
CREATE TABLE chain_keys (
    kid        BIGINT PRIMARY KEY,
    key        TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    reason     TEXT NOT NULL
);
