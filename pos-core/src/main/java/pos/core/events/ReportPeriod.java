package pos.core.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The periods the till reports over, in the till's time zone. Immutable. */
public enum ReportPeriod {
    /** From midnight today until now. */
    TODAY(1),
    /** From midnight six days ago until now: today and the six days before. */
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
}
