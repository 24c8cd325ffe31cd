-- Where this till's last pull of the store's people ended, per hub (GET /people?since=<cursor>).
-- The cursor is the hub's, opaque to the till; it is saved only after the pulled records are stored.
CREATE TABLE people_pull_cursor (
    source TEXT NOT NULL PRIMARY KEY,   -- the hub's base URL
    cursor TEXT NOT NULL
);
