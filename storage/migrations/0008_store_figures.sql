-- Schema version 8: the figures of this till's store beside the chain's (docs/statistics.md, "Whose
-- figures").
--
-- A till holds every member of the chain, so schema 4's aggregates added up the whole chain and a store
-- manager's "store figures" were the chain's. Each aggregate row now has a scope: `here` = 0 for the
-- chain (what the till knows of it), 1 for this till's store (settings.store_id). Only these two: the
-- rows of every other store would cost a till as much as its own for figures nobody there reads. Head
-- office reads every store's figures from the server (counterpart-server admin stats).
--
-- Whose is what:
--   a member joining, tier counts, members by status   the member's home store (members.store_id)
--   a purchase and its refunds                         the purchase's store
--   a ledger entry (points:*)                          the store whose till made it (ledger.store_id);
--                                                      the server's own entries name the member's home
--                                                      store, older ones none (chain only)
--   a gift                                             the store of the entry that granted it
--   outstanding points ('points' total, 'balance')     the member's home store: "our members' points"
--   a tier change                                      the member's home store
-- A till's store changes only at enrolment, and its enrolment rebuilds these tables (the rows that said
-- "here" now belong to another store). A member's home store changing (a pull after the first
-- enrolment) moves their balance and tier changes with them.

-- ---- every entry made at a till names its store ------------------------------------------------------

-- store_id leaves the append-only list: enrolment moves the entries made before it to the store the till
-- joined, as it moves their purchases. Every other column stays append-only.
DROP TRIGGER ledger_append_only_update;
CREATE TRIGGER ledger_append_only_update
BEFORE UPDATE OF local_id, id, kind, points, at, expires_at, purchase, reverses, reward, discount, rules_version,
                 terminal_id, cashier, reason, approved_by, receipt ON ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;

-- Entries this till made before this version carried a store only on redemptions.
UPDATE ledger SET store_id = (SELECT value FROM settings WHERE key = 'store_id')
 WHERE store_id IS NULL AND terminal_id = (SELECT value FROM settings WHERE key = 'terminal_id');

-- ---- the aggregates, scoped -------------------------------------------------------------------------

DROP TRIGGER stats_members_insert;
DROP TRIGGER stats_members_update;
DROP TRIGGER stats_members_delete;
DROP TRIGGER stats_purchases_insert;
DROP TRIGGER stats_purchases_update;
DROP TRIGGER stats_purchases_delete;
DROP TRIGGER stats_ledger_insert;
DROP TRIGGER stats_gifts_insert;
DROP TRIGGER stats_gifts_update;
DROP TRIGGER stats_gifts_delete;
DROP TRIGGER stats_tier_changes_insert;
DROP TRIGGER stats_tier_changes_update;
DROP TRIGGER stats_tier_changes_delete;
DROP VIEW stats_buckets_expected;
DROP VIEW stats_totals_expected;
DROP TABLE stats_buckets;
DROP TABLE stats_totals;

-- The two scopes, joined by every trigger: a row goes to scope 0 always, to scope 1 when its store is
-- this till's.
CREATE TABLE stats_scopes (here INTEGER PRIMARY KEY);
INSERT INTO stats_scopes(here) VALUES (0), (1);

-- Metrics as in schema 4, and 'balance': every ledger entry again, by the member's home store, so the
-- outstanding points at the end of a past period are the 'points' total less the later 'balance' rows.
CREATE TABLE stats_buckets (
    here   INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    metric TEXT NOT NULL,
    n      INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (here, bucket, metric)
) WITHOUT ROWID;

CREATE TABLE stats_totals (
    here   INTEGER NOT NULL,
    metric TEXT NOT NULL,
    n      INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (here, metric)
) WITHOUT ROWID;

-- The rows with the store each counts for, one definition for the views below.
CREATE VIEW stats_ledger_stores AS
SELECT l.at, l.kind, l.points, COALESCE(l.store_id, '') AS store, m.store_id AS home
  FROM ledger l JOIN members m ON m.local_id = l.member;

