-- Clock stamps an administrator repaired (`admin repair-stamps`, docs/server.md): a profile field's or
-- tier's stamp more than 5 minutes ahead of the server's clock, written before the server refused such
-- stamps, clamped to the server's time then. What it was and what it became, for head office to see.
CREATE TABLE stamp_repairs (
    member      TEXT NOT NULL,
    field       TEXT NOT NULL,   -- a profile field, or 'tier'
    stamp       TEXT NOT NULL,   -- the stamp as it was
    repaired_to TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX stamp_repairs_member ON stamp_repairs(member);
