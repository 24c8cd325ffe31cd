package pos.sync.refund;

/** The journaled steps of a return's refunds ({@code refund_steps.step}, SQLite V12). */
public enum RefundStepKind {
    /** The return was checked and planned; journaled before any money moves. Keyed by the return id. */
    RETURN_STARTED,
    /** A refund was asked of the gateway (the first ask; retries use the same refund number). */
    REFUND_ASKED,
    /** A refund is done: the gateway's refund id, or the cash counted out. */
    REFUND_DONE,
    /** The gateway refused a refund (its code and message); the return stays unfinished. */
    REFUND_FAILED
}
