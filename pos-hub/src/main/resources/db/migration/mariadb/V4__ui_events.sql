-- Buried-point events of the tills' cashier screens (R19), archived from the Redis events stream
-- with idempotent upserts keyed by the till-made event id (a ULID); times are UTC.
CREATE TABLE ui_events (
    event_id    VARCHAR(32) CHARACTER SET ascii NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    client_id   VARCHAR(64)  NOT NULL,
    target_id   VARCHAR(64)  NOT NULL,
    occurred_at DATETIME(3)  NOT NULL,
    archived_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (event_id),
    KEY ui_events_target_occurred (target_id, occurred_at),
    KEY ui_events_client_occurred (client_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
