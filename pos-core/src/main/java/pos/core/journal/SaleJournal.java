package pos.core.journal;

import pos.core.sale.SaleRecord;

/**
 * The till's durable local record of finished sales: the first thing that happens to a sale when
 * it is paid or cancelled, before a receipt prints and before anything goes over a network.
 *
 * <p>Contract: when {@link #append} returns, the record is on disk (fsynced) and survives a crash
 * or a power cut; nothing that happens afterwards can lose it. Appending the same transaction id
 * twice keeps the first record and reports {@code false}. Implementations are thread-safe.
 */
public interface SaleJournal {

    /**
     * Appends a finished sale durably.
     *
     * @return true if appended, false if a record with the same transaction id was already there
     * @throws JournalWriteException if it could not be made durable (disk full, file unwritable);
     *     the sale must then not be treated as done
     */
    boolean append(SaleRecord sale);

    /** How many journaled sales have not yet been handed on to the store's servers. */
    long backlog();
}
