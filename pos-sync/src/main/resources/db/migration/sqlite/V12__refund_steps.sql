-- Issue 12, returns and refunds: every step of a return's refunds is journaled before and after the
-- money moves (the plan before the gateway is asked, each refund once done), so that a retry, a crash
-- or a restart never refunds twice and a return left half-done is found at start-up. The return
-- itself is the RETURN_FINISHED row of the journal, written when every refund is done.
CREATE TABLE refund_steps (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    return_id  TEXT    NOT NULL,   -- the return's id (a ULID made at the till)
    refund_no  TEXT    NOT NULL,   -- the refund number (return id + tender index); the return id for RETURN_STARTED
    step       TEXT    NOT NULL,   -- RETURN_STARTED, REFUND_ASKED, REFUND_DONE, REFUND_FAILED
    payload    TEXT    NOT NULL,   -- JSON: the planned return (RETURN_STARTED), the refund's detail otherwise
    created_at TEXT    NOT NULL,   -- ISO-8601 UTC instant of the append
    UNIQUE (refund_no, step)       -- the first row of a step is kept; a repeated append is ignored
);

CREATE INDEX refund_steps_return ON refund_steps (return_id, seq);
CREATE INDEX refund_steps_step ON refund_steps (step, seq);
