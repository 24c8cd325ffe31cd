-- Issue 12 point 7, recovery. The open sale survives a crash of the till: its row is rewritten on every
-- change of the sale (coalesced, at most ~200 ms behind) and deleted when the sale is journaled. Normally
-- one row; a sale whose payment was taken but not finished keeps its row beside the next customer's until
-- the clerk finishes or refunds that payment.
CREATE TABLE open_sale (
    transaction_id TEXT    PRIMARY KEY,
    payload        TEXT    NOT NULL,   -- the SaleSnapshot as JSON (pos.contract.sale.SaleSnapshotJson)
    saved_at       TEXT    NOT NULL    -- ISO-8601 UTC instant
);

-- Sales parked on this till (Ctrl+H), until recalled; parked through the hub they live in MariaDB instead.
CREATE TABLE parked_sales (
    transaction_id TEXT    PRIMARY KEY,
    payload        TEXT    NOT NULL,   -- the SaleSnapshot as JSON
    parked_at      TEXT    NOT NULL,
    clerk_name     TEXT,
    item_count     INTEGER NOT NULL,
    total_minor    INTEGER NOT NULL
);

-- Start-up recovery of payments taken whose sale was never journaled: every PAYMENT_* and SALE_FINISHED
-- row up to checked_seq has been matched (a paid payment with its sale, or settled by finish or refund),
-- so the next start looks only at the rows after it.
CREATE TABLE payment_recovery (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checked_seq INTEGER NOT NULL
);
INSERT INTO payment_recovery (id, checked_seq) VALUES (1, 0);
