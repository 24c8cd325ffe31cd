package pos.sync.journal;

import pos.contract.sale.SaleRecordJson;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the journal as the outbox hands it on. Immutable.
 *
 * @param seq           the journal's append order, from 1; never reused
 * @param transactionId the sale's transaction id (the idempotency key)
 * @param kind          what happened, e.g. {@link SqliteSaleJournal#SALE_FINISHED}
 * @param payload       the {@link pos.core.sale.SaleRecord} as JSON ({@link SaleRecordJson})
 * @param createdAt     when the row was appended
 */
public record JournalEntry(long seq, String transactionId, String kind, String payload, Instant createdAt) implements HandOverJournal.Row {
    public JournalEntry {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
