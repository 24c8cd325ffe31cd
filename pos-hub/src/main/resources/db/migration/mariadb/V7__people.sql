-- The store's people (issue 6), archived by the store hub from the stream pos:people:changes.
-- updated_at: epoch milliseconds of the change at the till that made it; the newest wins.
CREATE TABLE clerks (
    clerk_id   VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    name       VARCHAR(200) NOT NULL,
    role       VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    pin_hash   VARCHAR(200) CHARACTER SET ascii NOT NULL,   -- pbkdf2-sha256$…: never the PIN
    active     BOOLEAN      NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (clerk_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE members (
    member_id  VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    name       VARCHAR(200) NOT NULL,
    currency   CHAR(3)      CHARACTER SET ascii NOT NULL,
    active     BOOLEAN      NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Encrypted only (AES-256-GCM, see pos.sync.people.PrintCipher); the hub never holds the key.
CREATE TABLE prints (
    print_id    CHAR(32)     CHARACTER SET ascii NOT NULL,
    person_kind VARCHAR(8)   CHARACTER SET ascii NOT NULL,
    person_id   VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    finger      VARCHAR(40)  NOT NULL,
    driver      VARCHAR(100) NOT NULL,
    key_id      VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    nonce       VARBINARY(12) NOT NULL,
    ciphertext  MEDIUMBLOB   NOT NULL,
    deleted     BOOLEAN      NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (print_id),
    KEY prints_person (person_kind, person_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every stored-value movement, from the Redis debit/top-up script; the key makes a replayed
-- stream entry harmless (one row per member and transaction id).
CREATE TABLE member_ledger (
    member_id           VARCHAR(40) CHARACTER SET ascii NOT NULL,
    transaction_id      VARCHAR(64) CHARACTER SET ascii NOT NULL,
    kind                VARCHAR(8)  CHARACTER SET ascii NOT NULL,   -- DEBIT or TOP_UP
    amount_minor        BIGINT      NOT NULL,
    balance_after_minor BIGINT      NOT NULL,
    till_id             VARCHAR(64) NOT NULL,
    at                  DATETIME(3) NOT NULL,
    archived_at         DATETIME(3) NOT NULL,
    PRIMARY KEY (member_id, transaction_id),
    KEY member_ledger_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