CREATE VIEW stats_buckets_expected AS
SELECT s.here, x.bucket, x.metric, SUM(x.n) AS n, SUM(x.amount) AS amount
  FROM stats_scopes s JOIN (
    SELECT created_at - ((created_at % 900000) + 900000) % 900000 AS bucket, 'member.new:' || channel AS metric,
           1 AS n, 0 AS amount, store_id AS store
      FROM members WHERE status <> 'merged'
    UNION ALL
    SELECT at - ((at % 900000) + 900000) % 900000, 'sales', 1, amount, store_id
      FROM purchases WHERE voided_at IS NULL
    UNION ALL
    SELECT at - ((at % 900000) + 900000) % 900000, 'sales.refunded', 1, refunded, store_id
      FROM purchases WHERE voided_at IS NULL AND refunded > 0
    UNION ALL
    SELECT at - ((at % 900000) + 900000) % 900000,
           'points:' || kind || CASE WHEN points >= 0 THEN '+' ELSE '-' END, 1, points, store
      FROM stats_ledger_stores
    UNION ALL
    SELECT at - ((at % 900000) + 900000) % 900000, 'balance', 1, points, home FROM stats_ledger_stores
    UNION ALL
    SELECT g.at - ((g.at % 900000) + 900000) % 900000, 'gift:' || g.gift, 1, 0, COALESCE(l.store_id, '')
      FROM gift_grants g LEFT JOIN ledger l ON l.local_id = g.entry
    UNION ALL
    SELECT t.at - ((t.at % 900000) + 900000) % 900000, 'tier:' || t.from_tier || '>' || t.to_tier, 1, 0,
           m.store_id
      FROM tier_changes t JOIN members m ON m.local_id = t.member
  ) x ON s.here = 0 OR x.store = (SELECT value FROM settings WHERE key = 'store_id')
 GROUP BY 1, 2, 3;

CREATE VIEW stats_totals_expected AS
SELECT s.here, x.metric, SUM(x.n) AS n, SUM(x.amount) AS amount
  FROM stats_scopes s JOIN (
    SELECT 'points' AS metric, 1 AS n, points AS amount, home AS store FROM stats_ledger_stores
    UNION ALL
    SELECT 'tier:' || tier, 1, 0, store_id FROM members WHERE status = 'active'
    UNION ALL
    SELECT 'members:' || status, 1, 0, store_id FROM members
  ) x ON s.here = 0 OR x.store = (SELECT value FROM settings WHERE key = 'store_id')
 GROUP BY 1, 2;

INSERT INTO stats_buckets(here, bucket, metric, n, amount)
SELECT here, bucket, metric, n, amount FROM stats_buckets_expected;
INSERT INTO stats_totals(here, metric, n, amount) SELECT here, metric, n, amount FROM stats_totals_expected;

-- ---- members ----------------------------------------------------------------------------------------

CREATE TRIGGER stats_members_insert AFTER INSERT ON members
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.created_at - ((NEW.created_at % 900000) + 900000) % 900000, 'member.new:' || NEW.channel, 1
      FROM stats_scopes WHERE NEW.status <> 'merged'
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'tier:' || NEW.tier, 1 FROM stats_scopes WHERE NEW.status = 'active'
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'members:' || NEW.status, 1 FROM stats_scopes
     WHERE here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
END;

-- Every earn updates the member's balance and visits: the trigger names only the columns it counts.
CREATE TRIGGER stats_members_update AFTER UPDATE OF status, channel, created_at, tier, store_id ON members
WHEN OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel OR OLD.created_at IS NOT NEW.created_at
     OR OLD.tier IS NOT NEW.tier OR OLD.store_id IS NOT NEW.store_id
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.created_at - ((OLD.created_at % 900000) + 900000) % 900000, 'member.new:' || OLD.channel, -1
      FROM stats_scopes WHERE OLD.status <> 'merged'
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.created_at - ((NEW.created_at % 900000) + 900000) % 900000, 'member.new:' || NEW.channel, 1
      FROM stats_scopes WHERE NEW.status <> 'merged'
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'tier:' || OLD.tier, -1 FROM stats_scopes WHERE OLD.status = 'active'
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'tier:' || NEW.tier, 1 FROM stats_scopes WHERE NEW.status = 'active'
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'members:' || OLD.status, -1 FROM stats_scopes
     WHERE here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'members:' || NEW.status, 1 FROM stats_scopes
     WHERE here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
