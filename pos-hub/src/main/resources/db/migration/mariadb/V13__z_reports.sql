-- Issue 12, point 5: the Z reports that close the tills' shifts, one row per Z with its figures as
-- columns (the whole report, tax per rate and the counted notes and coins included, is also in
-- till_records as its JSON), and one row per tender. A Z is immutable: a re-delivered Z changes
-- nothing. Z numbers are per till, without gaps, never reused.
CREATE TABLE z_reports (
    shift_id             VARCHAR(32) CHARACTER SET ascii NOT NULL,
    till_id              VARCHAR(64)  NOT NULL,
    z_number             BIGINT       NOT NULL,
    currency             CHAR(3) CHARACTER SET ascii NOT NULL,
    opened_at            DATETIME(3)  NOT NULL,
    closed_at            DATETIME(3)  NOT NULL,
    opened_by            VARCHAR(40)  NULL,
    closed_by            VARCHAR(40)  NULL,
    float_minor          BIGINT       NOT NULL,
    sales_count          INT          NOT NULL,
    sales_minor          BIGINT       NOT NULL,
    returns_count        INT          NOT NULL,
    returns_minor        BIGINT       NOT NULL,
    tax_minor            BIGINT       NOT NULL,  -- the sales' tax minus the returns' tax, all rates
    discounts_minor      BIGINT       NOT NULL,
    sale_discounts_minor BIGINT       NOT NULL,
    voids_count          INT          NOT NULL,
    voids_minor          BIGINT       NOT NULL,
    cancellations_count  INT          NOT NULL,
    cancellations_minor  BIGINT       NOT NULL,
    no_sales_count       INT          NOT NULL,
    pay_ins_count        INT          NOT NULL,
    pay_ins_minor        BIGINT       NOT NULL,
    pay_outs_count       INT          NOT NULL,
    pay_outs_minor       BIGINT       NOT NULL,
    cash_rounding_minor  BIGINT       NOT NULL,
    expected_minor       BIGINT       NOT NULL,
    counted_minor        BIGINT       NOT NULL,
    variance_minor       BIGINT       NOT NULL,
    variance_reason      VARCHAR(255) NULL,
    handed_on_pending    BIGINT       NOT NULL,
    PRIMARY KEY (shift_id),
    UNIQUE KEY z_reports_till_number (till_id, z_number),
    KEY z_reports_closed_at (closed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE z_report_tenders (
    shift_id      VARCHAR(32) CHARACTER SET ascii NOT NULL,
    tender        VARCHAR(16) CHARACTER SET ascii NOT NULL,
    sales_count   INT         NOT NULL,
    sales_minor   BIGINT      NOT NULL,
    refunds_count INT         NOT NULL,
    refunds_minor BIGINT      NOT NULL,
    net_minor     BIGINT      NOT NULL,
    PRIMARY KEY (shift_id, tender)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
