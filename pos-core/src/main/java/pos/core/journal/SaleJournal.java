package pos.core.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /** How many journaled records (sales and the other handed-on kinds) have not yet been handed on to the store's servers. */
    long backlog();

    /**
     * Appends any till record durably (a sale, a return, a till event, a Z report): the same
     * contract as {@link #append(SaleRecord)}, keyed by its kind and {@link TillRecord#recordId()}.
     *
     * @return true if appended, false if a record of the same kind and id was already there
     * @throws JournalWriteException if it could not be made durable
     */
    boolean appendRecord(TillRecord record);

    /**
     * The records of every handed-on kind journaled in {@code [from, to)} (by journaling time), in
     * journal order, of type {@code type} ({@code TillRecord.class} for all).
     *
     * @throws RuntimeException (the journal's read failure, with the file and reason) if it cannot be read
     */
    <T extends TillRecord> List<T> records(Class<T> type, Instant from, Instant to);

    /** The record of {@code type} with this id, if journaled here. */
    <T extends TillRecord> Optional<T> findRecord(Class<T> type, String recordId);
}
