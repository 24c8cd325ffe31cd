package pos.core.people;

import java.util.Objects;

/**
 * What a stored-value debit or top-up came to. {@link #message()} is the sentence for the clerk.
 * Immutable.
 *
 * @param outcome            what happened
 * @param memberId           the member
 * @param transactionId      the idempotency key
 * @param amountMinor        the amount asked for, minor units
 * @param balanceMinor       the balance now (after a success; the unchanged balance after a refusal; -1 unknown)
 * @param message            the sentence to show
 */
public record DebitResult(Outcome outcome, String memberId, String transactionId, long amountMinor, long balanceMinor,
        String message) {

    /** What happened. */
    public enum Outcome {
        /** The money moved now. */
        DONE,
        /** The same transaction id moved it before (a retry): nothing moved again. */
        ALREADY_DONE,
        /** The balance is less than the amount: nothing moved. */
        INSUFFICIENT_BALANCE,
        /** The same transaction id was used before with another member or amount: nothing moved. */
        CONFLICTING_RETRY,
        /** The store's ledger (Redis) cannot be reached: nothing moved, it cannot be proven unspent. */
        UNAVAILABLE
    }

    public DebitResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the money has moved (now or by an earlier try with the same transaction id). */
    public boolean isSuccess() {
        return outcome == Outcome.DONE || outcome == Outcome.ALREADY_DONE;
    }
}
