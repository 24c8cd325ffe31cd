package pos.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;

/**
 * A shift as the reports see it: the period from one {@link AuditKind#SHIFT_OPENED} event to the next (issue 12,
 * point 8). Immutable.
 *
 * @param shiftId the shift's id (the event's shift id, or the event's own id when it names none)
 * @param clerkId who opened it, null when unknown
 * @param from    when it was opened, inclusive
 * @param to      when the next one was opened, or the end asked for, exclusive
 */
public record Shift(String shiftId, String clerkId, Instant from, Instant to) {

    public Shift {
        Objects.requireNonNull(shiftId, "shiftId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The shifts that {@code events} open, oldest first: each runs until the next one opens, the last until
     * {@code until}. Events of other kinds are ignored; no SHIFT_OPENED event, no shifts (the report is then the day).
     */
    public static List<Shift> from(List<TillEvent> events, Instant until) {
        List<TillEvent> opened = events.stream().filter(e -> e.entry().kind() == AuditKind.SHIFT_OPENED)
                .sorted(Comparator.comparing(TillEvent::at)).toList();
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            TillEvent event = opened.get(i);
            Instant end = i + 1 < opened.size() ? opened.get(i + 1).at() : until;
            if (end.isBefore(event.at())) {
                end = event.at();
            }
            shifts.add(new Shift(event.shiftId() == null ? event.eventId() : event.shiftId(), event.entry().clerkId(),
                    event.at(), end));
        }
        return shifts;
    }
}
