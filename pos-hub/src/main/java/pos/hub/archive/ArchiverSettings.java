package pos.hub.archive;

import java.time.Duration;
import java.util.Objects;
import pos.contract.sale.SaleStream;

/**
 * How an {@link Archiver} reads the archive stream. Immutable.
 *
 * @param streamKey     the archive stream ({@value Outbox#DEFAULT_STREAM_KEY} by default)
 * @param consumerGroup the consumer group all archivers share
 * @param consumerName  this archiver's name in the group; a restarted archiver with the same
 *                      name finishes what it had read first
 * @param batchSize     N of R9: the most sales in one MariaDB transaction
 * @param period        P1 of R9: how long a read waits for new entries, and the first retry
 *                      delay after a failed write (R10)
 * @param workers       how many batches may be written at once (R9's worker pool)
 * @param claimMinIdle  entries another consumer left unacknowledged this long are taken over
 *                      (XAUTOCLAIM), so a dead archiver's batch is not stuck
 * @param trimInterval  how often archived entries (acknowledged by every group) are deleted from
 *                      the stream
 */
public record ArchiverSettings(String streamKey, String consumerGroup, String consumerName, int batchSize,
        Duration period, int workers, Duration claimMinIdle, Duration trimInterval) {

    public static final String DEFAULT_CONSUMER_GROUP = "pos-archivers";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_CLAIM_MIN_IDLE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TRIM_INTERVAL = Duration.ofSeconds(60);

    public ArchiverSettings {
        requireText(streamKey, "streamKey");
        requireText(consumerGroup, "consumerGroup");
        requireText(consumerName, "consumerName");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        requirePositive(period, "period");
        requirePositive(claimMinIdle, "claimMinIdle");
        requirePositive(trimInterval, "trimInterval");
    }

    /** The defaults for a consumer named {@code consumerName}. */
    public static ArchiverSettings defaults(String consumerName) {
        return new ArchiverSettings(SaleStream.KEY, DEFAULT_CONSUMER_GROUP, consumerName, DEFAULT_BATCH_SIZE,
                DEFAULT_PERIOD, DEFAULT_WORKERS, DEFAULT_CLAIM_MIN_IDLE, DEFAULT_TRIM_INTERVAL);
    }

    /** Where entries that cannot be archived go: the stream key plus {@code ":dead"}. */
    public String deadLetterKey() {
        return streamKey + ":dead";
    }

    public ArchiverSettings withStreamKey(String key) {
        return new ArchiverSettings(key, consumerGroup, consumerName, batchSize, period, workers, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withConsumerGroup(String group) {
        return new ArchiverSettings(streamKey, group, consumerName, batchSize, period, workers, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withConsumerName(String name) {
        return new ArchiverSettings(streamKey, consumerGroup, name, batchSize, period, workers, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withBatchSize(int size) {
        return new ArchiverSettings(streamKey, consumerGroup, consumerName, size, period, workers, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withPeriod(Duration p) {
        return new ArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, p, workers, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withWorkers(int count) {
        return new ArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, count, claimMinIdle, trimInterval);
    }

    public ArchiverSettings withClaimMinIdle(Duration idle) {
        return new ArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, workers, idle, trimInterval);
    }

    public ArchiverSettings withTrimInterval(Duration interval) {
        return new ArchiverSettings(streamKey, consumerGroup, consumerName, batchSize, period, workers, claimMinIdle, interval);
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
