package pos.sync.refund;

import java.util.List;
import java.util.Optional;

/**
 * A return whose money cannot go back as planned, with the sentence for the clerk: a tender the
 * till cannot refund (a voucher, stored value), a gateway tender without a gateway, a refund the
 * gateway refused, or a gateway that did not answer after every retry. What was already refunded
 * stays journaled; the return stays unfinished ({@link SqliteRefundSteps#unfinished()}) and is
 * finished by trying it again with the same return id, which never refunds twice.
 *
 * <p>Issue 14.3: pos-sync has no bundles; {@link #reason()} and {@link #values()} let the till say it in its own
 * language (its text {@code returns.refund.<REASON>}); the English sentence is for the log.
 */
public final class RefundRefusedException extends RuntimeException {

    /** Why the money cannot go back. Values: amounts are {@code pos.core.money.Money}, tenders {@code TenderType}. */
    public enum Reason {
        /** Values: the voucher part. The till is not connected to the store, which alone issues credit vouchers. */
        CREDIT_VOUCHER_NOT_CONNECTED,
        /** Values: the voucher part. The store cannot be reached now. */
        CREDIT_VOUCHER_UNREACHABLE,
        /** Values: the voucher issued, the refund number, the amount asked. */
        CREDIT_VOUCHER_WRONG,
        /** Values: the stored-value part. This till has no stored-value ledger. */
        NO_STORED_VALUE_LEDGER,
        /** Values: the amount, the ledger's own words (English detail). */
        STORED_VALUE_FAILED,
        /** Values: the tender. No payment gateway set up. */
        NO_GATEWAY,
        /** Values: the amount, the tender, the gateway's code. */
        GATEWAY_REFUSED,
        /** Values: the amount, the number of tries. */
        GATEWAY_SILENT,
        /** Values: the refund number. */
        INTERRUPTED
    }

    private final Reason reason;
    private final transient List<Object> values;

    public RefundRefusedException(String sentence, Throwable cause) {
        super(sentence, cause);
        this.reason = null;
        this.values = List.of();
    }

    public RefundRefusedException(String sentence, Throwable cause, Reason reason, Object... values) {
        super(sentence, cause);
        this.reason = reason;
        this.values = List.of(values);
    }

    /** The sentence for the person at the till, in English (the log; where the till has no text for the reason). */
    public String sentence() {
        return getMessage();
    }

    /** Why, or empty when only the sentence is known. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The values of the reason's text. */
    public List<Object> values() {
        return values == null ? List.of() : values;
    }
}
