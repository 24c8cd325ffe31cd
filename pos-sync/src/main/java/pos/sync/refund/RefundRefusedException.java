package pos.sync.refund;

/**
 * A return whose money cannot go back as planned, with the sentence for the clerk: a tender the
 * till cannot refund (a voucher, stored value), a gateway tender without a gateway, a refund the
 * gateway refused, or a gateway that did not answer after every retry. What was already refunded
 * stays journaled; the return stays unfinished ({@link SqliteRefundSteps#unfinished()}) and is
 * finished by trying it again with the same return id, which never refunds twice.
 */
public final class RefundRefusedException extends RuntimeException {

    public RefundRefusedException(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    /** The sentence for the person at the till. */
    public String sentence() {
        return getMessage();
    }
}
