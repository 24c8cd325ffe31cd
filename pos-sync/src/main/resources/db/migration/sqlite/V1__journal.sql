-- The till's journal: append-only, one row per event. A row is never updated or deleted.
-- seq is the order of appends (AUTOINCREMENT: never reused); transaction_id is the idempotency key.
CREATE TABLE journal (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL,
    payload        TEXT    NOT NULL,   -- the SaleRecord as JSON
    created_at     TEXT    NOT NULL    -- ISO-8601 UTC instant of the append
);

-- The sync position, kept beside the journal: every row with seq <= handed_on_seq has been
-- handed on to the store's Redis archive stream. Exactly one row.
CREATE TABLE sync_position (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    handed_on_seq INTEGER NOT NULL
);
INSERT INTO sync_position (id, handed_on_seq) VALUES (1, 0);
