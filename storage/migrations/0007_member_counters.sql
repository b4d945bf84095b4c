-- Schema version 7: a member's cached visit counters follow their purchases (docs/design.md, "The
-- member's counters").
--
--   visits            the member's purchases that are not voided (a refunded purchase still counts:
--                     the member came; the figures' `sales` count the same purchases)
--   first_purchase_at the earliest `at` of those purchases, NULL when there is none
--   last_visit_at     the latest `at` of those purchases, NULL when there is none
--
-- The writer that inserts a purchase counts it (PurchaseStore::insert for the earn and bench/BulkSeed,
-- the pull, the snapshot's one-pass member row): a bootstrap of a million members writes each member row
-- once. Whatever changes a purchase afterwards is counted here, for every writer alike: a void (at this
-- till, pulled, or a rejected operation taken back), a merge moving purchases to the member that stays,
-- a corrected time. Before this version a void never took its visit back and a merge left the alias's
-- first and last visit behind.

-- The counters recomputed from the purchases, one row per member: the check compares the cached columns
-- with it, the repair and the backfill below copy it.
CREATE VIEW member_counters_expected AS
SELECT m.local_id AS member, m.visits AS visits, m.first_purchase_at AS first_purchase_at,
       m.last_visit_at AS last_visit_at, COALESCE(p.n, 0) AS expected_visits, p.first_at AS expected_first,
       p.last_at AS expected_last
  FROM members m
  LEFT JOIN (SELECT member, COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at
               FROM purchases WHERE voided_at IS NULL GROUP BY member) p ON p.member = m.local_id;

CREATE VIEW member_counters_wrong AS
SELECT * FROM member_counters_expected
 WHERE visits IS NOT expected_visits OR first_purchase_at IS NOT expected_first
    OR last_visit_at IS NOT expected_last;

-- Both members of a moved purchase (a merge), or its one member (a void, a corrected time): recomputed
-- from that member's purchases through purchases_member_at, a few rows each.
CREATE TRIGGER member_counters_purchase_update AFTER UPDATE OF member, at, voided_at ON purchases
WHEN OLD.member IS NOT NEW.member OR OLD.at IS NOT NEW.at OR OLD.voided_at IS NOT NEW.voided_at
BEGIN
    UPDATE members SET (visits, first_purchase_at, last_visit_at) =
           (SELECT COUNT(*), MIN(p.at), MAX(p.at) FROM purchases p
             WHERE p.member = members.local_id AND p.voided_at IS NULL)
     WHERE local_id IN (OLD.member, NEW.member);
END;

CREATE TRIGGER member_counters_purchase_delete AFTER DELETE ON purchases
BEGIN
    UPDATE members SET (visits, first_purchase_at, last_visit_at) =
           (SELECT COUNT(*), MIN(p.at), MAX(p.at) FROM purchases p
             WHERE p.member = members.local_id AND p.voided_at IS NULL)
     WHERE local_id = OLD.member;
END;

-- The backfill: counters written before this version take what their purchases say.
UPDATE members SET visits = w.expected_visits, first_purchase_at = w.expected_first,
       last_visit_at = w.expected_last
  FROM (SELECT member, expected_visits, expected_first, expected_last FROM member_counters_wrong) AS w
 WHERE members.local_id = w.member;
