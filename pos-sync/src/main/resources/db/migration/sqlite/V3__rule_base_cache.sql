-- The last good rule base this till received from the store hub (R14), so it works offline with it
-- after a restart. At most one row, replaced when a newer version compiles; the bundled defaults
-- are used only when this table is empty.
CREATE TABLE rule_base_cache (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    body        TEXT    NOT NULL,   -- the rule data as JSON (RuleBaseJson)
    sha256      TEXT    NOT NULL,   -- of body, hex
    received_at TEXT    NOT NULL    -- ISO-8601 UTC instant
);
