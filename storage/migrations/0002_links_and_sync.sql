-- Schema version 2.
-- A redemption can name the receipt it was spent on, so a full refund of that receipt can give the
-- points back when the rules say so; the server's last word on a balance (for the offline
-- redemption cap); indexes for voids, refunds and the expiry sweep.

ALTER TABLE ledger ADD COLUMN store_id TEXT;
ALTER TABLE ledger ADD COLUMN receipt TEXT;
ALTER TABLE members ADD COLUMN synced_balance INTEGER;   -- NULL until the first sync

CREATE INDEX ledger_reverses ON ledger(reverses) WHERE reverses IS NOT NULL;
CREATE INDEX ledger_purchase ON ledger(purchase) WHERE purchase IS NOT NULL;
CREATE INDEX ledger_receipt ON ledger(store_id, receipt) WHERE receipt IS NOT NULL;
CREATE INDEX ledger_expiring ON ledger(expires_at) WHERE expires_at IS NOT NULL AND points > 0;

-- A merge of two members (the same phone registered offline at two tills) moves the alias's entries to
-- the member it was merged into: `member` is the one ledger column that may be rewritten. Every other
-- column stays append-only. A column added to the ledger later must be added to this list.
DROP TRIGGER ledger_append_only_update;
CREATE TRIGGER ledger_append_only_update
BEFORE UPDATE OF local_id, id, kind, points, at, expires_at, purchase, reverses, reward, discount, rules_version,
                 terminal_id, cashier, reason, approved_by, store_id, receipt ON ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;
