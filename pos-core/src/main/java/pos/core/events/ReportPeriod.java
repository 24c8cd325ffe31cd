package pos.core.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The periods the till reports over, whole local days in the till's time zone, from
 * {@link #start} (inclusive) to {@link #end} (exclusive, the next midnight: "today" includes this
 * very moment). Immutable.
 */
public enum ReportPeriod {
    /** Today, from local midnight. */
    TODAY(1),
    /** Today and the six days before. */
    LAST_7_DAYS(7);

    private final int days;

    ReportPeriod(int days) {
        this.days = days;
    }

    /** The first instant of the period, in {@code zone}, as of {@code clock}'s now. */
    public Instant start(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return today.minusDays(days - 1L).atStartOfDay(zone).toInstant();
    }

    /** The end of the period (exclusive): the next local midnight after {@code clock}'s now. */
    public Instant end(Clock clock, ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone).plusDays(1).atStartOfDay(zone).toInstant();
    }
}
