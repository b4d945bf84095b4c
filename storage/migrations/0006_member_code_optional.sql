-- A member may have no member code (docs/design.md, "Members without a code"). Two tills that made
-- codes before enrolment can pick the same number; the server keeps the second member without it, and
-- a till must take such a member in (a NOT NULL code rolled back every page that brought one, and the
-- till's sync stopped for good). Codes stay unique: UNIQUE lets any number of NULLs through.
--
-- SQLite cannot drop NOT NULL with ALTER TABLE, and copying a chain-sized members table (with its
-- triggers, indexes and the tables that refer to it) would take minutes at a till. SQLite documents
-- editing the stored CREATE TABLE text for exactly this case (removing a NOT NULL constraint:
-- https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema changes"); nothing
-- on disk changes but the schema text, and the schema is reloaded before the transaction goes on.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'code              TEXT NOT NULL UNIQUE,', 'code              TEXT UNIQUE,')
 WHERE type = 'table' AND name = 'members';
PRAGMA writable_schema = RESET;

-- Stops the migration (and its transaction) if the text was not what 0001 wrote.
CREATE TEMP TABLE migration_0006_check (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO migration_0006_check
    SELECT instr(sql, 'code              TEXT UNIQUE,') > 0 FROM sqlite_schema
     WHERE type = 'table' AND name = 'members';
DROP TABLE migration_0006_check;

-- Operations made before enrolment carry a clock stamp naming the till's first, provisional terminal
-- id; the server refuses a stamp naming another terminal than the one that signs. A till enrolled
-- before this version rewrote their terminal but not their stamp: the stamps of the waiting
-- operations take the till's terminal id now (enrolment does it from now on).
UPDATE outbox
   SET payload = json_set(payload, '$.hlc',
                          substr(json_extract(payload, '$.hlc'), 1, 19) ||
                              (SELECT value FROM settings WHERE key = 'terminal_id'))
 WHERE status = 'pending' AND length(json_extract(payload, '$.hlc')) > 19
   AND EXISTS (SELECT 1 FROM settings WHERE key = 'terminal_id');
