-- Vouchers (R1-R6). Times are UTC.
-- vouchers: every voucher the hub issued (./pos hub vouchers issue), with its signed code.
CREATE TABLE vouchers (
    voucher_id   VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    code         VARCHAR(320) CHARACTER SET ascii NOT NULL,   -- the PV1 text in the QR code
    fingerprint  CHAR(64)     CHARACTER SET ascii NOT NULL,   -- SHA-256 of the signed payload, hex
    benefit_kind VARCHAR(16)  NOT NULL,                       -- AMOUNT_OFF or PRODUCT
    amount_minor BIGINT       NULL,
    currency     CHAR(3)      CHARACTER SET ascii NULL,
    product_code VARCHAR(32)  NULL,
    customer_ref VARCHAR(64)  NOT NULL,
    store_id     VARCHAR(32)  NOT NULL,                       -- '*' = any store
    key_id       VARCHAR(32)  NOT NULL,
    expires_at   DATETIME(3)  NOT NULL,
    issued_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (voucher_id),
    KEY vouchers_expires_at (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- voucher_redemptions: successful redemptions only (R4), archived from the Redis stream
-- pos:vouchers:redeemed. The UNIQUE key on voucher_id is the final guard of R6: a second
-- redemption of a voucher can never be stored; if Redis ever said otherwise, this row wins and
-- the conflict is reported. No foreign key to vouchers: a redemption is never refused here.
CREATE TABLE voucher_redemptions (
    order_no       VARCHAR(40) CHARACTER SET ascii NOT NULL,
    voucher_id     VARCHAR(32) CHARACTER SET ascii NOT NULL,
    store_id       VARCHAR(32) NOT NULL,
    till_id        VARCHAR(64) NOT NULL,
    transaction_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
    redeemed_at    DATETIME(3) NOT NULL,
    archived_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (order_no),
    UNIQUE KEY voucher_redemptions_voucher (voucher_id),
    KEY voucher_redemptions_transaction (transaction_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
