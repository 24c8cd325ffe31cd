package pos.core.audit;

import java.time.Instant;
import java.util.Objects;
import pos.core.journal.TillRecord;

/**
 * An audit event outside any sale, journaled and archived on its own (kind {@value #KIND}): a
 * sign-in, a no-sale drawer opening, a pay-in or pay-out, a shift opened. Immutable.
 *
 * @param eventId  the event's own id (a ULID made at the till)
 * @param tillId   the till
 * @param shiftId  the shift open at the time, null when none
 * @param entry    what happened
 */
public record TillEvent(String eventId, String tillId, String shiftId, AuditEntry entry) implements TillRecord {

    /** The journal and stream kind of till events. */
    public static final String KIND = "TILL_EVENT";

    public TillEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(entry, "entry");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String recordId() {
        return eventId;
    }

    @Override
    public Instant at() {
        return entry.at();
    }
}