END;

-- A member whose home store becomes or stops being this one takes their points and tier changes along
-- (scope 1 only: the chain's rows do not change).
CREATE TRIGGER stats_members_home_moves AFTER UPDATE OF store_id ON members
WHEN (OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
     IS NOT (NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT 1, at - ((at % 900000) + 900000) % 900000, 'balance',
           SUM(CASE WHEN NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id') THEN 1 ELSE -1 END),
           SUM(CASE WHEN NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id') THEN points
                    ELSE -points END)
      FROM ledger WHERE member = NEW.local_id GROUP BY 2
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_totals(here, metric, n, amount)
    SELECT 1, 'points',
           SUM(CASE WHEN NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id') THEN 1 ELSE -1 END),
           SUM(CASE WHEN NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id') THEN points
                    ELSE -points END)
      FROM ledger WHERE member = NEW.local_id HAVING COUNT(*) > 0
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT 1, at - ((at % 900000) + 900000) % 900000, 'tier:' || from_tier || '>' || to_tier,
           SUM(CASE WHEN NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id') THEN 1 ELSE -1 END)
      FROM tier_changes WHERE member = NEW.local_id GROUP BY 2, 3
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_members_delete AFTER DELETE ON members
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.created_at - ((OLD.created_at % 900000) + 900000) % 900000, 'member.new:' || OLD.channel, -1
      FROM stats_scopes WHERE OLD.status <> 'merged'
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'tier:' || OLD.tier, -1 FROM stats_scopes WHERE OLD.status = 'active'
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(here, metric, n)
    SELECT here, 'members:' || OLD.status, -1 FROM stats_scopes
     WHERE here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- purchases --------------------------------------------------------------------------------------

CREATE TRIGGER stats_purchases_insert AFTER INSERT ON purchases
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales', 1, NEW.amount
      FROM stats_scopes WHERE NEW.voided_at IS NULL
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales.refunded', 1, NEW.refunded
      FROM stats_scopes WHERE NEW.voided_at IS NULL AND NEW.refunded > 0
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- Refunds and voids change a purchase after the fact; enrolment moves its store; a merge changes only its
-- member, which no bucket counts.
CREATE TRIGGER stats_purchases_update AFTER UPDATE OF at, amount, refunded, voided_at, store_id ON purchases
WHEN OLD.at IS NOT NEW.at OR OLD.amount IS NOT NEW.amount OR OLD.refunded IS NOT NEW.refunded
     OR OLD.voided_at IS NOT NEW.voided_at OR OLD.store_id IS NOT NEW.store_id
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales', -1, -OLD.amount
      FROM stats_scopes WHERE OLD.voided_at IS NULL
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales.refunded', -1, -OLD.refunded
      FROM stats_scopes WHERE OLD.voided_at IS NULL AND OLD.refunded > 0
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales', 1, NEW.amount
      FROM stats_scopes WHERE NEW.voided_at IS NULL
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales.refunded', 1, NEW.refunded
      FROM stats_scopes WHERE NEW.voided_at IS NULL AND NEW.refunded > 0
       AND (here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

CREATE TRIGGER stats_purchases_delete AFTER DELETE ON purchases
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales', -1, -OLD.amount
      FROM stats_scopes WHERE OLD.voided_at IS NULL
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales.refunded', -1, -OLD.refunded
      FROM stats_scopes WHERE OLD.voided_at IS NULL AND OLD.refunded > 0
       AND (here = 0 OR OLD.store_id = (SELECT value FROM settings WHERE key = 'store_id'))
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- ---- the ledger -------------------------------------------------------------------------------------

CREATE TRIGGER stats_ledger_insert AFTER INSERT ON ledger
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000,
           'points:' || NEW.kind || CASE WHEN NEW.points >= 0 THEN '+' ELSE '-' END, 1, NEW.points
      FROM stats_scopes WHERE here = 0 OR NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'balance', 1, NEW.points
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = NEW.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_totals(here, metric, n, amount)
    SELECT here, 'points', 1, NEW.points
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = NEW.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- A merge moves entries to the member that stays, whose home store may be another; enrolment moves the
-- entries made before it to the till's store. Scope 0 nets to nothing, which the check ignores.
CREATE TRIGGER stats_ledger_moves AFTER UPDATE OF member, store_id ON ledger
WHEN OLD.member IS NOT NEW.member OR OLD.store_id IS NOT NEW.store_id
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT 1, OLD.at - ((OLD.at % 900000) + 900000) % 900000,
           'points:' || OLD.kind || CASE WHEN OLD.points >= 0 THEN '+' ELSE '-' END,
           (NEW.store_id IS (SELECT value FROM settings WHERE key = 'store_id'))
               - (OLD.store_id IS (SELECT value FROM settings WHERE key = 'store_id')),
           OLD.points * ((NEW.store_id IS (SELECT value FROM settings WHERE key = 'store_id'))
                         - (OLD.store_id IS (SELECT value FROM settings WHERE key = 'store_id')))
     WHERE OLD.store_id IS NOT NEW.store_id
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(here, bucket, metric, n, amount)
    SELECT 1, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'balance', d, OLD.points * d
      FROM (SELECT ((SELECT store_id FROM members WHERE local_id = NEW.member)
                        IS (SELECT value FROM settings WHERE key = 'store_id'))
                   - ((SELECT store_id FROM members WHERE local_id = OLD.member)
                        IS (SELECT value FROM settings WHERE key = 'store_id')) AS d)
     WHERE d <> 0
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_totals(here, metric, n, amount)
    SELECT 1, 'points', d, OLD.points * d
      FROM (SELECT ((SELECT store_id FROM members WHERE local_id = NEW.member)
                        IS (SELECT value FROM settings WHERE key = 'store_id'))
                   - ((SELECT store_id FROM members WHERE local_id = OLD.member)
                        IS (SELECT value FROM settings WHERE key = 'store_id')) AS d)
     WHERE d <> 0
    ON CONFLICT(here, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- ---- gifts: a void or a rejected operation takes a grant back by deleting it ------------------------

CREATE TRIGGER stats_gifts_insert AFTER INSERT ON gift_grants
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'gift:' || NEW.gift, 1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM ledger WHERE local_id = NEW.entry)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_gifts_update AFTER UPDATE OF gift, at, entry ON gift_grants
WHEN OLD.gift IS NOT NEW.gift OR OLD.at IS NOT NEW.at OR OLD.entry IS NOT NEW.entry
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'gift:' || OLD.gift, -1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM ledger WHERE local_id = OLD.entry)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'gift:' || NEW.gift, 1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM ledger WHERE local_id = NEW.entry)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_gifts_delete AFTER DELETE ON gift_grants
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'gift:' || OLD.gift, -1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM ledger WHERE local_id = OLD.entry)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- tier changes: the member's home store ----------------------------------------------------------

CREATE TRIGGER stats_tier_changes_insert AFTER INSERT ON tier_changes
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'tier:' || NEW.from_tier || '>' || NEW.to_tier, 1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = NEW.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_tier_changes_update AFTER UPDATE OF from_tier, to_tier, at, member ON tier_changes
WHEN OLD.from_tier IS NOT NEW.from_tier OR OLD.to_tier IS NOT NEW.to_tier OR OLD.at IS NOT NEW.at
     OR OLD.member IS NOT NEW.member
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'tier:' || OLD.from_tier || '>' || OLD.to_tier, -1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = OLD.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'tier:' || NEW.from_tier || '>' || NEW.to_tier, 1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = NEW.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_tier_changes_delete AFTER DELETE ON tier_changes
BEGIN
    INSERT INTO stats_buckets(here, bucket, metric, n)
    SELECT here, OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'tier:' || OLD.from_tier || '>' || OLD.to_tier, -1
      FROM stats_scopes WHERE here = 0 OR (SELECT store_id FROM members WHERE local_id = OLD.member)
                                          = (SELECT value FROM settings WHERE key = 'store_id')
    ON CONFLICT(here, bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- this store's visits, for its lists -------------------------------------------------------------

-- A member's live purchases at this till's store: the store's segments (champions, loyal, at risk,
-- lost) rank members by their visits here, not by their visits anywhere in the chain. Kept by triggers
-- for every writer, rebuilt with the aggregates.
CREATE TABLE member_visits_here (
    member        INTEGER PRIMARY KEY REFERENCES members(local_id),
    visits        INTEGER NOT NULL,
    last_visit_at INTEGER NOT NULL
);
CREATE INDEX member_visits_here_last ON member_visits_here(last_visit_at);

CREATE VIEW member_visits_here_expected AS
SELECT member, COUNT(*) AS visits, MAX(at) AS last_visit_at FROM purchases
 WHERE voided_at IS NULL AND store_id = (SELECT value FROM settings WHERE key = 'store_id')
 GROUP BY member;

INSERT INTO member_visits_here(member, visits, last_visit_at)
SELECT member, visits, last_visit_at FROM member_visits_here_expected;

CREATE TRIGGER member_visits_here_insert AFTER INSERT ON purchases
WHEN NEW.voided_at IS NULL AND NEW.store_id = (SELECT value FROM settings WHERE key = 'store_id')
BEGIN
    INSERT INTO member_visits_here(member, visits, last_visit_at) VALUES (NEW.member, 1, NEW.at)
    ON CONFLICT(member) DO UPDATE SET visits = visits + 1, last_visit_at = MAX(last_visit_at, excluded.last_visit_at);
END;

-- A void, a merge, a corrected time or a store moved at enrolment: the member's row recomputed from
-- their purchases (purchases_member_at, a few rows).
CREATE TRIGGER member_visits_here_update AFTER UPDATE OF member, at, voided_at, store_id ON purchases
WHEN OLD.member IS NOT NEW.member OR OLD.at IS NOT NEW.at OR OLD.voided_at IS NOT NEW.voided_at
     OR OLD.store_id IS NOT NEW.store_id
BEGIN
    DELETE FROM member_visits_here WHERE member IN (OLD.member, NEW.member);
    INSERT INTO member_visits_here(member, visits, last_visit_at)
    SELECT member, COUNT(*), MAX(at) FROM purchases
     WHERE member IN (OLD.member, NEW.member) AND voided_at IS NULL
       AND store_id = (SELECT value FROM settings WHERE key = 'store_id')
     GROUP BY member;
END;

CREATE TRIGGER member_visits_here_delete AFTER DELETE ON purchases
BEGIN
    DELETE FROM member_visits_here WHERE member = OLD.member;
    INSERT INTO member_visits_here(member, visits, last_visit_at)
    SELECT member, COUNT(*), MAX(at) FROM purchases
     WHERE member = OLD.member AND voided_at IS NULL
       AND store_id = (SELECT value FROM settings WHERE key = 'store_id')
     GROUP BY member;
END;

-- ---- indexes for this store's figures and lists -----------------------------------------------------

-- Members who bought here in a period, from the index alone.
CREATE INDEX purchases_store_at_member ON purchases(store_id, at, member) WHERE voided_at IS NULL;
-- Who joined here.
CREATE INDEX members_store_created_at ON members(store_id, created_at);
