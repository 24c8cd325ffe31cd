-- Issue 12, returns and refunds: every return a till journals (RETURN_FINISHED, also kept whole in
-- till_records) with its lines and refunds, linked to the original sale, so the store knows what was
-- already returned of a sale whichever till took it back, and reports count returns per tender.
CREATE TABLE returns (
    return_id               VARCHAR(32) CHARACTER SET ascii NOT NULL,
    original_transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
    original_till_id        VARCHAR(64)  NOT NULL,
    till_id                 VARCHAR(64)  NOT NULL,
    clerk_id                VARCHAR(40)  NULL,
    approver_id             VARCHAR(40)  NULL,
    shift_id                VARCHAR(32) CHARACTER SET ascii NULL,
    currency                CHAR(3) CHARACTER SET ascii NOT NULL,
    total_minor             BIGINT       NOT NULL,
    tax_minor               BIGINT       NOT NULL,
    at                      DATETIME(3)  NOT NULL,
    reason                  VARCHAR(255) NULL,
    PRIMARY KEY (return_id),
    KEY returns_original (original_transaction_id),
    KEY returns_till_at (till_id, at),
    KEY returns_shift (shift_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE return_lines (
    return_id        VARCHAR(32) CHARACTER SET ascii NOT NULL,
    original_line_no INT          NOT NULL,
    product_code     VARCHAR(64)  NOT NULL,
    name             VARCHAR(255) NOT NULL,
    quantity         INT          NOT NULL,
    grams            INT          NOT NULL,
    amount_minor     BIGINT       NOT NULL,
    tax_minor        BIGINT       NOT NULL,
    tax_class        VARCHAR(16)  NOT NULL,
    tax_rate_bp      INT          NOT NULL,
    PRIMARY KEY (return_id, original_line_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE return_refunds (
    return_id          VARCHAR(32) CHARACTER SET ascii NOT NULL,
    refund_no_in_return INT        NOT NULL,
    tender_type        VARCHAR(16)  NOT NULL,
    amount_minor       BIGINT       NOT NULL,
    original_reference VARCHAR(32) CHARACTER SET ascii NULL,
    refund_no          VARCHAR(32) CHARACTER SET ascii NULL,
    refund_id          VARCHAR(64)  NULL,
    PRIMARY KEY (return_id, refund_no_in_return),
    KEY return_refunds_refund_no (refund_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
