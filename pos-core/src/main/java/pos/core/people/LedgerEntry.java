package pos.core.people;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement of a member's stored value, keyed by the client-made transaction id (its
 * idempotency key everywhere: Redis, SQLite, MariaDB). Immutable.
 *
 * @param transactionId      the sale's (debit) or the top-up's transaction id
 * @param memberId           whose stored value
 * @param kind               debit or top-up
 * @param amountMinor        the amount, always positive, in minor units
 * @param balanceAfterMinor  the balance right after it, in minor units
 * @param tillId             the till that made it
 * @param at                 when
 */
public record LedgerEntry(String transactionId, String memberId, Kind kind, long amountMinor, long balanceAfterMinor,
        String tillId, Instant at) {

    /** Which way the money moved. */
    public enum Kind {
        /** Paid for a sale. */
        DEBIT,
        /** Money put on the account. */
        TOP_UP
    }

    public LedgerEntry {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(kind, "kind");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a ledger amount is positive: " + amountMinor);
        }
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(at, "at");
    }
}
