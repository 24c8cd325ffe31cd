-- Issue 12 point 7: sales parked through the hub, recalled on any till of the store. A recall claims the
-- row atomically (UPDATE ... WHERE recalled_by IS NULL): of two tills recalling the same sale one wins,
-- the other is told. A recalled row is kept (who recalled it and when) for the audit.
CREATE TABLE parked_sales (
    transaction_id VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    till_id        VARCHAR(32)  CHARACTER SET ascii NOT NULL,   -- the till that parked it
    payload        MEDIUMTEXT   NOT NULL,                       -- the SaleSnapshot as JSON (pos.contract.sale.SaleSnapshotJson)
    parked_at      DATETIME(3)  NOT NULL,
    clerk_name     VARCHAR(255) NULL,
    item_count     INT          NOT NULL,
    total_minor    BIGINT       NOT NULL,
    currency       CHAR(3)      CHARACTER SET ascii NOT NULL,
    recalled_by    VARCHAR(32)  CHARACTER SET ascii NULL,       -- the till that recalled it
    recalled_at    DATETIME(3)  NULL,
    PRIMARY KEY (transaction_id),
    INDEX parked_sales_open (recalled_by, parked_at)
) ENGINE = InnoDB;
