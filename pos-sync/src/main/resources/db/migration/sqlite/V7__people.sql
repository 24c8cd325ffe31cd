-- The store's people on the till (issue 6): clerks, members, enrolled prints (encrypted only),
-- the member stored-value movements this till made, and the outbox of changes for the store hub.
-- updated_at: epoch milliseconds of the change at the till that made it (last writer wins).
CREATE TABLE clerks (
    clerk_id   TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('CASHIER', 'SUPERVISOR')),
    pin_hash   TEXT    NOT NULL,             -- pbkdf2-sha256$iterations$salt$hash: never the PIN
    active     INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE members (
    member_id  TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    currency   TEXT    NOT NULL,
    active     INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- AES-256-GCM: ciphertext = encrypted template + 16-byte tag; the AAD binds print_id, person,
-- finger, driver and key_id, so a row moved to another person or driver does not decrypt.
CREATE TABLE prints (
    print_id    TEXT    NOT NULL PRIMARY KEY,
    person_kind TEXT    NOT NULL CHECK (person_kind IN ('CLERK', 'MEMBER')),
    person_id   TEXT    NOT NULL,
    finger      TEXT    NOT NULL,
    driver      TEXT    NOT NULL,
    key_id      TEXT    NOT NULL,
    nonce       BLOB    NOT NULL,            -- 12 random bytes per record
    ciphertext  BLOB    NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX prints_person ON prints (person_kind, person_id);

-- Stored-value movements made at this till (the store's ledger is Redis, archived in MariaDB).
CREATE TABLE member_ledger (
    member_id           TEXT    NOT NULL,
    transaction_id      TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('DEBIT', 'TOP_UP')),
    amount_minor        INTEGER NOT NULL,
    balance_after_minor INTEGER NOT NULL,
    till_id             TEXT    NOT NULL,
    at                  TEXT    NOT NULL,
    PRIMARY KEY (member_id, transaction_id)
);

-- Changes made on this till not yet in the store's stream pos:people:changes; deleted once pushed.
CREATE TABLE people_outbox (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    record_type TEXT    NOT NULL CHECK (record_type IN ('clerk', 'member', 'print')),
    record_id   TEXT    NOT NULL,
    body        TEXT    NOT NULL             -- the record as JSON (a print: its ciphertext only)
);
