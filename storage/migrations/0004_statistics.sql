-- Schema version 4: the manager's statistics (docs/statistics.md).
--
-- The dashboard must open in well under a second on a chain-sized till (1,000,000 members, 10,000,000
-- ledger entries), so it reads maintained aggregates instead of scanning the ledger. Triggers keep them
-- in the same transaction as the rows they summarise, so every writer -- the till's use cases, sync's
-- pulled pages and merges, repairs in the sqlite3 shell -- keeps them right without knowing they exist.
-- `counterpart-admin check` proves them equal to a full recomputation (the *_expected views below).
--
-- Buckets are UTC milliseconds floored to 15 minutes: every time zone in use today is a whole number of
-- quarter hours from UTC, so a store's local day -- 23 or 25 hours on a daylight-saving change, +5:45 in
-- Kathmandu -- is an exact run of buckets, computed at read time with the store's zone.
-- floor(x / 900000) * 900000 is written x - ((x % 900000) + 900000) % 900000: SQLite's % keeps the
-- sign of x, and times before 1970 must floor too.

-- What happened in each quarter hour: `n` counts, `amount` sums (points, or minor units of money).
-- Metrics (each source table writes its own prefix, so they never collide):
--   member.new:<channel>  members who joined (not merged aliases: a merge makes two registrations one)
--   sales                 live (not voided) purchases: n purchases, amount spent, at the purchase time
--   sales.refunded        the same purchases that were refunded: amount refunded so far
--   points:<kind><sign>   ledger entries by kind and sign ('points:earn+', 'points:adjust-'): n, points
--   gift:<gift>           gifts granted (gift_grants): welcome, first_purchase, birthday, birthday_bonus
--   tier:<from>><to>      tier changes; the rules' ranks tell an upgrade from a downgrade
CREATE TABLE stats_buckets (
    bucket INTEGER NOT NULL,
    metric TEXT NOT NULL,
    n      INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, metric)
) WITHOUT ROWID;

-- Running totals: 'points' (n entries, amount = sum of every ledger entry = outstanding points),
-- 'tier:<tier>' (active members in each tier), 'members:<status>' (members by status).
CREATE TABLE stats_totals (
    metric TEXT PRIMARY KEY,
    n      INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The full recomputation, one definition for the backfill below and for the check. Rows that add up
-- to nothing are left out here and ignored in the tables (a purchase voided after the fact leaves a
-- zero row behind).
CREATE VIEW stats_buckets_expected AS
SELECT created_at - ((created_at % 900000) + 900000) % 900000 AS bucket, 'member.new:' || channel AS metric,
       COUNT(*) AS n, 0 AS amount
  FROM members WHERE status <> 'merged' GROUP BY 1, 2
UNION ALL
SELECT at - ((at % 900000) + 900000) % 900000, 'sales', COUNT(*), SUM(amount)
  FROM purchases WHERE voided_at IS NULL GROUP BY 1
UNION ALL
SELECT at - ((at % 900000) + 900000) % 900000, 'sales.refunded', COUNT(*), SUM(refunded)
  FROM purchases WHERE voided_at IS NULL AND refunded > 0 GROUP BY 1
UNION ALL
SELECT at - ((at % 900000) + 900000) % 900000, 'points:' || kind || CASE WHEN points >= 0 THEN '+' ELSE '-' END,
       COUNT(*), SUM(points)
  FROM ledger GROUP BY 1, 2
UNION ALL
SELECT at - ((at % 900000) + 900000) % 900000, 'gift:' || gift, COUNT(*), 0
  FROM gift_grants GROUP BY 1, 2
UNION ALL
SELECT at - ((at % 900000) + 900000) % 900000, 'tier:' || from_tier || '>' || to_tier, COUNT(*), 0
  FROM tier_changes GROUP BY 1, 2;

CREATE VIEW stats_totals_expected AS
SELECT 'points' AS metric, n, amount
  FROM (SELECT COUNT(*) AS n, COALESCE(SUM(points), 0) AS amount FROM ledger) WHERE n > 0
UNION ALL
SELECT 'tier:' || tier, COUNT(*), 0 FROM members WHERE status = 'active' GROUP BY tier
UNION ALL
SELECT 'members:' || status, COUNT(*), 0 FROM members GROUP BY status;

-- The backfill: what the rows already here add up to.
INSERT INTO stats_buckets(bucket, metric, n, amount) SELECT bucket, metric, n, amount FROM stats_buckets_expected;
INSERT INTO stats_totals(metric, n, amount) SELECT metric, n, amount FROM stats_totals_expected;

-- ---- members ----------------------------------------------------------------------------------------

CREATE TRIGGER stats_members_insert AFTER INSERT ON members
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    SELECT NEW.created_at - ((NEW.created_at % 900000) + 900000) % 900000, 'member.new:' || NEW.channel, 1
     WHERE NEW.status <> 'merged'
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) SELECT 'tier:' || NEW.tier, 1 WHERE NEW.status = 'active'
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) VALUES ('members:' || NEW.status, 1)
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
END;

