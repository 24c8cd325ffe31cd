package pos.sync.shift;

import java.time.Instant;
import java.util.Objects;

/**
 * The shift open on a till: found again after a restart from its journaled {@code SHIFT_OPENED} event. Immutable.
 *
 * @param shiftId    the shift's id (a ULID; the id of its Z report when it closes)
 * @param tillId     the till
 * @param floatMinor the cash it opened with
 * @param openedAt   when
 * @param openedBy   the clerk who opened it; null without sign-in
 */
public record OpenShift(String shiftId, String tillId, long floatMinor, Instant openedAt, String openedBy) {
    public OpenShift {
        Objects.requireNonNull(shiftId, "shiftId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(openedAt, "openedAt");
    }
}
