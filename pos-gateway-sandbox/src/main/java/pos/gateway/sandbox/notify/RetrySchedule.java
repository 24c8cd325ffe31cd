package pos.gateway.sandbox.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When notification attempts happen: {@code steps.get(0)} after the event, then each next step
 * after the previous attempt, then every {@code repeatEvery}, until {@code giveUpAfter} from the
 * event. The default is the real gateways' schedule scaled down: 0 s, 1 s, 2 s, 5 s, 10 s, 30 s,
 * 60 s, then every 5 minutes up to 24 hours.
 *
 * <p>Immutable and thread-safe.
 *
 * @param steps the delays before the first attempts, at least one, none negative
 * @param repeatEvery the delay between attempts after the steps run out, positive
 * @param giveUpAfter how long after the event attempts stop, positive
 */
public record RetrySchedule(List<Duration> steps, Duration repeatEvery, Duration giveUpAfter) {

    private static final RetrySchedule DEFAULT = new RetrySchedule(
            List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)),
            Duration.ofMinutes(5), Duration.ofHours(24));

    /**
     * Checks the schedule.
     *
     * @param steps the first delays
     * @param repeatEvery the later delay
     * @param giveUpAfter the total span
     */
    public RetrySchedule {
        steps = List.copyOf(steps);
        Objects.requireNonNull(repeatEvery, "repeatEvery");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (steps.isEmpty() || steps.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a retry schedule needs at least one step and no negative one: " + steps);
        }
        if (repeatEvery.isNegative() || repeatEvery.isZero() || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("the repeat interval and the give-up span must be positive, were "
                    + repeatEvery + " and " + giveUpAfter);
        }
    }

    /**
     * The default schedule.
     *
     * @return 0 s, 1 s, 2 s, 5 s, 10 s, 30 s, 60 s, then every 5 minutes up to 24 hours
     */
    public static RetrySchedule defaults() {
        return DEFAULT;
    }

    /**
     * A schedule from milliseconds, for tests and the command line.
     *
     * @param stepsMs the first delays in milliseconds
     * @param repeatEveryMs the later delay in milliseconds
     * @param giveUpAfterMs the total span in milliseconds
     * @return the schedule
     */
    public static RetrySchedule ofMillis(List<Long> stepsMs, long repeatEveryMs, long giveUpAfterMs) {
        return new RetrySchedule(stepsMs.stream().map(Duration::ofMillis).toList(), Duration.ofMillis(repeatEveryMs),
                Duration.ofMillis(giveUpAfterMs));
    }

    /**
     * The delay before an attempt.
     *
     * @param attemptsMade how many attempts were made before this one
     * @return the delay after the previous attempt (or after the event, for the first)
     */
    public Duration delayBefore(int attemptsMade) {
        return attemptsMade < steps.size() ? steps.get(attemptsMade) : repeatEvery;
    }

    /**
     * When the next attempt is due, if any.
     *
     * @param attemptsMade how many attempts were made
     * @param eventAt when the event happened
     * @param now the time of the last attempt
     * @return the next attempt's time, or empty when it would fall after the give-up span
     */
    public Optional<Instant> nextAttemptAt(int attemptsMade, Instant eventAt, Instant now) {
        Instant next = now.plus(delayBefore(attemptsMade));
        return next.isAfter(eventAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
