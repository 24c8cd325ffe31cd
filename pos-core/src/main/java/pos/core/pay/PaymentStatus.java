package pos.core.pay;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one payment stands, as the till, the hub and the gateway's answers say. The allowed moves
 * are the compare-and-set rule of the hub and the till: a status never moves backwards, and the
 * money truth wins: a payment the gateway reports as paid after the till closed it becomes
 * SUCCESS again (then it is honoured or refunded, never ignored).
 *
 * <pre>
 * PENDING    → USERPAYING, SUCCESS, CLOSED, REVOKED, FAILED
 * USERPAYING → SUCCESS, CLOSED, REVOKED, FAILED
 * SUCCESS    → REFUNDED, REVOKED
 * CLOSED     → SUCCESS, REFUNDED, REVOKED  (paid after all: the gateway's word on money wins; a
 *                                        refund or reversal of that late money may be heard first)
 * FAILED     → SUCCESS, REFUNDED, REVOKED  (an unclear failure that a query later finds paid)
 * REVOKED, REFUNDED: terminal
 * </pre>
 */
public enum PaymentStatus {
    /** Created; no definite answer yet (the gateway's NOTPAY, or no answer at all). */
    PENDING,
    /** The customer must confirm on the phone; query again. */
    USERPAYING,
    /** The money is taken. */
    SUCCESS,
    /** The order was closed unpaid. */
    CLOSED,
    /** Reversed or cancelled; a payment that had been taken was given back. */
    REVOKED,
    /** Refunded after success. */
    REFUNDED,
    /** Refused: declined, insufficient balance, invalid code. */
    FAILED;

    /** True when the till stops waiting: nothing more is expected without someone acting. */
    public boolean isFinal() {
        return this != PENDING && this != USERPAYING;
    }

    /** True when the customer's money is with the store. */
    public boolean isPaid() {
        return this == SUCCESS;
    }

    public Set<PaymentStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(USERPAYING, SUCCESS, CLOSED, REVOKED, FAILED);
            case USERPAYING -> EnumSet.of(SUCCESS, CLOSED, REVOKED, FAILED);
            case SUCCESS -> EnumSet.of(REFUNDED, REVOKED);
            case CLOSED, FAILED -> EnumSet.of(SUCCESS, REFUNDED, REVOKED);
            case REVOKED, REFUNDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    /** The compare-and-set rule: may a payment now in this status be moved to {@code next}? */
    public boolean canMoveTo(PaymentStatus next) {
        return next == this || allowedNext().contains(next);
    }
}
