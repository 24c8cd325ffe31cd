-- Buried-point events of the cashier's screens (R19): one row per event, append-only, beside the
-- sales in the same journal file. event_id (a till-made ULID) is the idempotency key; seq is the
-- append order the event outbox hands on by; at_ms is the event's time in epoch milliseconds
-- (an integer, so that period queries compare numbers, not ISO strings of varying length).
CREATE TABLE ui_events (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id  TEXT    NOT NULL UNIQUE,
    kind      TEXT    NOT NULL,   -- PAGE_SHOWN or ELEMENT_CLICKED
    client_id TEXT    NOT NULL,   -- the till
    target_id TEXT    NOT NULL,   -- page id or element id
    at_ms     INTEGER NOT NULL
);
CREATE INDEX ui_events_target_at ON ui_events (kind, target_id, at_ms);

-- Every event with seq <= handed_on_seq has been handed on to the store's Redis events stream.
CREATE TABLE ui_events_sync_position (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    handed_on_seq INTEGER NOT NULL
);
INSERT INTO ui_events_sync_position (id, handed_on_seq) VALUES (1, 0);
