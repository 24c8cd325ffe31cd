-- Issue 12: the audit trail and the till's other records. A sale names its clerk and shift, its
-- discounts and cash rounding; each line its list price, discount, tax rate and tax; the audit
-- entries inside a sale (voids, overrides, discounts, approvals) get a table of their own.
ALTER TABLE sales
    ADD COLUMN clerk_id             VARCHAR(40)  NULL,
    ADD COLUMN clerk_name           VARCHAR(255) NULL,
    ADD COLUMN shift_id             VARCHAR(32) CHARACTER SET ascii NULL,
    ADD COLUMN sale_discount_minor  BIGINT       NOT NULL DEFAULT 0,
    ADD COLUMN sale_discount_reason VARCHAR(255) NULL,
    ADD COLUMN rounding_minor       BIGINT       NOT NULL DEFAULT 0;
CREATE INDEX sales_clerk_closed_at ON sales (clerk_id, closed_at);
CREATE INDEX sales_shift ON sales (shift_id);

ALTER TABLE sale_lines
    ADD COLUMN list_price_minor  BIGINT       NULL,
    ADD COLUMN discount_minor    BIGINT       NOT NULL DEFAULT 0,
    ADD COLUMN discount_reason   VARCHAR(255) NULL,
    ADD COLUMN tax_rate_bp       INT          NOT NULL DEFAULT 0,
    ADD COLUMN tax_minor         BIGINT       NOT NULL DEFAULT 0;

CREATE TABLE sale_audit (
    transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
    entry_no       INT          NOT NULL,
    kind           VARCHAR(32) CHARACTER SET ascii NOT NULL,
    at             DATETIME(3)  NOT NULL,
    clerk_id       VARCHAR(40)  NULL,
    approver_id    VARCHAR(40)  NULL,
    subject        VARCHAR(64)  NULL,
    amount_minor   BIGINT       NOT NULL,
    reason         VARCHAR(255) NULL,
    PRIMARY KEY (transaction_id, entry_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every record a till hands on other than sales (returns, till events, Z reports...), as its JSON
-- (pos-contract TillRecordJson), keyed by kind and the record's own id: the store keeps all of it
-- even for kinds that also have tables of their own.
CREATE TABLE till_records (
    kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
    record_id   VARCHAR(32) CHARACTER SET ascii NOT NULL,
    till_id     VARCHAR(64)  NOT NULL,
    at          DATETIME(3)  NOT NULL,
    payload     LONGTEXT     NOT NULL,
    archived_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (kind, record_id),
    KEY till_records_till_at (till_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Audit events outside sales: sign-ins, no-sale drawer openings, pay-ins and pay-outs, shifts opened.
CREATE TABLE till_events (
    event_id     VARCHAR(32) CHARACTER SET ascii NOT NULL,
    till_id      VARCHAR(64)  NOT NULL,
    shift_id     VARCHAR(32) CHARACTER SET ascii NULL,
    kind         VARCHAR(32) CHARACTER SET ascii NOT NULL,
    at           DATETIME(3)  NOT NULL,
    clerk_id     VARCHAR(40)  NULL,
    approver_id  VARCHAR(40)  NULL,
    subject      VARCHAR(64)  NULL,
    amount_minor BIGINT       NOT NULL,
    reason       VARCHAR(255) NULL,
    PRIMARY KEY (event_id),
    KEY till_events_till_at (till_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
