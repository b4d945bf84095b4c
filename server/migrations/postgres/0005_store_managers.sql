-- The managers of each store as head office registered them (`admin managers add`). Once a store has
-- any, an adjustment pushed by one of its tills must name one of them as its approver (docs/sync-protocol.md,
-- "What the server checks of points"); a store with none has its adjustments flagged instead.
CREATE TABLE store_managers (
    store    TEXT NOT NULL REFERENCES stores(id),
    staff    TEXT NOT NULL,              -- the staff id the till sends as approvedBy
    added_at BIGINT NOT NULL,
    PRIMARY KEY (store, staff)
);
