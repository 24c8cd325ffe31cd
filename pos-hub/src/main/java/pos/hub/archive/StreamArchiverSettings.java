package pos.hub.archive;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StreamArchiver} reads its stream and what it does with entries. Immutable.
 *
 * @param streamKey         the stream
 * @param consumerGroup     the consumer group all archivers of the stream share
 * @param consumerName      this archiver's name in the group; a restarted archiver with the same
 *                          name finishes what it had read first
 * @param batchSize         N: the most entries per read and per transaction (R9)
 * @param period            how long a read waits for new entries, and the first retry pause
 * @param claimMinIdle      entries another consumer left unacknowledged this long are taken over
 * @param writers           how many batches may be written at once; with 1 the reading thread
 *                          writes them itself
 * @param cleanup           what happens to acknowledged entries
 * @param trimInterval      how often acknowledged entries are trimmed ({@link Cleanup#TRIM} only)
 * @param malformed         what happens to an entry that can never be archived
 * @param deadLetterKey     the dead-letter stream ({@link Malformed#DEAD_LETTER} only)
 * @param deadLetterIdField the dead letter's field holding the entry's id ({@link Malformed#DEAD_LETTER} only)
 */
public record StreamArchiverSettings(String streamKey, String consumerGroup, String consumerName, int batchSize,
        Duration period, Duration claimMinIdle, int writers, Cleanup cleanup, Duration trimInterval, Malformed malformed,
        String deadLetterKey, String deadLetterIdField) {

    /** The default for {@code claimMinIdle}. */
    public static final Duration DEFAULT_CLAIM_MIN_IDLE = Duration.ofSeconds(60);

    /** What happens to entries once acknowledged. */
    public enum Cleanup {
        /**
         * {@code XDEL} with the {@code XACK}: for a stream with one consumer group, so it stays as
         * short as the backlog. An entry found pending without fields was deleted by then and is
         * only acknowledged.
         */
        DELETE,
        /**
         * Every {@code trimInterval}, entries that every group acknowledged are trimmed ({@code
         * XTRIM MINID}); never an unacknowledged one. For a stream other groups read too.
         */
        TRIM
    }

    /** What happens to an entry the sink cannot parse or the store refuses. */
    public enum Malformed {
        /** Logged, copied with the reason to the dead-letter stream, and acknowledged. */
        DEAD_LETTER,
        /** Logged and left pending for a person to look at (only a trusted writer fills the stream). */
        LEAVE_PENDING
    }

    public StreamArchiverSettings {
        requireText(streamKey, "streamKey");
        requireText(consumerGroup, "consumerGroup");
        requireText(consumerName, "consumerName");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1: " + writers);
        }
        requirePositive(period, "period");
        requirePositive(claimMinIdle, "claimMinIdle");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(malformed, "malformed");
        if (cleanup == Cleanup.TRIM) {
            requirePositive(trimInterval, "trimInterval");
        }
        if (malformed == Malformed.DEAD_LETTER) {
            requireText(deadLetterKey, "deadLetterKey");
            requireText(deadLetterIdField, "deadLetterIdField");
        }
    }

    /**
     * One writer, claims after {@link #DEFAULT_CLAIM_MIN_IDLE}, entries deleted once acknowledged,
     * malformed entries left pending.
     */
    public static StreamArchiverSettings of(String streamKey, String consumerGroup, String consumerName, int batchSize,
            Duration period) {
        return new StreamArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, DEFAULT_CLAIM_MIN_IDLE,
                1, Cleanup.DELETE, null, Malformed.LEAVE_PENDING, null, null);
    }

    public StreamArchiverSettings withClaimMinIdle(Duration idle) {
        return new StreamArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, idle, writers, cleanup,
                trimInterval, malformed, deadLetterKey, deadLetterIdField);
    }

    public StreamArchiverSettings withWriters(int count) {
        return new StreamArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, claimMinIdle, count,
                cleanup, trimInterval, malformed, deadLetterKey, deadLetterIdField);
    }

    /** Acknowledged entries stay until trimmed every {@code interval}. */
    public StreamArchiverSettings trimmedEvery(Duration interval) {
        return new StreamArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, claimMinIdle, writers,
                Cleanup.TRIM, interval, malformed, deadLetterKey, deadLetterIdField);
    }

    /** Malformed entries go to the stream {@code key}, their id in the field {@code idField}. */
    public StreamArchiverSettings deadLetteredTo(String key, String idField) {
        return new StreamArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, claimMinIdle, writers,
                cleanup, trimInterval, Malformed.DEAD_LETTER, key, idField);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