-- Every earn updates the member's balance and visits: the trigger names only the columns it counts, and
-- its WHEN skips updates that set them to what they were.
CREATE TRIGGER stats_members_update AFTER UPDATE OF status, channel, created_at, tier ON members
WHEN OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel OR OLD.created_at IS NOT NEW.created_at
     OR OLD.tier IS NOT NEW.tier
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    SELECT OLD.created_at - ((OLD.created_at % 900000) + 900000) % 900000, 'member.new:' || OLD.channel, -1
     WHERE OLD.status <> 'merged'
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(bucket, metric, n)
    SELECT NEW.created_at - ((NEW.created_at % 900000) + 900000) % 900000, 'member.new:' || NEW.channel, 1
     WHERE NEW.status <> 'merged'
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) SELECT 'tier:' || OLD.tier, -1 WHERE OLD.status = 'active'
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) SELECT 'tier:' || NEW.tier, 1 WHERE NEW.status = 'active'
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) VALUES ('members:' || OLD.status, -1)
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) VALUES ('members:' || NEW.status, 1)
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_members_delete AFTER DELETE ON members
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    SELECT OLD.created_at - ((OLD.created_at % 900000) + 900000) % 900000, 'member.new:' || OLD.channel, -1
     WHERE OLD.status <> 'merged'
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) SELECT 'tier:' || OLD.tier, -1 WHERE OLD.status = 'active'
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_totals(metric, n) VALUES ('members:' || OLD.status, -1)
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- purchases --------------------------------------------------------------------------------------

CREATE TRIGGER stats_purchases_insert AFTER INSERT ON purchases
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales', 1, NEW.amount WHERE NEW.voided_at IS NULL
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales.refunded', 1, NEW.refunded
     WHERE NEW.voided_at IS NULL AND NEW.refunded > 0
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- Refunds and voids (local or pulled) change a purchase after the fact; a merge changes only its member,
-- which no bucket counts.
CREATE TRIGGER stats_purchases_update AFTER UPDATE OF at, amount, refunded, voided_at ON purchases
WHEN OLD.at IS NOT NEW.at OR OLD.amount IS NOT NEW.amount OR OLD.refunded IS NOT NEW.refunded
     OR OLD.voided_at IS NOT NEW.voided_at
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales', -1, -OLD.amount WHERE OLD.voided_at IS NULL
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales.refunded', -1, -OLD.refunded
     WHERE OLD.voided_at IS NULL AND OLD.refunded > 0
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales', 1, NEW.amount WHERE NEW.voided_at IS NULL
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'sales.refunded', 1, NEW.refunded
     WHERE NEW.voided_at IS NULL AND NEW.refunded > 0
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

CREATE TRIGGER stats_purchases_delete AFTER DELETE ON purchases
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales', -1, -OLD.amount WHERE OLD.voided_at IS NULL
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    SELECT OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'sales.refunded', -1, -OLD.refunded
     WHERE OLD.voided_at IS NULL AND OLD.refunded > 0
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- ---- the ledger (append-only: only inserts count; a merge rewrites `member`, which no bucket counts) ----

CREATE TRIGGER stats_ledger_insert AFTER INSERT ON ledger
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n, amount)
    VALUES (NEW.at - ((NEW.at % 900000) + 900000) % 900000,
            'points:' || NEW.kind || CASE WHEN NEW.points >= 0 THEN '+' ELSE '-' END, 1, NEW.points)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO stats_totals(metric, n, amount) VALUES ('points', 1, NEW.points)
    ON CONFLICT(metric) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;

-- ---- gifts: a void or a rejected operation takes a grant back by deleting it ------------------------

CREATE TRIGGER stats_gifts_insert AFTER INSERT ON gift_grants
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'gift:' || NEW.gift, 1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_gifts_update AFTER UPDATE OF gift, at ON gift_grants
WHEN OLD.gift IS NOT NEW.gift OR OLD.at IS NOT NEW.at
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'gift:' || OLD.gift, -1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'gift:' || NEW.gift, 1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_gifts_delete AFTER DELETE ON gift_grants
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'gift:' || OLD.gift, -1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- tier changes -----------------------------------------------------------------------------------

CREATE TRIGGER stats_tier_changes_insert AFTER INSERT ON tier_changes
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'tier:' || NEW.from_tier || '>' || NEW.to_tier, 1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_tier_changes_update AFTER UPDATE OF from_tier, to_tier, at ON tier_changes
WHEN OLD.from_tier IS NOT NEW.from_tier OR OLD.to_tier IS NOT NEW.to_tier OR OLD.at IS NOT NEW.at
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'tier:' || OLD.from_tier || '>' || OLD.to_tier, -1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (NEW.at - ((NEW.at % 900000) + 900000) % 900000, 'tier:' || NEW.from_tier || '>' || NEW.to_tier, 1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_tier_changes_delete AFTER DELETE ON tier_changes
BEGIN
    INSERT INTO stats_buckets(bucket, metric, n)
    VALUES (OLD.at - ((OLD.at % 900000) + 900000) % 900000, 'tier:' || OLD.from_tier || '>' || OLD.to_tier, -1)
    ON CONFLICT(bucket, metric) DO UPDATE SET n = n + excluded.n;
END;

-- ---- indexes for the figures and lists that count distinct members ----------------------------------

-- Members who bought in a period, read from the index alone (no row lookups): visitors, returning.
CREATE INDEX purchases_at_member ON purchases(at, member) WHERE voided_at IS NULL;
-- Who joined in a period: returning members, new members who have not come back.
CREATE INDEX members_created_at ON members(created_at);
-- Recency segments (champions, loyal, at risk, lost), most recent visit first.
CREATE INDEX members_last_visit ON members(last_visit_at) WHERE status = 'active';
-- Birthdays this week.
CREATE INDEX members_birthday ON members(birth_month, birth_day) WHERE status = 'active' AND birth_month IS NOT NULL;
