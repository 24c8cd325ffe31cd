package pos.sync.journal;

import java.util.List;

/**
 * A journal whose rows are handed on to the store in append order, past a sync position kept in
 * the same file (DESIGN §4): what an outbox ({@code pos.sync.outbox.StreamOutbox}) reads. The
 * sales journal and the UI event journal are both one. Implementations are thread-safe.
 *
 * @param <R> one row as read for handing on
 */
public interface HandOverJournal<R extends HandOverJournal.Row> {

    /** A row read for handing on. */
    interface Row {
        /** Its append position: increasing, never reused. */
        long seq();
    }

    /** The highest {@code seq} handed on so far (0 when none). */
    long handedOnSeq();

    /** Rows after {@code afterSeq}, in append order, at most {@code limit} (at least 1). */
    List<R> readAfter(long afterSeq, int limit);

    /** Records that every row up to {@code seq} was handed on; the position only moves forward. */
    void markHandedOn(long seq);

    /** How many rows have not been handed on yet. */
    long backlog();

    /**
     * Runs {@code listener} on the appending thread after each new row is committed (it must return
     * quickly); by default nothing is told, and the outbox looks only every period.
     *
     * @return a handle that removes the listener
     */
    default AutoCloseable onAppend(Runnable listener) {
        return () -> { };
    }
}
