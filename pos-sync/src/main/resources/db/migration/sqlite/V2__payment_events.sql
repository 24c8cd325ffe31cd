-- Payments journal their events beside the sales (DESIGN §3, R7): one transaction id now has
-- several rows, one per kind (SALE_FINISHED, PAYMENT_PENDING, PAYMENT_RESULT, ...). The first row
-- of a kind is kept; a repeated append of the same kind is ignored (idempotent).
-- SQLite cannot change a constraint in place: the table is rebuilt, keeping every seq, and the
-- AUTOINCREMENT counter is carried over so that a seq is never reused.
CREATE TABLE journal_v2 (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    payload        TEXT    NOT NULL,   -- SALE_FINISHED: the SaleRecord as JSON; PAYMENT_*: the payment event as JSON
    created_at     TEXT    NOT NULL,   -- ISO-8601 UTC instant of the append
    UNIQUE (transaction_id, kind)
);

INSERT INTO journal_v2 (seq, transaction_id, kind, payload, created_at)
    SELECT seq, transaction_id, kind, payload, created_at FROM journal ORDER BY seq;

-- Copying with explicit seqs sets journal_v2's counter to the highest seq; keep the old counter if higher.
UPDATE sqlite_sequence
    SET seq = max(seq, coalesce((SELECT s.seq FROM sqlite_sequence s WHERE s.name = 'journal'), 0))
    WHERE name = 'journal_v2';

DROP TABLE journal;
ALTER TABLE journal_v2 RENAME TO journal;

-- The outbox reads sale rows in seq order; payments are looked up by kind.
CREATE INDEX journal_kind_seq ON journal (kind, seq);
