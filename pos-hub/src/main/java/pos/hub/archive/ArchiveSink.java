package pos.hub.archive;

import io.lettuce.core.StreamMessage;
import java.util.List;
import java.util.Optional;

/**
 * The per-stream part of a {@link StreamArchiver}: what an entry of one stream means and how a
 * batch of them is written. The archiver owns the consumer-group loop (reads, claims, retries,
 * dead letters, acknowledgements); a sink knows nothing of Redis streams. Implementations are
 * called from the archiver's threads (several at once when it has more than one writer) and must
 * be thread-safe accordingly.
 *
 * @param <T> one parsed entry, e.g. a sale record
 */
public interface ArchiveSink<T> {

    /**
     * Gets ready to write: creates or upgrades the schema, fills caches. Called before the first
     * round and again before the first round after any failed one, so it must be idempotent.
     *
     * @throws RuntimeException if it cannot; the round fails and is retried after a pause
     */
    default void prepare() {
    }

    /**
     * One stream entry as a record, checked against everything that would make its batch fail
     * forever (column lengths, unknown kinds).
     *
     * @throws MalformedArchiveEntryException if the entry can never be archived
     */
    T parse(StreamMessage<String, String> entry);

    /**
     * Writes {@code records} in one transaction, idempotently (an entry may be delivered more than
     * once). The archiver acknowledges their entries only after this returns.
     *
     * @return how many records were written, for the listener (e.g. distinct sales)
     * @throws RuntimeException if the transaction did not commit; nothing of it may be kept
     */
    int write(List<T> records);

    /**
     * Whether {@code failure} of {@link #write} means the store refused a record's data (not that
     * it is unreachable). Then the archiver writes the batch again one record at a time and
     * handles only the refused ones as malformed. By default no failure is one.
     */
    default boolean refusedData(RuntimeException failure) {
        return false;
    }

    /**
     * The till {@code record} itself names (a sale's till id), which must be the till that signed its
     * entry; empty when the record names none. By default none.
     */
    default Optional<String> tillNamedIn(T record) {
        return Optional.empty();
    }

    /** One sentence for the log when the stream or its group vanished (Redis lost its data): what that means here. */
    default String lostStreamConsequence() {
        return "entries handed on but not yet archived are lost from Redis";
    }
}
