-- Head office's figures per store (server/Figures.cpp, `admin stats`, GET /v1/stats): each figure is one
-- range read on one of these. The server's own entries (expiry) name the member's home store from this
-- version on; older ones have none and count for the chain only.
CREATE INDEX purchases_store_at ON purchases(store, at);
CREATE INDEX entries_store_at ON entries(store, at);
CREATE INDEX members_store_created ON members(store, created_at);
