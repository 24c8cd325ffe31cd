package pos.core.people;

import java.util.Optional;

/**
 * Port: the store's stored-value ledger of its members, one for all tills so that a balance
 * cannot be spent twice on two tills. Every movement is keyed by a client-made transaction id:
 * repeating a call with the same id answers the first result and moves nothing again.
 * Implementations are thread-safe and never block longer than a few seconds; call them off the
 * FX thread.
 */
public interface StoredValue {

    /**
     * Takes {@code amountMinor} from {@code memberId}'s balance for the sale {@code transactionId};
     * refuses an insufficient balance ({@link DebitResult.Outcome#INSUFFICIENT_BALANCE}) and an
     * unreachable ledger ({@link DebitResult.Outcome#UNAVAILABLE}). Never throws for those.
     */
    DebitResult debit(String memberId, String transactionId, long amountMinor, String tillId);

    /** Adds {@code amountMinor} to {@code memberId}'s balance; idempotent by {@code transactionId} like a debit. */
    DebitResult topUp(String memberId, String transactionId, long amountMinor, String tillId);

    /** The balance in minor units, or empty if the member has none yet; throws if the ledger cannot be reached. */
    Optional<Long> balance(String memberId);
}
