package pos.core.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly window in which something may be sold (R26): some days of the week, from a time to a
 * time. A window whose end is before its start runs past midnight (22:00–02:00 on Friday covers
 * Saturday 01:00). The end is exclusive.
 *
 * @param days the days the window opens on
 * @param from the opening time
 * @param to   the closing time (exclusive); equal to {@code from} means the whole day
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a time window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether the local time {@code at} (already in the window's zone) is inside the window. */
    public boolean contains(ZonedDateTime at) {
        DayOfWeek day = at.getDayOfWeek();
        LocalTime time = at.toLocalTime();
        if (from.equals(to)) {
            return days.contains(day);
        }
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // past midnight: the evening part on an opening day, the morning part on the day after
        return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
    }
}
