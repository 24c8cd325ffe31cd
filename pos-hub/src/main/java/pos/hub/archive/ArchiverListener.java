package pos.hub.archive;

/**
 * What an {@link Archiver} reports, for metrics, tests and the store hub's status page. Calls come
 * from the archiver's threads (possibly several at once) and must return quickly.
 */
public interface ArchiverListener {

    /** A listener that ignores everything. */
    ArchiverListener NONE = new ArchiverListener() {
    };

    /**
     * One MariaDB transaction committed {@code sales} distinct sales (at most the batch size, R9)
     * from {@code entries} stream entries; they are acknowledged next (R10).
     */
    default void batchArchived(int sales, int entries) {
    }

    /** An entry that cannot be archived was moved to the dead-letter stream and acknowledged. */
    default void deadLettered(String entryId, String reason) {
    }

    /** A round failed and nothing of it was acknowledged; it is retried after a pause. */
    default void failed(String detail) {
    }
}
