-- Schema 10: staff from head office (docs/sync-client.md, "Staff").
-- 'chain': a person of the store's list at the server, kept up to date by every sync (GET /v1/staff);
-- 'local': made at this till. Once head office lists a store's staff, that list is who may sign in, and
-- people made at the till are switched off. deactivated_at: when the switch-off reached this till.
ALTER TABLE cashiers ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'chain'));
ALTER TABLE cashiers ADD COLUMN deactivated_at INTEGER;
