-- The store's archive of finished sales. Rows are written by the archiver with idempotent
-- upserts keyed by transaction id (a till-made ULID); times are UTC.
-- No foreign keys: a sale and its lines and tenders are always written in one transaction and
-- never deleted, and foreign-key checks would only slow the multi-row upserts down.
CREATE TABLE sales (
    transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
    till_id        VARCHAR(64)  NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    currency       CHAR(3) CHARACTER SET ascii NOT NULL,
    total_minor    BIGINT       NOT NULL,
    tax_minor      BIGINT       NOT NULL,
    opened_at      DATETIME(3)  NOT NULL,
    closed_at      DATETIME(3)  NOT NULL,
    line_count     INT          NOT NULL,
    archived_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (transaction_id),
    KEY sales_closed_at (closed_at),
    KEY sales_till_closed_at (till_id, closed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE sale_lines (
    transaction_id   VARCHAR(32) CHARACTER SET ascii NOT NULL,
    line_no          INT          NOT NULL,
    product_code     VARCHAR(64)  NOT NULL,
    name             VARCHAR(255) NOT NULL,
    quantity         INT          NOT NULL,
    grams            INT          NOT NULL,
    unit_price_minor BIGINT       NOT NULL,
    line_total_minor BIGINT       NOT NULL,
    tax_class        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (transaction_id, line_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE sale_tenders (
    transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
    tender_no      INT         NOT NULL,
    tender_type    VARCHAR(16) NOT NULL,
    amount_minor   BIGINT      NOT NULL,
    tendered_minor BIGINT      NOT NULL,
    change_minor   BIGINT      NOT NULL,
    PRIMARY KEY (transaction_id, tender_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
