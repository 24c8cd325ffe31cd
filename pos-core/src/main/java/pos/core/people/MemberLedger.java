package pos.core.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of one member's stored value, in memory: debits and top-ups keyed by transaction id
 * (a repeat answers the first result), no debit beyond the balance, amounts in minor units. The
 * store's shared ledger (Redis) applies the same rules atomically; this class is their reference
 * and serves a till's local view. Not thread-safe.
 */
public final class MemberLedger {

    private final String memberId;
    private long balanceMinor;
    private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

    /** An empty ledger of {@code memberId} (balance 0). */
    public MemberLedger(String memberId) {
        this.memberId = Objects.requireNonNull(memberId, "memberId");
    }

    /** Takes {@code amountMinor} for {@code transactionId}, or refuses; see {@link StoredValue#debit}. */
    public DebitResult debit(String transactionId, long amountMinor, String tillId, Instant at) {
        return move(LedgerEntry.Kind.DEBIT, transactionId, amountMinor, tillId, at);
    }

    /** Adds {@code amountMinor} for {@code transactionId}; see {@link StoredValue#topUp}. */
    public DebitResult topUp(String transactionId, long amountMinor, String tillId, Instant at) {
        return move(LedgerEntry.Kind.TOP_UP, transactionId, amountMinor, tillId, at);
    }

    private DebitResult move(LedgerEntry.Kind kind, String transactionId, long amountMinor, String tillId, Instant at) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("an amount to " + (kind == LedgerEntry.Kind.DEBIT ? "debit" : "top up")
                    + " is positive: " + amountMinor);
        }
        LedgerEntry before = entries.get(transactionId);
        if (before != null) {
            if (before.kind() != kind || before.amountMinor() != amountMinor) {
                return new DebitResult(DebitResult.Outcome.CONFLICTING_RETRY, memberId, transactionId, amountMinor,
                        balanceMinor, conflictMessage(transactionId, before));
            }
            return new DebitResult(DebitResult.Outcome.ALREADY_DONE, memberId, transactionId, amountMinor,
                    before.balanceAfterMinor(), "Already " + (kind == LedgerEntry.Kind.DEBIT ? "paid" : "topped up")
                    + " by transaction " + transactionId);
        }
        if (kind == LedgerEntry.Kind.DEBIT && balanceMinor < amountMinor) {
            return new DebitResult(DebitResult.Outcome.INSUFFICIENT_BALANCE, memberId, transactionId, amountMinor,
                    balanceMinor, insufficientMessage(amountMinor, balanceMinor));
        }
        balanceMinor = Math.addExact(balanceMinor, kind == LedgerEntry.Kind.DEBIT ? -amountMinor : amountMinor);
        entries.put(transactionId, new LedgerEntry(transactionId, memberId, kind, amountMinor, balanceMinor, tillId, at));
        return new DebitResult(DebitResult.Outcome.DONE, memberId, transactionId, amountMinor, balanceMinor,
                kind == LedgerEntry.Kind.DEBIT ? "Paid from stored value" : "Stored value topped up");
    }

    /** The balance in minor units. */
    public long balanceMinor() {
        return balanceMinor;
    }

    /** The entries in the order they were made. */
    public List<LedgerEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** The sentence for a refused debit; shared with the store's ledger so both say the same. */
    public static String insufficientMessage(long amountMinor, long balanceMinor) {
        return "Not enough stored value: the member has " + balanceMinor + " and the sale needs " + amountMinor
                + " (minor units); nothing was taken";
    }

    private static String conflictMessage(String transactionId, LedgerEntry before) {
        return "Transaction " + transactionId + " already " + (before.kind() == LedgerEntry.Kind.DEBIT ? "debited " : "topped up ")
                + before.amountMinor() + "; a different amount under the same id is refused";
    }
}
